#pragma once
// Text for technical-file.pdf: pango layouts over a cairo context, in DejaVu fonts. pango shapes
// the text (accents, umlauts, any script a font on the machine has) and cairo writes it into the
// PDF as real text, so it stays selectable and searchable; a character no font has becomes a box.

#include <pango/pangocairo.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace craft::exporting::pdf {

struct Colour {
  double r = 0, g = 0, b = 0;
};
inline constexpr Colour kInk{0.10, 0.12, 0.16};
inline constexpr Colour kMuted{0.38, 0.42, 0.48};
inline constexpr Colour kAccent{0.05, 0.27, 0.52};
inline constexpr Colour kGood{0.08, 0.50, 0.22};
inline constexpr Colour kBad{0.74, 0.13, 0.13};
inline constexpr Colour kRule{0.80, 0.83, 0.87};
inline constexpr Colour kShade{0.93, 0.95, 0.97};
inline constexpr Colour kWhite{1, 1, 1};

void SetColour(cairo_t* cr, const Colour& c);

enum class Align { kLeft, kCentre, kRight };

struct TextStyle {
  double size = 9.5;  // points
  bool bold = false;
  bool italic = false;
  bool mono = false;
  Colour colour = kInk;
  Align align = Align::kLeft;
  bool one_line = false;  // cut with an ellipsis instead of wrapping
};

// `text` made valid UTF-8 (each bad byte becomes U+FFFD), so pango never rejects it.
std::string ValidUtf8(std::string_view text);

// One laid-out block of text, wrapped to a width (at word boundaries, or inside a word that is
// longer than the line).
class Text {
 public:
  Text(PangoContext* context, std::string_view text, const TextStyle& style, double width);
  ~Text();
  Text(Text&& other) noexcept;
  Text(const Text&) = delete;
  Text& operator=(const Text&) = delete;
  Text& operator=(Text&&) = delete;

  double width() const;   // of the widest line
  double height() const;  // of all lines
  int line_count() const;
  // Top and bottom of line `i`, relative to the top of the block.
  std::pair<double, double> LineExtent(int i) const;
  void Draw(cairo_t* cr, double x, double y) const;
  // Draws lines [first, last) with their top at `y`.
  void DrawLines(cairo_t* cr, double x, double y, int first, int last) const;

 private:
  PangoLayout* layout_;
  Colour colour_;
  mutable std::vector<std::pair<double, double>> extents_;  // per line, filled on first use
};

// Creates layouts for one cairo context (a PDF surface): one pango context, shared.
class Typesetter {
 public:
  explicit Typesetter(cairo_t* cr);
  ~Typesetter();
  Typesetter(const Typesetter&) = delete;
  Typesetter& operator=(const Typesetter&) = delete;
  Text Lay(std::string_view text, const TextStyle& style, double width) const;

 private:
  PangoContext* context_;
};

}  // namespace craft::exporting::pdf
