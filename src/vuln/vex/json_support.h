#pragma once
// Internal helpers shared by the VEX readers and writers (not part of the public API): parsing
// JSON under craft's size and depth limits, and reading typed members with diagnostics.
// Uses nlohmann-json; no reader exposes it in its own header.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vuln/vex/model.h"

namespace craft::vuln::vex::detail {

// Parses `bytes` as one JSON value. Returns nullopt and adds a diagnostic at "" when the input is
// larger than kMaxDocumentBytes, nests deeper than kMaxDepth, or is not JSON. Never throws.
std::optional<nlohmann::json> ParseLimited(std::string_view bytes,
                                           std::vector<Diagnostic>& diagnostics);

// RFC 6901 escaping of one reference token ("~" -> "~0", "/" -> "~1").
std::string PointerToken(std::string_view token);
std::string Pointer(const std::string& parent, std::string_view token);
std::string Pointer(const std::string& parent, std::size_t index);

// The string member `key` of `object`, or "" when absent. When present but not a string a
// diagnostic is added at parent/key and "" is returned.
std::string StringMember(const nlohmann::json& object, std::string_view key,
                         const std::string& parent, std::vector<Diagnostic>& diagnostics);

// The array member `key` of `object`, or nullptr when absent; a diagnostic when it is not an
// array.
const nlohmann::json* ArrayMember(const nlohmann::json& object, std::string_view key,
                                  const std::string& parent, std::vector<Diagnostic>& diagnostics);

// Fills purl / cpe / id from one identifier string by its prefix ("pkg:", "cpe:").
void ClassifyIdentifier(const std::string& identifier, Product& product);

}  // namespace craft::vuln::vex::detail
