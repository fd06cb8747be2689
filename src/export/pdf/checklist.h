#pragma once
// The compliance checklist of technical-file.pdf: every requirement of CRA.md "Readiness of a
// version", ticked when the readiness verdict does not list it as missing. The verdict is the one
// function's (core::AssessReadiness plus the SBOM and KEV rules); this only presents it. Pure.

#include <string>
#include <vector>

#include "core/readiness.h"

namespace craft::exporting::pdf {

struct ChecklistRow {
  std::string requirement;  // what is required, in words
  std::string source;       // the provision
  bool met = false;
  std::vector<std::string> missing;  // labels of the missing items this row stands for
};

// One row per requirement, in the order of CRA.md (organisation, version, documents, SBOM,
// vulnerabilities). A missing item counts against the row whose key it carries: the organisation
// and version field keys, "<type> document", any key starting with "sbom" for the SBOM row, any
// key containing "kev" for the KEV row. A missing item no row knows gets a row of its own, so
// nothing the verdict says is ever left out.
std::vector<ChecklistRow> ComplianceChecklist(const core::Readiness& readiness);

}  // namespace craft::exporting::pdf
