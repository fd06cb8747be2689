#pragma once
// CycloneDX XML against the official XSD of its spec version.

#include <string_view>
#include <vector>

#include "sbom/model.h"

namespace craft::sbom {

// Validates a CycloneDX XML document against the XSD of `spec_version` ("1.2" to "1.7"): the
// schemas of npm @cyclonedx/cyclonedx-library, embedded at build time. Returns one error per
// schema violation, located by line:column, with libxml2's message; empty when the document is
// valid. A spec version without a schema, a DOCTYPE (refused: no entity is ever expanded) or
// malformed XML is one error. Nothing is loaded from disk or network. Thread-safe.
std::vector<Diagnostic> ValidateCycloneDxXml(std::string_view bytes, std::string_view spec_version);

}  // namespace craft::sbom
