#pragma once
// Plain-English pieces of the validator's messages (internal to json_schema*.cpp).

#include <simdjson.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "sbom/validate/json_schema_node.h"

namespace craft::sbom::json_schema {

// "a string", "an object or an array", ... for a `type` bit set.
std::string TypeNames(std::uint8_t types);

// What a value is, for "found ...": "a number (42)", "the string 'x'", "an object".
std::string Describe(simdjson::dom::element value);

// `text` cut to at most 60 characters (with "..." when cut), for quoting in a message.
std::string Quote(std::string_view text);

// "'librar' is not one of application, framework, library, ..." (or, for a long list, the count
// of allowed values).
std::string EnumMessage(const Node& node, simdjson::dom::element value);

// " (allowed: a, b, c)" for an object schema's named properties, or "" when there are too many.
std::string AllowedProperties(const Node& node);

}  // namespace craft::sbom::json_schema
