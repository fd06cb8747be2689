// Packagist (Composer) versions, as PHP's version_compare() orders them
// (https://github.com/php/php-src/blob/master/ext/standard/versioning.c) after Composer strips a
// leading "v". PHP splits the version into parts at ".", "-", "_", "+", any other character that is
// not a letter or digit, and every transition between digits and non-digits; "#" stays a part of
// its own kind, as in PHP's special-form table.

#include <vector>

#include "vuln/version/decimal.h"
#include "vuln/version/inline_list.h"
#include "vuln/version/schemes.h"

namespace craft::vuln::version::packagist {
namespace {

bool IsWordChar(char c) { return IsLetter(c) || c == '#'; }

using PartList = InlineList<std::string_view, 8>;

PartList Parts(std::string_view version) {
  while (!version.empty() && (version[0] == 'v' || version[0] == 'V')) version.remove_prefix(1);
  PartList parts;
  std::size_t p = 0;
  while (p < version.size()) {
    const std::string_view rest = version.substr(p);
    std::size_t n = RunLength(rest, IsDigit);
    if (n == 0) n = RunLength(rest, IsWordChar);
    if (n == 0) {
      ++p;
      continue;
    }
    parts.push_back(rest.substr(0, n));
    p += n;
  }
  return parts;
}

// PHP's special forms, matched as prefixes in this order; a number counts as "#". Unknown words
// rank below "dev".
int SpecialRank(std::string_view part) {
  if (IsDigit(part[0])) return 4;
  static constexpr struct {
    std::string_view prefix;
    int rank;
  } kForms[] = {{"dev", 0}, {"alpha", 1}, {"a", 1}, {"beta", 2}, {"b", 2},
                {"RC", 3},  {"rc", 3},    {"#", 4}, {"pl", 5},   {"p", 5}};
  for (const auto& form : kForms) {
    if (part.substr(0, form.prefix.size()) == form.prefix) return form.rank;
  }
  return -1;
}

int ComparePart(std::string_view a, std::string_view b) {
  if (IsDigit(a[0]) && IsDigit(b[0])) return CompareDecimal(a, b);
  return Sign(SpecialRank(a) - SpecialRank(b));
}

// The parts a version has beyond the other's: a number makes it greater; otherwise the parts are
// compared in turn with "#" (the rank of a number) until one differs.
int CompareTail(const PartList& parts, std::size_t from) {
  for (std::size_t i = from; i < parts.size(); ++i) {
    if (IsDigit(parts[i][0])) return 1;
    if (const int c = Sign(SpecialRank(parts[i]) - 4); c != 0) return c;
  }
  return 0;
}

}  // namespace

int Compare(std::string_view a, std::string_view b) {
  const PartList x = Parts(a);
  const PartList y = Parts(b);
  if (x.empty() || y.empty()) return x.empty() == y.empty() ? 0 : (x.empty() ? -1 : 1);
  const std::size_t n = std::min(x.size(), y.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (const int c = ComparePart(x[i], y[i]); c != 0) return c;
  }
  if (x.size() > n) return CompareTail(x, n);
  if (y.size() > n) return -CompareTail(y, n);
  return 0;
}

}  // namespace craft::vuln::version::packagist
