// Hackage and GHC versions (Cabal's Version, Haskell's Data.Version): numbers separated by ".",
// ordered as lists of integers, so 1.0 < 1.0.0.

#include "vuln/version/decimal.h"
#include "vuln/version/schemes.h"

namespace craft::vuln::version::hackage {
namespace {

struct HackageVersion {
  std::string_view numbers;  // the leading digits{.digits} part
  std::string_view rest;     // anything after it: makes the version invalid
};

HackageVersion Parse(std::string_view text) {
  std::size_t pos = 0;
  while (true) {
    const std::size_t len = RunLength(text.substr(pos), IsDigit);
    if (len == 0) break;
    pos += len;
    if (pos + 1 < text.size() && text[pos] == '.' && IsDigit(text[pos + 1])) {
      ++pos;
    } else {
      break;
    }
  }
  return {text.substr(0, pos), text.substr(pos)};
}

// Haskell's list order on the numbers: component by component, a proper prefix first.
int CompareNumberLists(std::string_view a, std::string_view b) {
  while (!a.empty() && !b.empty()) {
    const std::size_t la = RunLength(a, IsDigit);
    const std::size_t lb = RunLength(b, IsDigit);
    if (const int c = CompareDecimal(a.substr(0, la), b.substr(0, lb)); c != 0) return c;
    a.remove_prefix(la < a.size() ? la + 1 : la);
    b.remove_prefix(lb < b.size() ? lb + 1 : lb);
  }
  if (a.empty() == b.empty()) return 0;
  return a.empty() ? -1 : 1;
}

}  // namespace

int Compare(std::string_view a, std::string_view b) {
  const HackageVersion x = Parse(a);
  const HackageVersion y = Parse(b);
  if (const int c = CompareNumberLists(x.numbers, y.numbers); c != 0) return c;
  return CompareBytes(x.rest, y.rest);
}

bool IsValid(std::string_view v) {
  const HackageVersion x = Parse(v);
  return !x.numbers.empty() && x.rest.empty();
}

}  // namespace craft::vuln::version::hackage
