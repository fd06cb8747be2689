#include "export/pdf/page_flow.h"

#include <cairo-pdf.h>

namespace craft::exporting::pdf {

PageFlow::PageFlow(cairo_t* cr, bool draw, std::string footer, int total_pages, PageGeometry g)
    : cr_(cr),
      draw_(draw),
      footer_(std::move(footer)),
      total_pages_(total_pages),
      geometry_(g),
      type_(cr),
      y_(g.margin) {}

void PageFlow::EnsureSpace(double height) {
  if (height > remaining() && !at_top()) NewPage();
}

void PageFlow::NewPage() {
  if (draw_) {
    DrawFooter();
    cairo_show_page(cr_);
  }
  ++page_;
  y_ = geometry_.margin;
}

void PageFlow::Finish() {
  if (draw_) {
    DrawFooter();
    cairo_show_page(cr_);
  }
}

void PageFlow::DrawFooter() {
  const double y = geometry_.height - geometry_.bottom_margin + 22;
  cairo_set_line_width(cr_, 0.5);
  SetColour(cr_, kRule);
  cairo_move_to(cr_, left(), y - 6);
  cairo_line_to(cr_, left() + width(), y - 6);
  cairo_stroke(cr_);
  TextStyle style{.size = 7.5, .colour = kMuted, .one_line = true};
  const std::string number =
      total_pages_ > 0 ? "Page " + std::to_string(page_) + " of " + std::to_string(total_pages_)
                       : "Page " + std::to_string(page_);
  const Text left_text = type_.Lay(footer_, style, width() - 90);
  left_text.Draw(cr_, left(), y);
  style.align = Align::kRight;
  const Text right_text = type_.Lay(number, style, 80);
  right_text.Draw(cr_, left() + width() - 80, y);
}

void PageFlow::Paragraph(std::string_view text, const TextStyle& style, double space_after,
                         double indent) {
  if (text.empty()) return;
  const Text block = type_.Lay(text, style, width() - indent);
  Flow(block, left() + indent);
  y_ += space_after;
}

void PageFlow::Flow(const Text& text, double x) {
  const int lines = text.line_count();
  int first = 0;
  while (first < lines) {
    const double top = text.LineExtent(first).first;
    int last = first;
    while (last < lines && text.LineExtent(last).second - top <= remaining()) ++last;
    if (last == first) {
      if (!at_top()) {
        NewPage();
        continue;
      }
      last = first + 1;  // a line taller than a page: draw it anyway
    }
    if (draw_) text.DrawLines(cr_, x, y_, first, last);
    y_ += text.LineExtent(last - 1).second - top;
    first = last;
    if (first < lines) NewPage();
  }
}

void PageFlow::Anchor(const std::string& name) {
  anchors_.emplace(name, page_);
  if (!draw_) return;
  const std::string attributes =
      "name='" + name + "' x=0 y=" + std::to_string(static_cast<int>(y_));
  cairo_tag_begin(cr_, CAIRO_TAG_DEST, attributes.c_str());
  cairo_tag_end(cr_, CAIRO_TAG_DEST);
}

}  // namespace craft::exporting::pdf
