#include "sbom/parse/spdx_common.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace craft::sbom::parse {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

bool IsDependencyOf(std::string_view type) {
  return type == "DEPENDENCY_OF" ||
         (type.ends_with("_DEPENDENCY_OF") && type != "DEPENDENCY_MANIFEST_OF");
}

}  // namespace

SpdxActor ParseSpdxActor(std::string_view text) {
  text = Trim(text);
  SpdxActor actor;
  auto colon = text.find(':');
  if (colon == std::string_view::npos) return actor;
  actor.kind = Trim(text.substr(0, colon));
  std::string_view rest = Trim(text.substr(colon + 1));
  if (actor.kind != "Tool" && rest.ends_with(')')) {
    auto open = rest.rfind('(');
    if (open != std::string_view::npos) {
      actor.email = Trim(rest.substr(open + 1, rest.size() - open - 2));
      rest = Trim(rest.substr(0, open));
    }
  }
  actor.name = rest;
  return actor;
}

Party ToParty(const SpdxActor& actor) {
  Party p;
  p.name = actor.name;
  if (!actor.email.empty()) p.emails.push_back(actor.email);
  return p;
}

void AddSpdxCreator(std::string_view text, Document& doc) {
  SpdxActor actor = ParseSpdxActor(text);
  if (actor.kind == "Tool") {
    Tool tool;
    tool.name = actor.name;
    doc.tools.push_back(std::move(tool));
  } else if (actor.kind == "Person" || actor.kind == "Organization") {
    doc.authors.push_back(ToParty(actor));
  }
}

void AddSpdxLicense(std::string_view value, std::vector<License>& out) {
  value = Trim(value);
  if (value.empty() || value == "NOASSERTION") return;
  License l;
  bool simple = value.find_first_of(" ()") == std::string_view::npos;
  if (simple && value != "NONE") {
    l.id = value;
  } else {
    l.expression = value;
  }
  out.push_back(std::move(l));
}

void AddSpdxExternalRef(std::string_view category, std::string_view type, std::string_view locator,
                        std::string_view comment, Component& c) {
  if (type == "purl" && c.purl.empty()) c.purl = locator;
  if ((type == "cpe23Type" || type == "cpe22Type") && c.cpe.empty()) c.cpe = locator;
  if (type == "swid" && c.swid_tag_id.empty()) c.swid_tag_id = locator;
  ExternalReference ref;
  ref.type = std::string(category) + "/" + std::string(type);
  ref.url = locator;
  ref.comment = comment;
  c.external_references.push_back(std::move(ref));
}

void ResolveSpdxRelationships(Document& doc, const std::vector<std::string>& described) {
  // One relationship however many ways it was said (documentDescribes and DESCRIBES, hasFiles
  // and CONTAINS, a file following its package in tag-value): keep the first of equal triples.
  std::unordered_set<std::string> seen;
  std::vector<Relationship> unique;
  for (auto& r : doc.relationships) {
    if (seen.insert(r.from + '\n' + r.type + '\n' + r.to).second) unique.push_back(std::move(r));
  }
  doc.relationships = std::move(unique);
  std::unordered_map<std::string_view, std::size_t> index;
  for (std::size_t i = 0; i < doc.components.size(); ++i) index.emplace(doc.components[i].ref, i);
  auto primary = [&](const std::string& ref) {
    auto it = index.find(ref);
    if (!doc.primary_component && it != index.end()) doc.primary_component = it->second;
  };
  for (const auto& ref : described) primary(ref);
  std::unordered_map<std::string, std::size_t> node;  // ref -> index in doc.dependencies
  auto edge = [&](const std::string& from, const std::string& to) {
    auto [it, added] = node.emplace(from, doc.dependencies.size());
    if (added) doc.dependencies.push_back({from, {}});
    auto& targets = doc.dependencies[it->second].depends_on;
    if (std::find(targets.begin(), targets.end(), to) == targets.end()) targets.push_back(to);
  };
  for (const auto& r : doc.relationships) {
    if (r.type == "DESCRIBES") primary(r.to);
    if (r.type == "DESCRIBED_BY") primary(r.from);
    if (r.to == "NONE" || r.to == "NOASSERTION") continue;
    if (r.type == "DEPENDS_ON") edge(r.from, r.to);
    if (IsDependencyOf(r.type)) edge(r.to, r.from);
  }
}

std::string SpdxSpecVersion(std::string_view value, std::string& problem, bool& is_error) {
  value = Trim(value);
  problem.clear();
  is_error = false;
  if (!value.starts_with("SPDX-")) {
    problem = "spdxVersion \"" + std::string(value) + "\" does not start with \"SPDX-\"";
    is_error = true;
    return std::string(value);
  }
  std::string version(value.substr(5));
  if (version != "2.2" && version != "2.3") {
    problem = "SPDX " + version + " is not a version craft supports (2.2, 2.3)";
    is_error = !(version == "2.0" || version == "2.1");
  }
  return version;
}

}  // namespace craft::sbom::parse
