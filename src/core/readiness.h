#pragma once
// Readiness of a version (CRA.md, "Readiness of a version"): `ready` when nothing required is
// missing, otherwise `incomplete` with the missing items. One function decides, and the status
// endpoint, the export manifest and the PDF all call it.

#include <optional>
#include <string>
#include <vector>

#include "core/model.h"

namespace craft::core {

// Where to fix a missing item: the API call and the field (a JSON pointer into its body), and the
// web UI page.
struct FixLocation {
  std::string method;  // "PATCH", "POST"
  std::string path;    // e.g. "/api/v1/versions/<id>"
  std::string field;   // e.g. "/end_of_support"; empty for uploads
  std::string ui;      // e.g. "/ui/versions/<id>#end_of_support"
};

struct MissingItem {
  std::string key;     // stable, machine-readable: "risk_assessment document", "release_date", ...
  std::string label;   // one human sentence
  std::string source;  // the provision it comes from, e.g. "Annex VII (3)"
  FixLocation fix;
};

struct ReadinessInput {
  Organisation organisation;
  Product product;
  Version version;
  std::vector<DocumentType> document_types;  // own and inherited documents of the version
  Date today;
  // The SBOMs of the version: how many are stored, and the best quality score (0..100) among
  // those that are valid CycloneDX or SPDX (nullopt when none is).
  int sbom_count = 0;
  std::optional<double> best_sbom_score;
  // Known-exploited (CISA KEV) vulnerabilities of the version's components whose triage is not
  // not_affected, fixed or false_positive: one entry per vulnerability, with the finding to triage.
  struct OpenKev {
    std::string vulnerability;  // "CVE-2021-44228"
    std::string finding_id;
  };
  std::vector<OpenKev> open_kev_vulnerabilities;
};

struct Readiness {
  bool ready = false;
  // In a stable order: organisation, version, documents, SBOM, KEV vulnerabilities.
  std::vector<MissingItem> missing_items;
};

// Applies every rule this data can decide. Pure and deterministic.
Readiness AssessReadiness(const ReadinessInput& input);

// The document types that satisfy each required document, in order; a document of type `other`
// never satisfies a requirement.
struct RequiredDocument {
  std::string key;  // "<type> document"
  std::vector<DocumentType> satisfied_by;
  std::string label;
  std::string source;
};
const std::vector<RequiredDocument>& RequiredDocuments();

}  // namespace craft::core
