// PyPI versions: PEP 440 (https://peps.python.org/pep-0440/) as Python's `packaging` reads and
// orders them, and `packaging`'s LegacyVersion (before 22.0) for every other string.

#include <algorithm>
#include <string>
#include <vector>

#include "vuln/version/decimal.h"
#include "vuln/version/schemes.h"

namespace craft::vuln::version::pep440 {
namespace {

// A letter segment (pre, post or dev) as `packaging` normalises it: present or not, its
// normalised spelling ("a", "b", "rc", "post", "dev") and its number (empty means 0).
struct Segment {
  bool present = false;
  std::string_view letter;
  std::string_view number;
};

// A list of string views that keeps its first few items inline: parsing a version allocates
// nothing unless it has more than kInline release numbers or local label parts.
class Parts {
 public:
  void clear() {
    size_ = 0;
    more_.clear();
  }
  void push_back(std::string_view part) {
    if (size_ < kInline) {
      inline_[size_] = part;
    } else {
      more_.push_back(part);
    }
    ++size_;
  }
  std::size_t size() const { return size_; }
  std::string_view operator[](std::size_t i) const {
    return i < kInline ? inline_[i] : more_[i - kInline];
  }

 private:
  static constexpr std::size_t kInline = 6;
  std::string_view inline_[kInline];
  std::vector<std::string_view> more_;
  std::size_t size_ = 0;
};

struct Pep440Version {
  std::string_view epoch;  // digits, empty means 0
  Parts release;           // digit runs
  Segment pre, post, dev;
  Parts local;  // parts of the local label, lower case
};

bool IsSeparator(char c) { return c == '-' || c == '_' || c == '.'; }

// The text being matched against PEP 440's regular expression (Appendix B), lower-cased. Each
// Match* function follows one optional group of that expression: it tries the alternatives in the
// order Python's regex engine would (greedy first) and returns true as soon as the rest of the
// string matches too, leaving the captured values in `v`.
class Matcher {
 public:
  Matcher(std::string_view text, Pep440Version& v) : s_(text), v_(v) {}

  bool MatchAll() {
    std::size_t p = RunLength(s_, IsSpace);
    if (p < s_.size() && s_[p] == 'v') ++p;
    const std::size_t digits = RunLength(s_.substr(p), IsDigit);
    if (digits > 0 && p + digits < s_.size() && s_[p + digits] == '!') {
      v_.epoch = s_.substr(p, digits);
      p += digits + 1;
    }
    return MatchRelease(p);
  }

 private:
  bool MatchRelease(std::size_t p) {
    v_.release.clear();
    std::size_t len = RunLength(s_.substr(p), IsDigit);
    if (len == 0) return false;
    v_.release.push_back(s_.substr(p, len));
    p += len;
    while (p + 1 < s_.size() && s_[p] == '.' && IsDigit(s_[p + 1])) {
      len = RunLength(s_.substr(p + 1), IsDigit);
      v_.release.push_back(s_.substr(p + 1, len));
      p += 1 + len;
    }
    return MatchPre(p);
  }

  // Calls next(q) for q = p + 1 when s_[p] is a separator, then for q = p (the regex's `[-_\.]?`).
  template <class Next>
  bool OptionalSeparator(std::size_t p, Next next) {
    if (p < s_.size() && IsSeparator(s_[p]) && next(p + 1)) return true;
    return next(p);
  }

  std::string_view DigitsAt(std::size_t p) const {
    return s_.substr(p, RunLength(s_.substr(p), IsDigit));
  }

  bool StartsWith(std::size_t p, std::string_view word) const {
    return s_.substr(p, word.size()) == word;
  }

  bool MatchPre(std::size_t p) {
    // Each spelling with the letter `packaging` normalises it to, in the regex's order.
    static constexpr std::string_view kWords[][2] = {{"a", "a"},    {"b", "b"},       {"c", "rc"},
                                                     {"rc", "rc"},  {"alpha", "a"},   {"beta", "b"},
                                                     {"pre", "rc"}, {"preview", "rc"}};
    const bool matched = OptionalSeparator(p, [&](std::size_t q) {
      for (const auto& entry : kWords) {
        const std::string_view word = entry[0], letter = entry[1];
        if (!StartsWith(q, word)) continue;
        const bool ok = OptionalSeparator(q + word.size(), [&](std::size_t r) {
          const std::string_view n = DigitsAt(r);
          v_.pre = {true, letter, n};
          return MatchPost(r + n.size());
        });
        if (ok) return true;
      }
      return false;
    });
    if (matched) return true;
    v_.pre = {};
    return MatchPost(p);
  }

  bool MatchPost(std::size_t p) {
    // `-N` (an implicit post release), then `[-_.]?(post|rev|r)[-_.]?N?`, then nothing.
    if (p + 1 < s_.size() && s_[p] == '-' && IsDigit(s_[p + 1])) {
      const std::string_view n = DigitsAt(p + 1);
      v_.post = {true, "post", n};
      if (MatchDev(p + 1 + n.size())) return true;
    }
    static constexpr std::string_view kWords[] = {"post", "rev", "r"};
    const bool matched = OptionalSeparator(p, [&](std::size_t q) {
      for (std::string_view word : kWords) {
        if (!StartsWith(q, word)) continue;
        const bool ok = OptionalSeparator(q + word.size(), [&](std::size_t r) {
          const std::string_view n = DigitsAt(r);
          v_.post = {true, "post", n};
          return MatchDev(r + n.size());
        });
        if (ok) return true;
      }
      return false;
    });
    if (matched) return true;
    v_.post = {};
    return MatchDev(p);
  }

  bool MatchDev(std::size_t p) {
    const bool matched = OptionalSeparator(p, [&](std::size_t q) {
      if (!StartsWith(q, "dev")) return false;
      return OptionalSeparator(q + 3, [&](std::size_t r) {
        const std::string_view n = DigitsAt(r);
        v_.dev = {true, "dev", n};
        return MatchLocal(r + n.size());
      });
    });
    if (matched) return true;
    v_.dev = {};
    return MatchLocal(p);
  }

  // `(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?\s*$`
  bool MatchLocal(std::size_t p) {
    v_.local.clear();
    if (p < s_.size() && s_[p] == '+') {
      std::size_t q = p + 1;
      while (true) {
        const std::size_t len = RunLength(s_.substr(q), [](char c) { return IsAlnum(c); });
        if (len == 0) return false;
        v_.local.push_back(s_.substr(q, len));
        q += len;
        if (q + 1 < s_.size() && IsSeparator(s_[q]) && IsAlnum(s_[q + 1])) {
          ++q;
        } else {
          break;
        }
      }
      p = q;
    }
    p += RunLength(s_.substr(p), IsSpace);
    return p == s_.size();
  }

  std::string_view s_;
  Pep440Version& v_;
};

// Release segments compare as tuples of integers with trailing zeros dropped, i.e. zero-padded.
int CompareRelease(const Parts& a, const Parts& b) {
  const std::size_t n = std::max(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    const int c = CompareDecimal(i < a.size() ? a[i] : "", i < b.size() ? b[i] : "");
    if (c != 0) return c;
  }
  return 0;
}

// `packaging` sorts a missing pre-release after every pre-release, except that a dev release
// without pre or post (1.0.dev0) sorts before all pre-releases of its release.
int PreRank(const Pep440Version& v) {
  if (!v.pre.present && !v.post.present && v.dev.present) return -1;
  return v.pre.present ? 0 : 1;
}

int CompareLetterSegments(const Segment& a, const Segment& b) {
  if (const int c = CompareBytes(a.letter, b.letter); c != 0) return c;
  return CompareDecimal(a.number, b.number);
}

// Local labels: numeric parts above alphanumeric ones, a shorter label first on a common prefix.
int CompareLocal(const Pep440Version& a, const Pep440Version& b) {
  const std::size_t n = std::min(a.local.size(), b.local.size());
  for (std::size_t i = 0; i < n; ++i) {
    const bool x_number = IsNumber(a.local[i]);
    const bool y_number = IsNumber(b.local[i]);
    int c = 0;
    if (x_number && y_number) {
      c = CompareDecimal(a.local[i], b.local[i]);
    } else if (x_number != y_number) {
      c = x_number ? 1 : -1;
    } else {
      c = CompareBytes(a.local[i], b.local[i]);
    }
    if (c != 0) return c;
  }
  if (a.local.size() == b.local.size()) return 0;
  return a.local.size() < b.local.size() ? -1 : 1;
}

int ComparePep440(const Pep440Version& a, const Pep440Version& b) {
  if (const int c = CompareDecimal(a.epoch, b.epoch); c != 0) return c;
  if (const int c = CompareRelease(a.release, b.release); c != 0) return c;
  const int pa = PreRank(a), pb = PreRank(b);
  if (pa != pb) return pa < pb ? -1 : 1;
  if (pa == 0) {
    if (const int c = CompareLetterSegments(a.pre, b.pre); c != 0) return c;
  }
  if (a.post.present != b.post.present) return a.post.present ? 1 : -1;
  if (a.post.present) {
    if (const int c = CompareDecimal(a.post.number, b.post.number); c != 0) return c;
  }
  if (a.dev.present != b.dev.present) return a.dev.present ? -1 : 1;
  if (a.dev.present) {
    if (const int c = CompareDecimal(a.dev.number, b.dev.number); c != 0) return c;
  }
  return CompareLocal(a, b);
}

// LegacyVersion's key (packaging < 22, from setuptools' old parse_version): the lower-cased string
// split into digit runs, letter runs, "." and "-" and whatever lies between them; numbers padded
// to 8 digits, words prefixed with "*", "pre"/"preview"/"rc" -> "c", "dev" -> "@", "-" -> "final-",
// then "*final"; trailing "00000000" parts and "*final-" before a pre-release word dropped.
std::vector<std::string> LegacyKey(std::string_view lower) {
  std::vector<std::string> parts;
  auto add = [&parts](std::string_view raw) {
    std::string part;
    if (raw == "pre" || raw == "preview" || raw == "rc") {
      part = "*c";
    } else if (raw == "dev") {
      part = "*@";
    } else if (raw == "-") {
      part = "*final-";
    } else if (IsDigit(raw[0])) {
      part = std::string(raw.size() < 8 ? 8 - raw.size() : 0, '0') + std::string(raw);
    } else {
      part = "*" + std::string(raw);
    }
    if (part[0] == '*') {
      if (part < "*final") {
        while (!parts.empty() && parts.back() == "*final-") parts.pop_back();
      }
      while (!parts.empty() && parts.back() == "00000000") parts.pop_back();
    }
    parts.push_back(std::move(part));
  };
  std::size_t gap_start = 0;
  std::size_t p = 0;
  while (p < lower.size()) {
    std::size_t len = RunLength(lower.substr(p), IsDigit);
    if (len == 0) len = RunLength(lower.substr(p), IsLower);
    if (len == 0 && (lower[p] == '.' || lower[p] == '-')) len = 1;
    if (len == 0) {
      ++p;
      continue;
    }
    if (gap_start < p) add(lower.substr(gap_start, p - gap_start));
    if (lower[p] != '.') add(lower.substr(p, len));
    p += len;
    gap_start = p;
  }
  if (gap_start < lower.size()) add(lower.substr(gap_start));
  add("final");
  return parts;
}

int CompareLegacy(std::string_view a, std::string_view b) {
  const std::vector<std::string> x = LegacyKey(a);
  const std::vector<std::string> y = LegacyKey(b);
  const int c = std::lexicographical_compare(x.begin(), x.end(), y.begin(), y.end()) ? -1 : 0;
  if (c != 0) return c;
  return std::lexicographical_compare(y.begin(), y.end(), x.begin(), x.end()) ? 1 : 0;
}

}  // namespace

int Compare(std::string_view a, std::string_view b) {
  const LowerCaseText la(a);
  const LowerCaseText lb(b);
  Pep440Version x, y;
  const bool x_valid = Matcher(la.view(), x).MatchAll();
  const bool y_valid = Matcher(lb.view(), y).MatchAll();
  if (x_valid && y_valid) return ComparePep440(x, y);
  if (x_valid != y_valid) return x_valid ? 1 : -1;
  return CompareLegacy(la.view(), lb.view());
}

bool IsValid(std::string_view v) {
  const LowerCaseText lower(v);
  Pep440Version x;
  return Matcher(lower.view(), x).MatchAll();
}

}  // namespace craft::vuln::version::pep440
