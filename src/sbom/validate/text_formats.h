#pragma once
// Text formats that the JSON schema `format` keyword and the SPDX rules check. Pure.

#include <string_view>

namespace craft::sbom::json_schema {

// RFC 3339 date-time (section 5.6): a calendar date that exists, 'T', hh:mm:ss[.frac], and 'Z'
// or a +hh:mm / -hh:mm offset; 't' and 'z' are accepted as RFC 3339 allows; a leap second (60) is
// allowed.
bool IsDateTime(std::string_view s);
// RFC 3339 full-date: YYYY-MM-DD, a date that exists.
bool IsDate(std::string_view s);
// An absolute URI: a scheme (ALPHA *(ALPHA / DIGIT / "+" / "-" / ".") then ':'), no spaces,
// controls, non-ASCII or characters RFC 3986 excludes ("<>\"{}|\\^`"), '%' followed by two hex
// digits.
bool IsUri(std::string_view s);
// A URI or a relative reference; spaces, non-ASCII and the characters "<>\"{}|\\^`" are allowed
// (as the reference validator allows them); still no controls, '%' followed by two hex digits,
// and a ':' before the first '/', '?' or '#' must end a valid scheme.
bool IsIriReference(std::string_view s);
// local@domain: neither part empty, no spaces or controls, a domain without empty labels or the
// characters "()<>[]:;@\\,\"".
bool IsEmail(std::string_view s);

}  // namespace craft::sbom::json_schema
