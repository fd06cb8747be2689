// CRAN and Bioconductor versions, as R's package_version() orders them: non-negative integers
// separated by "." or "-", compared as lists.

#include <vector>

#include "vuln/version/decimal.h"
#include "vuln/version/schemes.h"

namespace craft::vuln::version::cran {
namespace {

// The parts between "." and "-" that are numbers; other parts are skipped.
std::vector<std::string_view> Numbers(std::string_view version) {
  std::vector<std::string_view> numbers;
  while (true) {
    const std::size_t end = version.find_first_of(".-");
    const std::string_view part = version.substr(0, end);
    if (IsNumber(part)) numbers.push_back(part);
    if (end == std::string_view::npos) break;
    version.remove_prefix(end + 1);
  }
  return numbers;
}

}  // namespace

int Compare(std::string_view a, std::string_view b) {
  const std::vector<std::string_view> x = Numbers(a);
  const std::vector<std::string_view> y = Numbers(b);
  for (std::size_t i = 0; i < x.size() && i < y.size(); ++i) {
    if (const int c = CompareDecimal(x[i], y[i]); c != 0) return c;
  }
  return x.size() == y.size() ? 0 : (x.size() < y.size() ? -1 : 1);
}

// R's valid_package_version_regexp: ([[:digit:]]+[.-]){1,}[[:digit:]]+
bool IsValid(std::string_view v) {
  std::size_t count = 0;
  while (true) {
    const std::size_t n = RunLength(v, IsDigit);
    if (n == 0) return false;
    ++count;
    v.remove_prefix(n);
    if (v.empty()) return count >= 2;
    if (v[0] != '.' && v[0] != '-') return false;
    v.remove_prefix(1);
  }
}

}  // namespace craft::vuln::version::cran
