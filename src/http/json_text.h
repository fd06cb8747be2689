#pragma once
// Appends JSON text straight to a string, for the hottest responses (the status endpoint), where
// building an nlohmann::json tree costs more than the rest of the request together.

#include <string>
#include <string_view>

namespace craft::http {

// Appends `value` as a JSON string literal (quoted, escaped per RFC 8259; bytes >= 0x80 copied
// as they are, so valid UTF-8 stays valid).
void AppendJsonString(std::string& out, std::string_view value);

// Appends `"key":` (the key escaped as a string).
void AppendJsonKey(std::string& out, std::string_view key);

}  // namespace craft::http
