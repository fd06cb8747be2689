#pragma once
// Pieces of RFC 3986 the HTTP layer needs: percent-decoding of path segments and query strings,
// and ASCII case-insensitive comparison of header names. Internal to src/http.

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace craft::http {

// ASCII case-insensitive equality (header names, media types, parameter names).
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

// Lower-cases ASCII letters in place.
void ToLowerAscii(std::string& text);

// Decodes %XX escapes (and '+' as a space when `plus_as_space`, for query strings). Returns nullopt
// when an escape is malformed ("%", "%4", "%zz"). Decoded bytes may be anything, '/' and NUL
// included: callers validate.
std::optional<std::string> PercentDecode(std::string_view text, bool plus_as_space = false);

// Parses "a=1&b=two+words&c" into {a: 1, b: "two words", c: ""}. Empty pairs are skipped. Returns
// false (leaving `out` partly filled) when an escape is malformed.
bool ParseQuery(std::string_view text, std::multimap<std::string, std::string>& out);

}  // namespace craft::http
