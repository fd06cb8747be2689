#pragma once
// CycloneDX VEX: reading `vulnerabilities[].analysis` (with `affects[].ref`) from a CycloneDX JSON
// BOM of any 1.x version, and writing CycloneDX 1.6 JSON VEX. Pure (bytes in, data out), never
// throws, thread-safe.

#include <string>
#include <string_view>
#include <vector>

#include "vuln/vex/model.h"

namespace craft::vuln::vex {

// One statement per `vulnerabilities[i]` that has an `analysis` object with a known `state`
// (a vulnerability without `analysis` is a VDR entry, not a VEX statement, and is skipped
// silently). The statement keeps the CycloneDX state and justification (cdx_state,
// cdx_justification) and carries their craft translations (mapping.h). Products are the
// `affects[].ref` values (bom_ref), completed with the purl, cpe and name of the component of that
// bom-ref when the BOM declares it (components, nested components, metadata.component); a ref
// that is itself a PURL or CPE fills purl / cpe. `references[].id` become aliases,
// `recommendation` the action statement, `analysis.detail` the detail, the first
// `metadata.authors[].name` the author, `analysis.lastUpdated` (else firstIssued) the timestamp.
// Unknown states (statement skipped), justifications and responses (value ignored), wrong types
// and a missing `id` give diagnostics at their JSON pointer. `ok` is false only when the input is
// not JSON, over the limits, or not an object with "bomFormat": "CycloneDX".
ReadResult ReadCycloneDx(std::string_view bytes);

struct CycloneDxWriteOptions {
  std::string serial_number;  // "urn:uuid:…"; omitted when empty
  std::string timestamp;      // metadata.timestamp; omitted when empty
};

// A CycloneDX 1.6 BOM, valid against bom-1.6.schema.json, with one component per distinct
// product (bom-ref = the product's bom_ref, else purl, else cpe, else id) and one vulnerability
// per statement whose `analysis` holds the kept CycloneDX state/justification or the translation
// of craft's status/justification (docs/vex-mapping.md). Aliases become references, the action
// statement the recommendation; the impact statement is appended to analysis.detail when it
// differs from the detail. Statement authors become metadata.authors.
std::string WriteCycloneDx(const std::vector<Statement>& statements,
                           const CycloneDxWriteOptions& options = {});

}  // namespace craft::vuln::vex
