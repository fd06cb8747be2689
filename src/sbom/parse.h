#pragma once
// Reading SBOMs: one entry point for every supported format.

#include <string_view>

#include "sbom/model.h"

namespace craft::sbom {

// Reads an SBOM in any supported format, detected from the bytes themselves (never from a file
// name): CycloneDX JSON and XML (1.2 to 1.7; 1.4 to 1.7 are the supported versions, older ones
// read with a warning), SPDX 2.2 / 2.3 JSON and tag-value, SPDX 3.0.x JSON-LD.
//
// Returns the normalised document, or the diagnostics that make it unreadable; never throws on
// bad input. Every diagnostic names its place: a JSON pointer for a JSON field, an XPath for an
// XML element, "line:column" where the text itself is at fault (a tag-value line; malformed,
// truncated or too deeply nested JSON; malformed or truncated XML; an XML DOCTYPE). A document with
// error diagnostics may still carry a value when the errors are local (a malformed field); a file
// that is not an SBOM at all, truncated, or over `limits` (size, nesting depth, component count)
// has no value. XML DOCTYPEs and entities are refused, never expanded. Pure and thread-safe; memory
// grows linearly with the input. (The JSON parsers' buffers, one DOM and one On-Demand parser, are
// kept between calls, for inputs up to 64 MiB, to spare repeated parses the cost of fresh memory;
// that is the only state, and it is not observable.)
Parsed<Document> Parse(std::string_view bytes, const Limits& limits = {});

}  // namespace craft::sbom
