// Alpine (apk) versions and those of the apk-based distributions: the grammar of apk-package(5)
// and APKBUILD(5), digits{.digits}[letter]{_suffix[digits]}[~hash][-r digits], ordered as apk
// orders it and as the osv-scalibr fixtures pin down its corner cases.

#include <algorithm>
#include <vector>

#include "vuln/version/decimal.h"
#include "vuln/version/inline_list.h"
#include "vuln/version/schemes.h"

namespace craft::vuln::version::apk {
namespace {

// Suffixes in apk's order; "no suffix" sorts between rc (the last pre-release) and cvs.
constexpr std::string_view kSuffixes[] = {"alpha", "beta", "pre", "rc", "cvs",
                                          "svn",   "git",  "hg",  "p"};
constexpr int kPreReleaseSuffixes = 4;
constexpr int kNoSuffixWeight = kPreReleaseSuffixes;

struct Suffix {
  int weight = 0;  // the rank among alpha, beta, pre, rc, no suffix, cvs, svn, git, hg, p
  std::string_view number;
};

struct ApkVersion {
  InlineList<std::string_view, 6> numbers;
  char letter = 0;  // 0 when absent
  bool has_letter_number = false;
  std::string_view letter_number;  // digits right after the letter ("6.6.2p1"), as apk reads them
  InlineList<Suffix, 3> suffixes;
  std::string_view revision;  // digits after "-r"; empty (0) when absent
  std::string_view tail;      // what could not be read
  bool tail_after_revision = false;
};

int SuffixWeight(std::size_t index) {
  const int i = static_cast<int>(index);
  return i < kPreReleaseSuffixes ? i : i + 1;
}

std::size_t DigitsAt(std::string_view s, std::size_t p) { return RunLength(s.substr(p), IsDigit); }

bool IsHexDigit(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f'); }

// The word of kSuffixes at s[p] (first match in order, so "pre" before "p"), or npos.
std::size_t SuffixAt(std::string_view s, std::size_t p) {
  for (std::size_t k = 0; k < std::size(kSuffixes); ++k) {
    if (s.substr(p, kSuffixes[k].size()) == kSuffixes[k]) return k;
  }
  return std::string_view::npos;
}

ApkVersion Parse(std::string_view s) {
  ApkVersion v;
  std::size_t p = 0;
  if (std::size_t n = DigitsAt(s, 0); n > 0) {
    v.numbers.push_back(s.substr(0, n));
    p = n;
    while (p + 1 < s.size() && s[p] == '.' && IsDigit(s[p + 1])) {
      n = DigitsAt(s, p + 1);
      v.numbers.push_back(s.substr(p + 1, n));
      p += 1 + n;
    }
  }
  if (p < s.size() && IsLower(s[p])) {
    v.letter = s[p++];
    const std::size_t n = DigitsAt(s, p);
    v.has_letter_number = n > 0;
    v.letter_number = s.substr(p, n);
    p += n;
  }
  while (p < s.size() && s[p] == '_') {
    const std::size_t k = SuffixAt(s, p + 1);
    if (k == std::string_view::npos) break;
    p += 1 + kSuffixes[k].size();
    const std::size_t n = DigitsAt(s, p);
    v.suffixes.push_back({SuffixWeight(k), s.substr(p, n)});
    p += n;
  }
  if (p + 1 < s.size() && s[p] == '~' && IsHexDigit(s[p + 1])) {
    p += 1 + RunLength(s.substr(p + 1), IsHexDigit);
  }
  if (p + 1 < s.size() && s[p] == '-' && s[p + 1] == 'r') {
    const std::size_t n = DigitsAt(s, p + 2);
    v.revision = s.substr(p + 2, n);
    v.tail_after_revision = true;
    p += 2 + n;
  }
  v.tail = s.substr(p);
  return v;
}

// Version numbers after the first: one with a leading zero compares as a decimal fraction would
// (bytewise), and below every number without one; a missing number reads as "0".
int CompareNumber(std::string_view a, std::string_view b, bool first) {
  if (!first && (a[0] == '0' || b[0] == '0')) return CompareBytes(a, b);
  return CompareDecimal(a, b);
}

int CompareNumbers(const ApkVersion& a, const ApkVersion& b) {
  const std::size_t n = std::max(a.numbers.size(), b.numbers.size());
  for (std::size_t i = 0; i < n; ++i) {
    const std::string_view x = i < a.numbers.size() ? a.numbers[i] : "0";
    const std::string_view y = i < b.numbers.size() ? b.numbers[i] : "0";
    if (const int c = CompareNumber(x, y, i == 0); c != 0) return c;
  }
  return 0;
}

int CompareSuffixes(const ApkVersion& a, const ApkVersion& b) {
  const std::size_t n = std::max(a.suffixes.size(), b.suffixes.size());
  const Suffix none{kNoSuffixWeight, ""};
  for (std::size_t i = 0; i < n; ++i) {
    const Suffix& x = i < a.suffixes.size() ? a.suffixes[i] : none;
    const Suffix& y = i < b.suffixes.size() ? b.suffixes[i] : none;
    if (x.weight != y.weight) return x.weight < y.weight ? -1 : 1;
    if (const int c = CompareDecimal(x.number, y.number); c != 0) return c;
  }
  return 0;
}

// What is compared of an unparsed tail: nothing after the revision, else the text up to its first
// "-" (apk stops reading at a "-" that does not start a revision).
std::string_view TailKey(const ApkVersion& v) {
  if (v.tail_after_revision) return {};
  return v.tail.substr(0, v.tail.find('-'));
}

int CompareTails(const ApkVersion& a, const ApkVersion& b) {
  if (a.tail.empty() != b.tail.empty()) return a.tail.empty() ? 1 : -1;
  return CompareBytes(TailKey(a), TailKey(b));
}

// The validity check of osv.dev's Alpine converter (vulnfeeds/cmd/converters/alpine/verify.go):
// ^(\d+\.)*(\d+)[a-zA-Z]?(_?(alpha|beta|rc|pre|cvs|svn|git|hg|p)\d*)?([-.]r\d+)?$
bool MatchesFromRevision(std::string_view s, std::size_t p) {
  if (p == s.size()) return true;
  if ((s[p] == '-' || s[p] == '.') && p + 1 < s.size() && s[p + 1] == 'r') {
    const std::size_t n = DigitsAt(s, p + 2);
    return n > 0 && p + 2 + n == s.size();
  }
  return false;
}

bool MatchesFromSuffix(std::string_view s, std::size_t p) {
  std::size_t q = (p < s.size() && s[p] == '_') ? p + 1 : p;
  const std::size_t k = SuffixAt(s, q);
  if (k != std::string_view::npos) {
    q += kSuffixes[k].size();
    if (MatchesFromRevision(s, q + DigitsAt(s, q))) return true;
  }
  return MatchesFromRevision(s, p);
}

}  // namespace

int Compare(std::string_view a, std::string_view b) {
  const ApkVersion x = Parse(a);
  const ApkVersion y = Parse(b);
  if (const int c = CompareNumbers(x, y); c != 0) return c;
  if (x.letter != y.letter) return x.letter < y.letter ? -1 : 1;
  if (x.has_letter_number != y.has_letter_number) return x.has_letter_number ? 1 : -1;
  if (const int c = CompareDecimal(x.letter_number, y.letter_number); c != 0) return c;
  if (const int c = CompareSuffixes(x, y); c != 0) return c;
  if (const int c = CompareDecimal(x.revision, y.revision); c != 0) return c;
  return CompareTails(x, y);
}

bool IsValid(std::string_view v) {
  std::size_t p = 0;
  while (true) {
    const std::size_t n = DigitsAt(v, p);
    if (n == 0) return false;
    p += n;
    if (p + 1 < v.size() && v[p] == '.' && IsDigit(v[p + 1])) {
      ++p;
    } else {
      break;
    }
  }
  if (p < v.size() && IsLetter(v[p]) && MatchesFromSuffix(v, p + 1)) return true;
  return MatchesFromSuffix(v, p);
}

}  // namespace craft::vuln::version::apk
