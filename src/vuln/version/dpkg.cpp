// Debian and Ubuntu versions, as dpkg orders them (deb-version(7); dpkg's lib/dpkg/version.c and
// parsehelp.c): [epoch:]upstream_version[-debian_revision].

#include "vuln/version/decimal.h"
#include "vuln/version/schemes.h"

namespace craft::vuln::version::dpkg {
namespace {

struct DebianVersion {
  bool accepted = true;  // false when dpkg's parser reports an error (not a mere warning)
  bool conforms = true;  // false when it reports an error or a warning
  std::string_view epoch;
  std::string_view upstream;
  std::string_view revision;
};

bool IsUpstreamChar(char c) {
  return IsAlnum(c) || c == '.' || c == '-' || c == '+' || c == '~' || c == ':';
}
bool IsRevisionChar(char c) { return IsAlnum(c) || c == '.' || c == '+' || c == '~'; }

// dpkg's parseversion(): white space around the version is ignored; the epoch ends at the first
// ":", the revision starts after the last "-". `conforms` is only worked out when asked for
// (IsValid): ordering does not read it.
DebianVersion Parse(std::string_view text, bool check_conformance) {
  DebianVersion v;
  text.remove_prefix(RunLength(text, IsSpace));
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  if (text.empty()) {  // dpkg's blank version: every part empty
    v.conforms = false;
    return v;
  }
  // One pass: embedded white space, the first ":" and the last "-".
  std::size_t colon = std::string_view::npos, hyphen = std::string_view::npos;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '-') {
      hyphen = i;
    } else if (c == ':') {
      if (colon == std::string_view::npos) colon = i;
    } else if (IsSpace(c)) {
      v.accepted = false;
    }
  }
  if (colon != std::string_view::npos) {
    v.epoch = text.substr(0, colon);
    text.remove_prefix(colon + 1);
    const std::string_view digits = StripLeadingZeros(v.epoch);
    if (!IsNumber(v.epoch) || CompareDecimal(digits, "2147483647") > 0 || text.empty()) {
      v.accepted = false;
    }
    // a "-" before the epoch's ":" is not the revision's
    hyphen = hyphen == std::string_view::npos || hyphen < colon ? std::string_view::npos
                                                                : hyphen - colon - 1;
  }
  if (hyphen != std::string_view::npos) {
    v.revision = text.substr(hyphen + 1);
    text = text.substr(0, hyphen);
    if (v.revision.empty()) v.accepted = false;
  }
  v.upstream = text;
  if (v.upstream.empty()) v.accepted = false;
  v.conforms = check_conformance && v.accepted && IsDigit(v.upstream[0]) &&
               RunLength(v.upstream, IsUpstreamChar) == v.upstream.size() &&
               RunLength(v.revision, IsRevisionChar) == v.revision.size();
  return v;
}

// The weight of a character in a non-digit run: "~" first, then the end of the run (and digits),
// then letters, then everything else, each group in byte order.
int Order(std::string_view s, std::size_t i) {
  if (i >= s.size() || IsDigit(s[i])) return 0;
  const auto c = static_cast<unsigned char>(s[i]);
  if (IsLetter(s[i])) return c;
  if (c == '~') return -1;
  return c + 256;
}

// dpkg's verrevcmp(): alternating non-digit runs (compared by Order) and digit runs (as numbers).
int CompareParts(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    while ((i < a.size() && !IsDigit(a[i])) || (j < b.size() && !IsDigit(b[j]))) {
      const int ac = Order(a, i), bc = Order(b, j);
      if (ac != bc) return ac < bc ? -1 : 1;
      ++i;
      ++j;
    }
    const std::size_t na = RunLength(a.substr(i), IsDigit);
    const std::size_t nb = RunLength(b.substr(j), IsDigit);
    if (const int c = CompareDecimal(a.substr(i, na), b.substr(j, nb)); c != 0) return c;
    i += na;
    j += nb;
  }
  return 0;
}

}  // namespace

Reading Read(std::string_view text) {
  const DebianVersion v = Parse(text, false);
  return {v.accepted, text, v.epoch, v.upstream, v.revision};
}

int Compare(const Reading& x, const Reading& y) {
  if (!x.accepted || !y.accepted) {
    if (x.accepted != y.accepted) return x.accepted ? 1 : -1;
    return CompareBytes(x.text, y.text);
  }
  if (const int c = CompareDecimal(x.epoch, y.epoch); c != 0) return c;
  if (const int c = CompareParts(x.upstream, y.upstream); c != 0) return c;
  return CompareParts(x.revision, y.revision);
}

int Compare(std::string_view a, std::string_view b) { return Compare(Read(a), Read(b)); }

bool IsValid(std::string_view v) { return Parse(v, true).conforms; }

}  // namespace craft::vuln::version::dpkg
