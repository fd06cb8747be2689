#pragma once
// Tables for technical-file.pdf: columns with relative widths, cells that wrap, rows that never
// split, and a header row repeated at the top of every page a long table continues on.

#include <string>
#include <vector>

#include "export/pdf/page_flow.h"

namespace craft::exporting::pdf {

struct Column {
  std::string title;
  double weight = 1;  // share of the table width
  bool mono = false;  // hashes, identifiers
  Align align = Align::kLeft;
  double size = 0;       // font size of the cells; 0 takes the table's
  std::string fit = {};  // when set, the column is exactly as wide as this text on one line
};

// A mono column wide enough for a SHA-256 on one line (so it can be searched and copied whole).
Column Sha256Column();

struct Cell {
  std::string text;
  Colour colour = kInk;
  bool bold = false;
};

struct Table {
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;  // each as many cells as columns (missing ones are blank)
  bool header = true;
  bool zebra = true;
  double font_size = 8;
};

// Cells longer than this are cut with an ellipsis, so that every row fits on one page.
inline constexpr std::size_t kMaxCellBytes = 1200;

void DrawTable(PageFlow& flow, const Table& table);

// A two-column table of labels and values, without a header.
void DrawFacts(PageFlow& flow, const std::vector<std::pair<std::string, std::string>>& facts);

}  // namespace craft::exporting::pdf
