#include "export/pdf/chart.h"

#include <algorithm>

namespace craft::exporting::pdf {
namespace {

constexpr double kBarHeight = 11;
constexpr double kGap = 5;
constexpr double kLabelWidth = 120;
constexpr double kFigureWidth = 95;

}  // namespace

void DrawBarChart(PageFlow& flow, const std::string& title, const std::vector<Bar>& bars,
                  double scale_max) {
  if (bars.empty()) return;
  double max = scale_max;
  for (const Bar& b : bars) max = std::max(max, b.value);
  if (max <= 0) max = 1;
  const Text heading = flow.Lay(title, {.size = 9, .bold = true}, flow.width());
  const double height = heading.height() + 6 + bars.size() * (kBarHeight + kGap) + 6;
  flow.EnsureSpace(std::min(height, flow.usable_height()));
  if (flow.drawing()) heading.Draw(flow.cr(), flow.left(), flow.y());
  flow.Advance(heading.height() + 6);
  const double track = flow.width() - kLabelWidth - kFigureWidth - 8;
  for (const Bar& b : bars) {
    flow.EnsureSpace(kBarHeight + kGap);
    const Text label = flow.Lay(b.label, {.size = 8, .align = Align::kRight}, kLabelWidth - 6);
    const Text figure = flow.Lay(b.figure, {.size = 8, .colour = kMuted}, kFigureWidth);
    if (flow.drawing()) {
      cairo_t* cr = flow.cr();
      const double x = flow.left() + kLabelWidth;
      label.DrawLines(cr, flow.left(), flow.y() - 0.5, 0, 1);
      SetColour(cr, kShade);
      cairo_rectangle(cr, x, flow.y(), track, kBarHeight);
      cairo_fill(cr);
      SetColour(cr, b.colour);
      cairo_rectangle(cr, x, flow.y(), track * std::clamp(b.value / max, 0.0, 1.0), kBarHeight);
      cairo_fill(cr);
      figure.DrawLines(cr, x + track + 8, flow.y() - 0.5, 0, 1);
    }
    flow.Advance(kBarHeight + kGap);
  }
  flow.Advance(6);
}

}  // namespace craft::exporting::pdf
