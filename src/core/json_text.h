#pragma once
// UTF-8 well-formedness, and JSON string literals written directly (without a JSON tree) and
// escaped byte for byte as nlohmann's dump() escapes them (ensure_ascii off), so that text written
// here and text written by nlohmann are interchangeable. One copy for the advisory store's record
// writer, the SBOM check's JSON writer, the status endpoint and the export's file names. Pure.

#include <cstddef>
#include <string>
#include <string_view>

namespace craft::core {

// The length of the well-formed UTF-8 sequence starting at text[i] (1 to 4), or 0 when there is
// none (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF, no cut sequence; the
// sequences nlohmann's serializer accepts). `i` must be < text.size().
std::size_t Utf8SequenceLength(std::string_view text, std::size_t i);

// Whether all of `text` is well-formed UTF-8 (Utf8SequenceLength never 0).
bool IsUtf8(std::string_view text);

// Appends `text` as a JSON string literal: quoted; '"', '\\' and the control characters escaped as
// nlohmann writes them ("\b", "\f", "\n", "\r", "\t", else "\u00XX" in lower case); every other
// byte copied as it is. For text that is UTF-8 (IsUtf8): the callers decide what to do otherwise.
void AppendJsonString(std::string& out, std::string_view text);

}  // namespace craft::core
