// RPM versions (Red Hat, AlmaLinux, Rocky Linux, SUSE, openSUSE, Mageia, openEuler, ...), as rpm
// orders [epoch:]version[-release] with rpmvercmp() (rpmio/rpmvercmp.c, rpm >= 4.15 for "^").

#include "vuln/version/decimal.h"
#include "vuln/version/schemes.h"

namespace craft::vuln::version::rpm {
namespace {

struct RpmVersion {
  std::string_view epoch;  // digits; empty means 0
  std::string_view version;
  bool has_release = false;
  std::string_view release;
};

// rpm's parseEVR(): an epoch is the leading digits when a ":" follows them; the release starts
// after the last "-" of what follows.
RpmVersion Parse(std::string_view evr) {
  RpmVersion v;
  const std::size_t digits = RunLength(evr, IsDigit);
  if (digits < evr.size() && evr[digits] == ':') {
    v.epoch = evr.substr(0, digits);
    evr.remove_prefix(digits + 1);
  }
  if (const std::size_t hyphen = evr.rfind('-'); hyphen != std::string_view::npos) {
    v.has_release = true;
    v.release = evr.substr(hyphen + 1);
    evr = evr.substr(0, hyphen);
  }
  v.version = evr;
  return v;
}

bool IsSeparator(char c) { return !IsAlnum(c) && c != '~' && c != '^'; }

}  // namespace

int CompareSegments(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  while (true) {
    while (i < a.size() && IsSeparator(a[i])) ++i;
    while (j < b.size() && IsSeparator(b[j])) ++j;
    const bool a_end = i == a.size(), b_end = j == b.size();
    // "~" sorts before everything, even the end of the string.
    const bool a_tilde = !a_end && a[i] == '~', b_tilde = !b_end && b[j] == '~';
    if (a_tilde || b_tilde) {
      if (!a_tilde || !b_tilde) return a_tilde ? -1 : 1;
      ++i;
      ++j;
      continue;
    }
    // "^" sorts after the end of the string but before anything else.
    const bool a_caret = !a_end && a[i] == '^', b_caret = !b_end && b[j] == '^';
    if (a_caret || b_caret) {
      if (a_end) return -1;
      if (b_end) return 1;
      if (!a_caret || !b_caret) return a_caret ? -1 : 1;
      ++i;
      ++j;
      continue;
    }
    if (a_end || b_end) return a_end == b_end ? 0 : (a_end ? -1 : 1);
    // A run of digits or of letters, chosen by a; a number is newer than letters.
    const bool numeric = IsDigit(a[i]);
    const auto in_run = [numeric](char c) { return numeric ? IsDigit(c) : IsLetter(c); };
    const std::size_t na = RunLength(a.substr(i), in_run);
    const std::size_t nb = RunLength(b.substr(j), in_run);
    if (nb == 0) return numeric ? 1 : -1;
    const std::string_view x = a.substr(i, na), y = b.substr(j, nb);
    if (const int c = numeric ? CompareDecimal(x, y) : CompareBytes(x, y); c != 0) return c;
    i += na;
    j += nb;
  }
}

int Compare(std::string_view a, std::string_view b) {
  const RpmVersion x = Parse(a);
  const RpmVersion y = Parse(b);
  if (const int c = CompareDecimal(x.epoch, y.epoch); c != 0) return c;
  if (const int c = CompareSegments(x.version, y.version); c != 0) return c;
  if (x.has_release != y.has_release) return x.has_release ? 1 : -1;
  return CompareSegments(x.release, y.release);
}

}  // namespace craft::vuln::version::rpm
