// The `format` checks of the JSON schema validator (see json_schema.h for what each accepts).

#include <string_view>

#include "sbom/validate/text_formats.h"

namespace craft::sbom::json_schema {
namespace {

bool Digits(std::string_view s, std::size_t at, std::size_t n, int& value) {
  if (at + n > s.size()) return false;
  value = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    value = value * 10 + (s[i] - '0');
  }
  return true;
}

bool IsLeap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

// RFC 3339 full-date at the start of `s`: YYYY-MM-DD with a day that exists.
bool FullDate(std::string_view s) {
  int year, month, day;
  if (!Digits(s, 0, 4, year) || s.size() < 10 || s[4] != '-' || !Digits(s, 5, 2, month) ||
      s[7] != '-' || !Digits(s, 8, 2, day)) {
    return false;
  }
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1) return false;
  int last = kDays[month - 1] + (month == 2 && IsLeap(year) ? 1 : 0);
  return day <= last;
}

// RFC 3339 full-time: HH:MM:SS[.frac](Z|+HH:MM|-HH:MM); a leap second (60) is allowed.
bool FullTime(std::string_view s) {
  int hour, minute, second;
  if (!Digits(s, 0, 2, hour) || s.size() < 8 || s[2] != ':' || !Digits(s, 3, 2, minute) ||
      s[5] != ':' || !Digits(s, 6, 2, second)) {
    return false;
  }
  if (hour > 23 || minute > 59 || second > 60) return false;
  std::size_t at = 8;
  if (at < s.size() && s[at] == '.') {
    std::size_t start = ++at;
    while (at < s.size() && s[at] >= '0' && s[at] <= '9') ++at;
    if (at == start) return false;
  }
  if (at < s.size() && (s[at] == 'Z' || s[at] == 'z')) return at + 1 == s.size();
  int offset_hour, offset_minute;
  return at + 6 == s.size() && (s[at] == '+' || s[at] == '-') &&
         Digits(s, at + 1, 2, offset_hour) && s[at + 3] == ':' &&
         Digits(s, at + 4, 2, offset_minute) && offset_hour <= 23 && offset_minute <= 59;
}

bool IsHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// No controls, and '%' starts an escape. `strict` (a URI) also refuses spaces, non-ASCII and the
// characters RFC 3986 excludes ("<>\"{}|\\^`"); an IRI reference keeps them, as the reference
// validator (ajv-formats-draft2019) does: real SBOMs carry unexpanded "${...}" and "a and b" in
// their URLs (CycloneDX/bom-examples OBOM).
bool ReferenceCharacters(std::string_view s, bool strict) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      if (strict) return false;
      continue;
    }
    if (c < 0x20 || c == 0x7F || (strict && c == ' ')) return false;
    if (strict &&
        std::string_view("<>\"{}|\\^`").find(static_cast<char>(c)) != std::string_view::npos) {
      return false;
    }
    if (c == '%' && (i + 2 >= s.size() || !IsHex(s[i + 1]) || !IsHex(s[i + 2]))) return false;
  }
  return true;
}

// The scheme of `s` (before the first ':' that precedes any '/', '?' or '#'): empty when there is
// none; false when what stands there is not a valid scheme (ALPHA *( ALPHA / DIGIT / + - . )).
bool Scheme(std::string_view s, std::string_view& scheme) {
  std::size_t colon = s.find(':');
  std::size_t end = s.find_first_of("/?#");
  scheme = {};
  if (colon == std::string_view::npos || (end != std::string_view::npos && end < colon)) {
    return true;
  }
  scheme = s.substr(0, colon);
  if (scheme.empty() || !((scheme[0] | 0x20) >= 'a' && (scheme[0] | 0x20) <= 'z')) return false;
  for (char c : scheme) {
    bool alpha = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    if (!alpha && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') return false;
  }
  return true;
}

}  // namespace

bool IsDate(std::string_view s) { return s.size() == 10 && FullDate(s); }

bool IsDateTime(std::string_view s) {
  return s.size() > 11 && FullDate(s) && (s[10] == 'T' || s[10] == 't') && FullTime(s.substr(11));
}

bool IsUri(std::string_view s) {
  std::string_view scheme;
  return ReferenceCharacters(s, true) && Scheme(s, scheme) && !scheme.empty();
}

bool IsIriReference(std::string_view s) {
  std::string_view scheme;
  return ReferenceCharacters(s, false) && Scheme(s, scheme);
}

bool IsEmail(std::string_view s) {
  std::size_t at = s.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == s.size()) return false;
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == 0x7F) return false;
  }
  std::string_view domain = s.substr(at + 1);
  if (domain.front() == '.' || domain.back() == '.' ||
      domain.find("..") != std::string_view::npos) {
    return false;
  }
  return domain.find_first_of("()<>[]:;@\\,\"") == std::string_view::npos;
}

}  // namespace craft::sbom::json_schema
