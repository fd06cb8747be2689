#pragma once
// Parsing JSON input with simdjson's DOM, within limits. Internal to src/vuln/import.

#include <simdjson.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace craft::vuln::import {

// Parses `json` with this thread's parser and sets `root`. Returns a message instead when the input
// is larger than `max_bytes`, nested deeper than `max_depth`, or not JSON. `root` (and every
// string view taken from it) stays valid until the next call on the same thread.
std::optional<std::string> ParseJsonDocument(std::string_view json, std::size_t max_bytes,
                                             std::size_t max_depth, simdjson::dom::element& root);

}  // namespace craft::vuln::import
