#pragma once
// JSON Pointer (RFC 6901) reference tokens: how every diagnostic of craft names a key. Pure.

#include <string>
#include <string_view>

namespace craft::core {

// Appends `token` as a JSON Pointer reference token: "~" written "~0", "/" written "~1".
void AppendJsonPointerToken(std::string& out, std::string_view token);

// `token` as a JSON Pointer reference token.
std::string JsonPointerToken(std::string_view token);

}  // namespace craft::core
