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
};

struct Readiness {
  bool ready = false;
  std::vector<MissingItem> missing_items;  // in a stable order: organisation, version, documents
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
