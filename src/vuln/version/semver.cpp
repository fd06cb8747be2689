// Semantic Versioning 2.0.0 (https://semver.org), read leniently so that every string has a place:
// see Scheme::kSemVer in compare.h. Also the reading shared with NuGet, Pub and Hackage.

#include <algorithm>

#include "vuln/version/decimal.h"
#include "vuln/version/schemes.h"
#include "vuln/version/semver_like.h"

namespace craft::vuln::version {
namespace {

// The identifier at the front of list (up to the next '.'), advancing list past it and its dot.
std::string_view NextIdentifier(std::string_view& list, bool& had_more) {
  const std::size_t dot = list.find('.');
  std::string_view id = list.substr(0, dot);
  had_more = dot != std::string_view::npos;
  list = had_more ? list.substr(dot + 1) : std::string_view{};
  return id;
}

int CompareFolded(std::string_view a, std::string_view b) {
  const std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    const auto ca = static_cast<unsigned char>(ToLower(a[i]));
    const auto cb = static_cast<unsigned char>(ToLower(b[i]));
    if (ca != cb) return ca < cb ? -1 : 1;
  }
  return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

int CompareIdentifier(std::string_view a, std::string_view b, bool fold_case) {
  const bool a_number = IsNumber(a);
  const bool b_number = IsNumber(b);
  if (a_number && b_number) return CompareDecimal(a, b);
  if (a_number != b_number) return a_number ? -1 : 1;
  return fold_case ? CompareFolded(a, b) : CompareBytes(a, b);
}

bool IsIdentifierChar(char c) { return IsAlnum(c) || c == '-'; }

// Reads dot-separated identifiers of [0-9A-Za-z-]+; numeric ones must not have leading zeros
// unless allowed. Returns false on an empty identifier or another character.
bool IsIdentifierList(std::string_view list, bool numeric_leading_zeros) {
  bool more = true;
  while (more) {
    const std::string_view id = NextIdentifier(list, more);
    if (id.empty() || RunLength(id, IsIdentifierChar) != id.size()) return false;
    if (!numeric_leading_zeros && IsNumber(id) && id.size() > 1 && id[0] == '0') return false;
  }
  return true;
}

}  // namespace

SemverLike ParseSemverLike(std::string_view text) {
  SemverLike v;
  const std::size_t start = (!text.empty() && text[0] == 'v') ? 1 : 0;
  const std::size_t len =
      RunLength(text.substr(start), [](char c) { return IsDigit(c) || c == '.'; });
  v.numbers = text.substr(start, len);
  v.rest = text.substr(start + len);
  const std::size_t plus = v.rest.find('+');
  v.prerelease = v.rest.substr(0, plus);
  if (plus != std::string_view::npos) v.build = v.rest.substr(plus + 1);
  if (!v.prerelease.empty() && v.prerelease[0] == '-') v.prerelease.remove_prefix(1);
  return v;
}

int CompareNumbers(std::string_view a, std::string_view b) {
  while (true) {
    a.remove_prefix(RunLength(a, [](char c) { return c == '.'; }));
    b.remove_prefix(RunLength(b, [](char c) { return c == '.'; }));
    if (a.empty() && b.empty()) return 0;
    const std::size_t na = RunLength(a, IsDigit), nb = RunLength(b, IsDigit);
    if (const int c = CompareDecimal(a.substr(0, na), b.substr(0, nb)); c != 0) return c;
    a.remove_prefix(na);
    b.remove_prefix(nb);
  }
}

int CompareIdentifiers(std::string_view a, std::string_view b, bool fold_case) {
  bool a_more = !a.empty();
  bool b_more = !b.empty();
  while (a_more && b_more) {
    const std::string_view x = NextIdentifier(a, a_more);
    const std::string_view y = NextIdentifier(b, b_more);
    if (const int c = CompareIdentifier(x, y, fold_case); c != 0) return c;
  }
  if (a_more == b_more) return 0;
  return a_more ? 1 : -1;
}

bool IsStrictSemver(std::string_view text, int min_numbers, int max_numbers,
                    bool allow_leading_zeros) {
  int count = 0;
  std::size_t pos = 0;
  while (true) {
    const std::size_t len = RunLength(text.substr(pos), IsDigit);
    if (len == 0 || ++count > max_numbers) return false;
    if (!allow_leading_zeros && len > 1 && text[pos] == '0') return false;
    pos += len;
    if (pos >= text.size() || text[pos] != '.') break;
    ++pos;
  }
  if (count < min_numbers) return false;
  std::string_view rest = text.substr(pos);
  const std::size_t plus = rest.find('+');
  if (plus != std::string_view::npos) {
    if (!IsIdentifierList(rest.substr(plus + 1), true)) return false;
    rest = rest.substr(0, plus);
  }
  if (rest.empty()) return true;
  return rest[0] == '-' && IsIdentifierList(rest.substr(1), allow_leading_zeros);
}

namespace semver {

int Compare(std::string_view a, std::string_view b) {
  const SemverLike x = ParseSemverLike(a);
  const SemverLike y = ParseSemverLike(b);
  if (const int c = CompareNumbers(x.numbers, y.numbers); c != 0) return c;
  // A version with a pre-release sorts before the release itself (SemVer item 11.3).
  if (x.prerelease.empty() != y.prerelease.empty()) return x.prerelease.empty() ? 1 : -1;
  return CompareIdentifiers(x.prerelease, y.prerelease, false);
}

bool IsValid(std::string_view v) {
  if (!v.empty() && v[0] == 'v') v.remove_prefix(1);
  return IsStrictSemver(v, 3, 3, false);
}

}  // namespace semver
}  // namespace craft::vuln::version
