#include "vuln/import/json_document.h"

#include <algorithm>
#include <cstring>

namespace craft::vuln::import {

std::optional<std::string> ParseJsonDocument(std::string_view json, std::size_t max_bytes,
                                             std::size_t max_depth, simdjson::dom::element& root) {
  if (json.size() > max_bytes) {
    return "input of " + std::to_string(json.size()) + " bytes exceeds the limit of " +
           std::to_string(max_bytes) + " bytes";
  }
  thread_local simdjson::dom::parser parser;
  thread_local std::string padded;
  padded.resize(json.size() + simdjson::SIMDJSON_PADDING);
  std::memcpy(padded.data(), json.data(), json.size());
  if (parser.max_depth() != max_depth || parser.capacity() < json.size()) {
    if (parser.allocate(std::max<std::size_t>(json.size(), 4096), max_depth) != simdjson::SUCCESS) {
      return "out of memory for " + std::to_string(json.size()) + " bytes of JSON";
    }
  }
  auto error = parser.parse(padded.data(), json.size(), false).get(root);
  if (error == simdjson::SUCCESS) return std::nullopt;
  if (error == simdjson::DEPTH_ERROR) {
    return "JSON nested deeper than " + std::to_string(max_depth) + " levels";
  }
  return std::string("not valid JSON: ") + simdjson::error_message(error);
}

}  // namespace craft::vuln::import
