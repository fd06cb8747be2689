#pragma once
// ASCII character classes and arbitrary-length decimal numbers, as the version schemes read them.
// Internal to src/vuln/version. Every scheme works on bytes: non-ASCII bytes are never letters or
// digits here, whatever the locale.

#include <cstddef>
#include <string>
#include <string_view>

namespace craft::vuln::version {

constexpr bool IsDigit(char c) { return c >= '0' && c <= '9'; }
constexpr bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
constexpr bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool IsLetter(char c) { return IsLower(c) || IsUpper(c); }
constexpr bool IsAlnum(char c) { return IsDigit(c) || IsLetter(c); }
constexpr char ToLower(char c) { return IsUpper(c) ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr bool IsSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// -1, 0 or +1 as the sign of x.
constexpr int Sign(long long x) { return x < 0 ? -1 : (x > 0 ? 1 : 0); }

// True when s is one or more ASCII digits.
constexpr bool IsNumber(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

// s without its leading '0' characters ("007" -> "7", "000" -> "").
constexpr std::string_view StripLeadingZeros(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && s[i] == '0') ++i;
  return s.substr(i);
}

// Compares two strings of ASCII digits as non-negative integers of any size; the empty string is
// zero. Leading zeros are ignored, then the longer number is greater, then the first differing
// digit decides. Returns -1, 0 or +1.
constexpr int CompareDecimal(std::string_view a, std::string_view b) {
  a = StripLeadingZeros(a);
  b = StripLeadingZeros(b);
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  const int c = a.compare(b);
  return Sign(c);
}

// Compares bytes as unsigned values (the order of strcmp and of code points in UTF-8).
constexpr int CompareBytes(std::string_view a, std::string_view b) { return Sign(a.compare(b)); }

// The length of the run of characters at the start of s for which pred holds.
template <class Pred>
constexpr std::size_t RunLength(std::string_view s, Pred pred) {
  std::size_t i = 0;
  while (i < s.size() && pred(s[i])) ++i;
  return i;
}

// The text lower-cased: in an inline buffer when it fits (no allocation for ordinary versions).
class LowerCaseText {
 public:
  explicit LowerCaseText(std::string_view text) {
    char* out = inline_;
    if (text.size() > sizeof inline_) {
      heap_.resize(text.size());
      out = heap_.data();
    }
    for (std::size_t i = 0; i < text.size(); ++i) out[i] = ToLower(text[i]);
    view_ = std::string_view(out, text.size());
  }
  LowerCaseText(const LowerCaseText&) = delete;
  LowerCaseText& operator=(const LowerCaseText&) = delete;
  std::string_view view() const { return view_; }

 private:
  char inline_[48];
  std::string heap_;
  std::string_view view_;
};

}  // namespace craft::vuln::version
