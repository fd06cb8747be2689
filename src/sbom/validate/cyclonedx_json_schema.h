#pragma once
// CycloneDX JSON against the official JSON schema of its spec version.

#include <string_view>
#include <vector>

#include "sbom/model.h"

namespace simdjson::dom {
class element;
}  // namespace simdjson::dom

namespace craft::sbom {

// Validates a CycloneDX JSON document against the JSON schema of `spec_version` ("1.2" to "1.7"):
// the schemas of npm @cyclonedx/cyclonedx-library (with the SPDX licence id, JSF signature and
// cryptography definitions they refer to), embedded at build time and compiled once, on first
// use. Returns one error per schema violation (at most 100, then one "and N more"), located by
// JSON pointer, in plain English; empty when the document is valid. A spec version without a
// schema, or malformed JSON, is one error. Nothing is loaded from disk or network. Time and memory
// are linear in the input. Thread-safe.
std::vector<Diagnostic> ValidateCycloneDxJson(std::string_view bytes,
                                              std::string_view spec_version);

// The same for a document already parsed into simdjson's DOM (its root).
std::vector<Diagnostic> ValidateCycloneDxJson(const simdjson::dom::element& root,
                                              std::string_view spec_version);

}  // namespace craft::sbom
