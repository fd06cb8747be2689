#pragma once
// Appends JSON text straight to a string, for the hottest responses (the status endpoint), where
// building an nlohmann::json tree costs more than the rest of the request together.

#include <string>
#include <string_view>

#include "core/json_text.h"

namespace craft::http {

// Appends `value` as a JSON string literal (quoted, escaped as nlohmann escapes; bytes >= 0x80
// copied as they are, so valid UTF-8 stays valid).
using core::AppendJsonString;

// Appends `"key":` (the key escaped as a string).
void AppendJsonKey(std::string& out, std::string_view key);

}  // namespace craft::http
