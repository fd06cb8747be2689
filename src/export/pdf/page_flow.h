#pragma once
// Page flow for technical-file.pdf: A4 pages, a cursor moving down the page, page breaks, and the
// footer on every page. The same drawing code runs twice: a first pass lays out without drawing
// to learn where each section starts and how many pages there are; the second draws, with the
// page numbers of the table of contents and "Page N of M" known.

#include <cairo.h>

#include <map>
#include <string>
#include <string_view>

#include "export/pdf/text.h"

namespace craft::exporting::pdf {

struct PageGeometry {
  double width = 595.276;  // A4 in points
  double height = 841.89;
  double margin = 56.7;         // 20 mm left, right and top
  double bottom_margin = 62.0;  // room for the footer below
};

class PageFlow {
 public:
  // `draw` false: the first pass (nothing reaches the page). `footer` is the left footer text;
  // `total_pages` 0 while unknown.
  PageFlow(cairo_t* cr, bool draw, std::string footer, int total_pages, PageGeometry g = {});
  PageFlow(const PageFlow&) = delete;
  PageFlow& operator=(const PageFlow&) = delete;

  cairo_t* cr() const { return cr_; }
  bool drawing() const { return draw_; }
  const Typesetter& type() const { return type_; }
  Text Lay(std::string_view text, const TextStyle& style, double width) const {
    return type_.Lay(text, style, width);
  }

  double left() const { return geometry_.margin; }
  double width() const { return geometry_.width - 2 * geometry_.margin; }
  double y() const { return y_; }
  double remaining() const { return bottom() - y_; }
  double usable_height() const { return bottom() - geometry_.margin; }
  int page() const { return page_; }
  bool at_top() const { return y_ <= geometry_.margin + 0.01; }

  void Advance(double dy) { y_ += dy; }
  // Starts a new page unless `height` fits below the cursor (or the page is still empty).
  void EnsureSpace(double height);
  void NewPage();
  // Ends the last page. Required once, at the end.
  void Finish();

  // A paragraph at the full width (or indented), broken across pages between lines.
  void Paragraph(std::string_view text, const TextStyle& style = {}, double space_after = 6,
                 double indent = 0);
  // Draws a laid-out block at the cursor, breaking between its lines where a page ends.
  void Flow(const Text& text, double x);

  // Records the page of a named place (first pass) and makes it a link target (second pass).
  void Anchor(const std::string& name);
  const std::map<std::string, int>& anchors() const { return anchors_; }

 private:
  double bottom() const { return geometry_.height - geometry_.bottom_margin; }
  void DrawFooter();

  cairo_t* cr_;
  bool draw_;
  std::string footer_;
  int total_pages_;
  PageGeometry geometry_;
  Typesetter type_;
  int page_ = 1;
  double y_;
  std::map<std::string, int> anchors_;
};

}  // namespace craft::exporting::pdf
