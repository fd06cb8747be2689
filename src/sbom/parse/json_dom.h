#pragma once
// A JSON input parsed once into simdjson's DOM and kept after reading, so that the JSON schema
// validator checks the very DOM the reader read (sbom::CheckSbom). Internal to craft_sbom.

#include <simdjson.h>

#include <mutex>
#include <optional>

namespace craft::sbom::parse {

struct JsonDom {
  simdjson::dom::element root;
  // The parser whose document `root` is in: a parser of its own, or the shared one (see
  // ReadJson), whose lock is then held until this is destroyed.
  std::optional<simdjson::dom::parser> own;
  std::unique_lock<std::mutex> lock;
};

}  // namespace craft::sbom::parse
