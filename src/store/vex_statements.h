#pragma once
// Findings and VEX statements, both ways: a version's triage written as VEX (CycloneDX, OpenVEX,
// CSAF), and a VEX document's statements applied to the findings they name.

#include <string>
#include <vector>

#include "store/store.h"
#include "vuln/vex/model.h"

namespace craft::store {

// One statement per finding (its component as the product: purl, else name@version).
std::vector<vuln::vex::Statement> StatementsOf(const std::vector<FindingRecord>& findings);

// The triage a statement records, in craft's words ("not_affected", "code_not_present" is mapped
// to one of the five justifications, ...).
FindingAnalysis AnalysisOf(const vuln::vex::Statement& statement);

// Whether a statement speaks about a finding: the vulnerability (id or alias, either side) and,
// when the statement names products, one of them (purl, with or without version, or bom-ref /
// name equal to the component's purl or name).
bool StatementCovers(const vuln::vex::Statement& statement, const FindingRecord& finding);

// The version's VEX in "cyclonedx", "openvex" or "csaf"; `timestamp` is RFC 3339.
std::string WriteVex(const std::string& format, const std::vector<FindingRecord>& findings,
                     const std::string& document_id, const std::string& publisher,
                     const std::string& timestamp);

}  // namespace craft::store
