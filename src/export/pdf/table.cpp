#include "export/pdf/table.h"

#include <algorithm>
#include <numeric>
#include <utility>

namespace craft::exporting::pdf {
namespace {

constexpr double kPadX = 4;
constexpr double kPadY = 3;

std::string Cut(const std::string& text) {
  if (text.size() <= kMaxCellBytes) return text;
  std::size_t end = kMaxCellBytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end) + "…";
}

std::vector<double> ColumnWidths(const PageFlow& flow, const Table& table) {
  double weights = 0;
  double shared = flow.width();
  std::vector<double> fitted(table.columns.size(), 0);
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    const Column& c = table.columns[i];
    if (c.fit.empty()) {
      weights += c.weight;
      continue;
    }
    const TextStyle style{.size = c.size > 0 ? c.size : table.font_size, .mono = c.mono};
    fitted[i] = flow.Lay(c.fit, style, flow.width()).width() + 2 * kPadX + 1;
    shared -= fitted[i];
  }
  std::vector<double> widths;
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    const Column& c = table.columns[i];
    widths.push_back(!c.fit.empty() ? fitted[i] : std::max(0.0, shared) * c.weight / weights);
  }
  return widths;
}

struct LaidRow {
  std::vector<Text> cells;
  double height = 0;
};

LaidRow LayRow(const PageFlow& flow, const Table& table, const std::vector<double>& widths,
               const std::vector<Cell>* cells) {
  LaidRow row;
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    const Column& column = table.columns[c];
    TextStyle style{.size = column.size > 0 ? column.size : table.font_size,
                    .mono = column.mono,
                    .align = column.align};
    std::string text;
    if (cells == nullptr) {
      text = column.title;
      style.size = table.font_size;
      style.bold = true;
      style.mono = false;
      style.colour = kWhite;
    } else if (c < cells->size()) {
      text = Cut((*cells)[c].text);
      style.colour = (*cells)[c].colour;
      style.bold = (*cells)[c].bold;
    }
    row.cells.push_back(flow.Lay(text, style, widths[c] - 2 * kPadX));
    row.height = std::max(row.height, row.cells.back().height() + 2 * kPadY);
  }
  return row;
}

void DrawRow(PageFlow& flow, const LaidRow& row, const std::vector<double>& widths,
             const Colour* fill) {
  if (flow.drawing()) {
    cairo_t* cr = flow.cr();
    const double total = std::accumulate(widths.begin(), widths.end(), 0.0);
    if (fill != nullptr) {
      SetColour(cr, *fill);
      cairo_rectangle(cr, flow.left(), flow.y(), total, row.height);
      cairo_fill(cr);
    }
    double x = flow.left();
    for (std::size_t c = 0; c < row.cells.size(); ++c) {
      row.cells[c].Draw(cr, x + kPadX, flow.y() + kPadY);
      x += widths[c];
    }
    SetColour(cr, kRule);
    cairo_set_line_width(cr, 0.4);
    cairo_move_to(cr, flow.left(), flow.y() + row.height);
    cairo_line_to(cr, flow.left() + total, flow.y() + row.height);
    cairo_stroke(cr);
  }
  flow.Advance(row.height);
}

}  // namespace

Column Sha256Column() { return {"SHA-256", 0, true, Align::kLeft, 6.5, std::string(64, '0')}; }

void DrawTable(PageFlow& flow, const Table& table) {
  const std::vector<double> widths = ColumnWidths(flow, table);
  const LaidRow header = LayRow(flow, table, widths, nullptr);
  const Colour header_fill = kAccent;
  bool need_header = table.header;
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const LaidRow row = LayRow(flow, table, widths, &table.rows[r]);
    const double header_height = need_header ? header.height : 0;
    if (row.height + header_height > flow.remaining() && !flow.at_top()) {
      flow.NewPage();
      need_header = table.header;
    }
    if (need_header) {
      DrawRow(flow, header, widths, &header_fill);
      need_header = false;
    }
    DrawRow(flow, row, widths, table.zebra && r % 2 == 1 ? &kShade : nullptr);
    if (r + 1 < table.rows.size() && flow.remaining() <= 0) {
      flow.NewPage();
      need_header = table.header;
    }
  }
  if (need_header && table.rows.empty()) DrawRow(flow, header, widths, &header_fill);
  flow.Advance(8);
}

void DrawFacts(PageFlow& flow, const std::vector<std::pair<std::string, std::string>>& facts) {
  Table table;
  table.columns = {{"", 1.45}, {"", 3}};
  table.header = false;
  table.zebra = false;
  table.font_size = 8.5;
  for (const auto& [label, value] : facts) {
    table.rows.push_back({Cell{label, kMuted, true}, Cell{value.empty() ? "—" : value}});
  }
  DrawTable(flow, table);
}

}  // namespace craft::exporting::pdf
