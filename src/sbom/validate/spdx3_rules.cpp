// The basic required fields of SPDX 3.0.x JSON-LD (see spdx_rules.h).

#include <simdjson.h>

#include "sbom/validate/spdx_rules.h"
#include "sbom/validate/text_formats.h"

namespace craft::sbom {
namespace {

using simdjson::dom::element;
using simdjson::dom::object;

bool HasString(object o, std::string_view key, std::string_view* value = nullptr) {
  std::string_view text;
  if (o.at_key(key).get(text) != simdjson::SUCCESS || text.empty()) return false;
  if (value != nullptr) *value = text;
  return true;
}

void Missing(std::vector<Diagnostic>& out, const std::string& at, std::string_view type,
             std::string_view field) {
  out.push_back({Diagnostic::Severity::kError, at,
                 "the required field " + std::string(field) + " of this " + std::string(type) +
                     " is missing"});
}

void CheckCreationInfo(object o, const std::string& at, std::vector<Diagnostic>& out) {
  if (!HasString(o, "specVersion")) Missing(out, at, "CreationInfo", "specVersion");
  std::string_view created;
  if (!HasString(o, "created", &created)) {
    Missing(out, at, "CreationInfo", "created");
  } else if (!json_schema::IsDateTime(created)) {
    out.push_back({Diagnostic::Severity::kError, at + "/created",
                   "created '" + std::string(created) + "' is not an RFC 3339 date-time"});
  }
  simdjson::dom::array by;
  if (o.at_key("createdBy").get(by) != simdjson::SUCCESS || by.size() == 0) {
    Missing(out, at, "CreationInfo", "createdBy");
  }
}

void CheckElement(object o, const std::string& at, std::vector<Diagnostic>& out, int& documents) {
  std::string_view type;
  if (!HasString(o, "type", &type) && !HasString(o, "@type", &type)) {
    out.push_back({Diagnostic::Severity::kError, at, "the element has no type"});
    return;
  }
  object nested;
  if (type == "CreationInfo") return CheckCreationInfo(o, at, out);
  if (type == "SpdxDocument") ++documents;
  if (!HasString(o, "spdxId") && !HasString(o, "@id")) Missing(out, at, type, "spdxId");
  if (!HasString(o, "creationInfo") && o["creationInfo"].get(nested) != simdjson::SUCCESS) {
    Missing(out, at, type, "creationInfo");
  } else if (!o["creationInfo"].get(nested)) {
    CheckCreationInfo(nested, at + "/creationInfo", out);
  }
  if (type == "software_Package" && !HasString(o, "name")) Missing(out, at, type, "name");
  if (type == "Relationship" || type == "LifecycleScopedRelationship") {
    if (!HasString(o, "from")) Missing(out, at, type, "from");
    if (!HasString(o, "relationshipType")) Missing(out, at, type, "relationshipType");
  }
}

}  // namespace

std::vector<Diagnostic> ValidateSpdx3(std::string_view bytes) {
  std::vector<Diagnostic> out;
  simdjson::dom::parser parser;
  object root;
  if (parser.parse(bytes.data(), bytes.size()).get(root)) {
    out.push_back(
        {Diagnostic::Severity::kError, "1:1", "the SPDX 3 document is not a JSON object"});
    return out;
  }
  element context;
  if (root.at_key("@context").get(context) != simdjson::SUCCESS) {
    out.push_back({Diagnostic::Severity::kError, "/", "the required field @context is missing"});
  }
  simdjson::dom::array graph;
  if (root.at_key("@graph").get(graph) != simdjson::SUCCESS) {
    out.push_back({Diagnostic::Severity::kError, "/", "the required array @graph is missing"});
    return out;
  }
  int documents = 0;
  std::size_t i = 0;
  for (element item : graph) {
    const std::string at = "/@graph/" + std::to_string(i++);
    object o;
    if (item.get(o)) {
      out.push_back({Diagnostic::Severity::kError, at, "the element is not a JSON object"});
      continue;
    }
    CheckElement(o, at, out, documents);
  }
  if (documents == 0) {
    out.push_back({Diagnostic::Severity::kError, "/@graph", "the graph holds no SpdxDocument"});
  }
  return out;
}

}  // namespace craft::sbom
