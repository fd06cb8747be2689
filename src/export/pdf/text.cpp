#include "export/pdf/text.h"

#include <utility>

namespace craft::exporting::pdf {
namespace {

// Font descriptions are parsed once: pango caches fonts per description.
PangoFontDescription* Describe(const TextStyle& style) {
  PangoFontDescription* font = pango_font_description_new();
  pango_font_description_set_family_static(font, style.mono ? "DejaVu Sans Mono" : "DejaVu Sans");
  pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style(font, style.italic ? PANGO_STYLE_OBLIQUE : PANGO_STYLE_NORMAL);
  pango_font_description_set_absolute_size(font, style.size * PANGO_SCALE);
  return font;
}

PangoAlignment ToPango(Align align) {
  switch (align) {
    case Align::kCentre:
      return PANGO_ALIGN_CENTER;
    case Align::kRight:
      return PANGO_ALIGN_RIGHT;
    case Align::kLeft:
      break;
  }
  return PANGO_ALIGN_LEFT;
}

double FromPango(int units) { return static_cast<double>(units) / PANGO_SCALE; }

}  // namespace

void SetColour(cairo_t* cr, const Colour& c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }

std::string ValidUtf8(std::string_view text) {
  gchar* valid = g_utf8_make_valid(text.data(), static_cast<gssize>(text.size()));
  std::string out(valid);
  g_free(valid);
  return out;
}

Text::Text(PangoContext* context, std::string_view text, const TextStyle& style, double width)
    : layout_(pango_layout_new(context)), colour_(style.colour) {
  PangoFontDescription* font = Describe(style);
  pango_layout_set_font_description(layout_, font);
  pango_font_description_free(font);
  pango_layout_set_width(layout_, static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(layout_, PANGO_WRAP_WORD_CHAR);
  if (style.one_line) pango_layout_set_ellipsize(layout_, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment(layout_, ToPango(style.align));
  const std::string valid = ValidUtf8(text);
  pango_layout_set_text(layout_, valid.data(), static_cast<int>(valid.size()));
}

Text::~Text() {
  if (layout_ != nullptr) g_object_unref(layout_);
}

Text::Text(Text&& other) noexcept
    : layout_(std::exchange(other.layout_, nullptr)),
      colour_(other.colour_),
      extents_(std::move(other.extents_)) {}

double Text::width() const {
  PangoRectangle logical;
  pango_layout_get_extents(layout_, nullptr, &logical);
  return FromPango(logical.width);
}

double Text::height() const {
  PangoRectangle logical;
  pango_layout_get_extents(layout_, nullptr, &logical);
  return FromPango(logical.height);
}

int Text::line_count() const { return pango_layout_get_line_count(layout_); }

std::pair<double, double> Text::LineExtent(int i) const {
  if (extents_.empty()) {
    PangoLayoutIter* iter = pango_layout_get_iter(layout_);
    do {
      int top = 0;
      int bottom = 0;
      pango_layout_iter_get_line_yrange(iter, &top, &bottom);
      extents_.emplace_back(FromPango(top), FromPango(bottom));
    } while (pango_layout_iter_next_line(iter));
    pango_layout_iter_free(iter);
  }
  return extents_[static_cast<std::size_t>(i)];
}

void Text::Draw(cairo_t* cr, double x, double y) const {
  SetColour(cr, colour_);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout_);
}

void Text::DrawLines(cairo_t* cr, double x, double y, int first, int last) const {
  SetColour(cr, colour_);
  PangoLayoutIter* iter = pango_layout_get_iter(layout_);
  int index = 0;
  double origin = 0;
  do {
    if (index >= first && index < last) {
      int top = 0;
      int bottom = 0;
      pango_layout_iter_get_line_yrange(iter, &top, &bottom);
      if (index == first) origin = FromPango(top);
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(iter, nullptr, &logical);
      const int baseline = pango_layout_iter_get_baseline(iter);
      cairo_move_to(cr, x + FromPango(logical.x), y + FromPango(baseline) - origin);
      pango_cairo_show_layout_line(cr, pango_layout_iter_get_line_readonly(iter));
    }
    ++index;
  } while (index < last && pango_layout_iter_next_line(iter));
  pango_layout_iter_free(iter);
}

Typesetter::Typesetter(cairo_t* cr) : context_(pango_cairo_create_context(cr)) {
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(context_, options);
  cairo_font_options_destroy(options);
}

Typesetter::~Typesetter() { g_object_unref(context_); }

Text Typesetter::Lay(std::string_view text, const TextStyle& style, double width) const {
  return Text(context_, text, style, width);
}

}  // namespace craft::exporting::pdf
