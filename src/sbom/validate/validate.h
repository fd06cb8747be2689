#pragma once
// Validation of an SBOM against the specification of its format and spec version: CycloneDX XML
// against its XSD, CycloneDX JSON against its JSON schema, SPDX against the rules of its spec.
// One entry point, so that `craft sbom check`, the validate endpoint and the upload endpoint all
// say the same thing about the same bytes.

#include <string_view>
#include <vector>

#include "sbom/model.h"

namespace craft::sbom {

namespace parse {
struct JsonDom;  // sbom/parse/json_dom.h
}  // namespace parse

// The diagnostics of validating `bytes` (already read into `doc` by sbom::Parse) against the
// specification of doc.format and doc.spec_version. Parse diagnostics are not repeated. Pure and
// thread-safe.
std::vector<Diagnostic> ValidateAgainstSpec(std::string_view bytes, const Document& doc);

// The same, with the DOM sbom::Parse read `bytes` from (parse::ParseKeepingJson; null when it read
// none): CycloneDX JSON is validated on that DOM instead of being parsed again.
std::vector<Diagnostic> ValidateAgainstSpec(std::string_view bytes, const Document& doc,
                                            const parse::JsonDom* json);

}  // namespace craft::sbom
