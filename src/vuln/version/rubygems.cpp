// RubyGems versions, as Gem::Version#<=> orders them
// (https://github.com/rubygems/rubygems/blob/master/lib/rubygems/version.rb).

#include <algorithm>
#include <vector>

#include "vuln/version/decimal.h"
#include "vuln/version/schemes.h"

namespace craft::vuln::version::rubygems {
namespace {

struct Segment {
  bool is_number = true;
  std::string_view text;  // digits without leading zeros, or letters
};

// Gem::Version#canonical_segments: the runs of digits and of letters ("-" reads as ".pre."),
// split at the first letter run; trailing zero numbers are dropped from both halves.
std::vector<Segment> CanonicalSegments(std::string_view version) {
  std::vector<Segment> segments;
  std::size_t p = 0;
  while (p < version.size()) {
    const std::string_view rest = version.substr(p);
    if (const std::size_t n = RunLength(rest, IsDigit); n > 0) {
      segments.push_back({true, StripLeadingZeros(rest.substr(0, n))});
      p += n;
    } else if (const std::size_t l = RunLength(rest, IsLetter); l > 0) {
      segments.push_back({false, rest.substr(0, l)});
      p += l;
    } else {
      if (rest[0] == '-') segments.push_back({false, "pre"});
      ++p;
    }
  }
  const auto is_zero = [](const Segment& s) { return s.is_number && s.text.empty(); };
  const auto first_letters =
      std::find_if(segments.begin(), segments.end(), [](const Segment& s) { return !s.is_number; });
  // Drop the zeros that end the letter half, then those that end the numeric half.
  while (first_letters != segments.end() && is_zero(segments.back())) segments.pop_back();
  auto numeric_end = first_letters;
  while (numeric_end != segments.begin() && is_zero(*(numeric_end - 1))) --numeric_end;
  segments.erase(numeric_end, first_letters);
  return segments;
}

int CompareSegments(const Segment& a, const Segment& b) {
  if (a.is_number && b.is_number) return CompareDecimal(a.text, b.text);
  if (a.is_number != b.is_number) return a.is_number ? 1 : -1;
  return CompareBytes(a.text, b.text);
}

bool IsVersionChar(char c) { return IsAlnum(c); }
bool IsPrereleaseChar(char c) { return IsAlnum(c) || c == '-'; }

}  // namespace

int Compare(std::string_view a, std::string_view b) {
  const std::vector<Segment> x = CanonicalSegments(a);
  const std::vector<Segment> y = CanonicalSegments(b);
  const Segment zero{true, ""};
  const std::size_t n = std::max(x.size(), y.size());
  for (std::size_t i = 0; i < n; ++i) {
    const int c = CompareSegments(i < x.size() ? x[i] : zero, i < y.size() ? y[i] : zero);
    if (c != 0) return c;
  }
  return 0;
}

// Gem::Version::ANCHORED_VERSION_PATTERN:
// \A\s*([0-9]+(?>\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?)?\s*\z
bool IsValid(std::string_view v) {
  v.remove_prefix(RunLength(v, IsSpace));
  while (!v.empty() && IsSpace(v.back())) v.remove_suffix(1);
  if (v.empty()) return true;
  std::size_t p = RunLength(v, IsDigit);
  if (p == 0) return false;
  while (p + 1 < v.size() && v[p] == '.' && IsVersionChar(v[p + 1])) {
    p += 1 + RunLength(v.substr(p + 1), IsVersionChar);
  }
  if (p == v.size()) return true;
  if (v[p] != '-') return false;
  while (true) {
    const std::size_t n = RunLength(v.substr(p + 1), IsPrereleaseChar);
    if (n == 0) return false;
    p += 1 + n;
    if (p == v.size()) return true;
    if (v[p] != '.') return false;
  }
}

}  // namespace craft::vuln::version::rubygems
