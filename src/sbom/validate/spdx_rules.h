#pragma once
// SPDX documents against the rules of their specification, which no schema states in full.

#include <string_view>
#include <vector>

#include "sbom/model.h"

namespace craft::sbom {

// Checks an SPDX 2.2 / 2.3 document (JSON or tag-value, as `format` says) against the rules of its
// spec: the required document fields (spdxVersion, dataLicense CC0-1.0, SPDXID SPDXRef-DOCUMENT,
// name, documentNamespace an absolute URI without '#', creationInfo.created in RFC 3339 UTC,
// creators "Tool: ", "Organization: " or "Person: "), each package's, file's and snippet's
// required fields (2.2 requires more than 2.3), SPDXIDs well formed and unique, every SPDXID
// reference (documentDescribes, relationships, hasFiles, snippetFromFile) defined in the
// document or in a declared external document, relationship types and checksum algorithms from
// the spec's lists, checksum values hex of the algorithm's length, the package verification code,
// and licence expressions (an id missing from the SPDX licence list, or an undeclared
// LicenseRef-, is a warning). Locations are JSON pointers for JSON and "line N" for tag-value.
// Pure and thread-safe.
std::vector<Diagnostic> ValidateSpdx2(std::string_view bytes, Format format);

// Checks the basic required fields of an SPDX 3.0.x JSON-LD document: @context, @graph, one
// SpdxDocument, every element's type and spdxId, every CreationInfo's specVersion, created and
// createdBy, every software_Package's name. Locations are JSON pointers.
std::vector<Diagnostic> ValidateSpdx3(std::string_view bytes);

}  // namespace craft::sbom
