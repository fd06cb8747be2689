#pragma once
// Horizontal bar charts for technical-file.pdf (components by type, PURL and licence coverage):
// one labelled bar per value, scaled to the largest value or to a fixed maximum, each with its
// figure written beside it, so the chart reads without colour too.

#include <string>
#include <vector>

#include "export/pdf/page_flow.h"

namespace craft::exporting::pdf {

struct Bar {
  std::string label;
  double value = 0;
  std::string figure;  // written right of the bar, e.g. "1,234 (61.7%)"
  Colour colour = kAccent;
};

// `scale_max` 0 scales to the largest value. Draws nothing for an empty list.
void DrawBarChart(PageFlow& flow, const std::string& title, const std::vector<Bar>& bars,
                  double scale_max = 0);

}  // namespace craft::exporting::pdf
