#pragma once
// Writing the normalised sbom::Document as CycloneDX 1.6 JSON or SPDX 2.3 JSON, whatever format it
// was read from. Pure and thread-safe; never throws on odd input (what the target cannot express is
// dropped and reported as a warning). Deterministic: the same document gives the same bytes.

#include <string>
#include <vector>

#include "sbom/model.h"

namespace craft::sbom {

// CycloneDX 1.6 JSON, valid against bom-1.6.schema.json. Kept: every component (nested ones under
// their parent), bom-refs, identifiers (purl, cpe, swid tagId), hashes, licences (declared and
// concluded, by acknowledgement), suppliers, manufacturers, external references, properties,
// dependencies, compositions, vulnerabilities, metadata (timestamp, tools, authors, lifecycles,
// the primary component). The primary component of an SPDX document becomes metadata.component
// (and leaves the components list). The serial number is kept when it is a urn:uuid, otherwise a
// urn:uuid derived from the content is written and the SPDX documentNamespace / name are kept as
// the metadata properties craft:spdx:documentNamespace / craft:spdx:documentName. An SPDX
// packageFileName becomes the property bsi:component:filename. Dropped with a warning: hashes of
// an algorithm CycloneDX lacks (SHA224, MD2, MD4, MD6, ADLER32) or whose value is not hex of a
// digest length, a timestamp that is not RFC 3339.
std::string WriteCycloneDxJson(const Document& doc, std::vector<Diagnostic>* warnings = nullptr);

// SPDX 2.3 JSON, valid against spdx-2.3.schema.json. Components become packages (nesting becomes
// CONTAINS relationships; the primary component is DESCRIBED by the document), dependency edges
// become DEPENDS_ON relationships, purl / cpe / swid become externalRefs (PACKAGE-MANAGER purl,
// SECURITY cpe23Type / cpe22Type, PERSISTENT-ID swid), licences become licenseDeclared /
// licenseConcluded expressions (NOASSERTION when none; a free-text licence name becomes a
// LicenseRef- with its text in hasExtractedLicensingInfos), suppliers "Organization: X (email)".
// SPDXIDs are the refs when they are valid SPDX ids, otherwise generated from them (unique and
// deterministic). Not expressible in SPDX 2.3, so not written: component properties (the file
// name is kept as packageFileName), scope, compositions, vulnerabilities, bom-refs that are not
// SPDX ids, relationships or dependency edges that name something that is not a package (files,
// services). Hashes SPDX lacks are dropped with a warning.
std::string WriteSpdxJson(const Document& doc, std::vector<Diagnostic>* warnings = nullptr);

}  // namespace craft::sbom
