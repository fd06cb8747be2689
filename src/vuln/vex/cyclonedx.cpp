#include "vuln/vex/cyclonedx.h"

#include <map>
#include <set>

#include "vuln/vex/json_support.h"
#include "vuln/vex/mapping.h"

namespace craft::vuln::vex {
namespace {

using detail::ArrayMember;
using detail::Pointer;
using detail::StringMember;
using nlohmann::json;

using ComponentIndex = std::map<std::string, Product>;

void IndexComponent(const json& c, const std::string& at, ComponentIndex& index,
                    std::vector<Diagnostic>& diags, int depth) {
  if (!c.is_object() || depth > static_cast<int>(kMaxDepth)) return;
  std::string ref = StringMember(c, "bom-ref", at, diags);
  if (!ref.empty()) {
    Product p;
    p.bom_ref = ref;
    p.purl = StringMember(c, "purl", at, diags);
    p.cpe = StringMember(c, "cpe", at, diags);
    p.name = StringMember(c, "name", at, diags);
    index.emplace(ref, std::move(p));
  }
  if (const json* children = ArrayMember(c, "components", at, diags)) {
    for (std::size_t i = 0; i < children->size(); ++i) {
      IndexComponent((*children)[i], Pointer(Pointer(at, "components"), i), index, diags,
                     depth + 1);
    }
  }
}

ComponentIndex IndexComponents(const json& doc, std::vector<Diagnostic>& diags) {
  ComponentIndex index;
  if (auto m = doc.find("metadata"); m != doc.end() && m->is_object()) {
    if (auto c = m->find("component"); c != m->end()) {
      IndexComponent(*c, "/metadata/component", index, diags, 0);
    }
  }
  if (const json* cs = ArrayMember(doc, "components", "", diags)) {
    for (std::size_t i = 0; i < cs->size(); ++i) {
      IndexComponent((*cs)[i], Pointer("/components", i), index, diags, 0);
    }
  }
  return index;
}

std::string DocumentAuthor(const json& doc) {
  auto m = doc.find("metadata");
  if (m == doc.end() || !m->is_object()) return {};
  auto a = m->find("authors");
  if (a == m->end() || !a->is_array() || a->empty() || !(*a)[0].is_object()) return {};
  auto n = (*a)[0].find("name");
  return n != (*a)[0].end() && n->is_string() ? n->get<std::string>() : std::string();
}

void ReadAnalysisDetails(const json& analysis, const std::string& at, Statement& s,
                         std::vector<Diagnostic>& diags) {
  std::string j = StringMember(analysis, "justification", at, diags);
  if (!j.empty()) {
    if (auto cj = ParseCdxJustification(j)) {
      s.cdx_justification = cj;
      if (s.status == Status::kNotAffected || s.status == Status::kFalsePositive) {
        s.justification = FromCdx(*cj);
      }
    } else {
      diags.push_back({Pointer(at, "justification"), "unknown justification \"" + j + "\""});
    }
  }
  if (const json* rs = ArrayMember(analysis, "response", at, diags)) {
    for (std::size_t i = 0; i < rs->size(); ++i) {
      const json& r = (*rs)[i];
      auto parsed = r.is_string() ? ParseResponse(r.get<std::string>()) : std::nullopt;
      if (parsed) {
        s.responses.push_back(*parsed);
      } else {
        diags.push_back({Pointer(Pointer(at, "response"), i), "unknown response"});
      }
    }
  }
  s.detail = StringMember(analysis, "detail", at, diags);
  s.first_issued = StringMember(analysis, "firstIssued", at, diags);
  s.last_updated = StringMember(analysis, "lastUpdated", at, diags);
  s.timestamp = s.last_updated.empty() ? s.first_issued : s.last_updated;
}

void ReadAffects(const json& v, const std::string& at, const ComponentIndex& index, Statement& s,
                 std::vector<Diagnostic>& diags) {
  const json* affects = ArrayMember(v, "affects", at, diags);
  if (affects == nullptr || affects->empty()) {
    diags.push_back({Pointer(at, "affects"), "statement names no affected component"});
    return;
  }
  for (std::size_t i = 0; i < affects->size(); ++i) {
    std::string item_at = Pointer(Pointer(at, "affects"), i);
    std::string ref = StringMember((*affects)[i], "ref", item_at, diags);
    if (ref.empty()) {
      diags.push_back({item_at, "affects entry without a ref"});
      continue;
    }
    Product p;
    if (auto it = index.find(ref); it != index.end()) p = it->second;
    p.bom_ref = ref;
    if (p.purl.empty() && ref.rfind("pkg:", 0) == 0) p.purl = ref;
    if (p.cpe.empty() && ref.rfind("cpe:", 0) == 0) p.cpe = ref;
    s.products.push_back(std::move(p));
  }
}

std::optional<Statement> ReadVulnerability(const json& v, const std::string& at,
                                           const ComponentIndex& index, const std::string& author,
                                           std::vector<Diagnostic>& diags) {
  if (!v.is_object()) {
    diags.push_back({at, "expected an object"});
    return std::nullopt;
  }
  auto analysis = v.find("analysis");
  if (analysis == v.end()) return std::nullopt;
  std::string analysis_at = Pointer(at, "analysis");
  if (!analysis->is_object()) {
    diags.push_back({analysis_at, "expected an object"});
    return std::nullopt;
  }
  Statement s;
  s.vulnerability = StringMember(v, "id", at, diags);
  if (s.vulnerability.empty()) {
    diags.push_back({Pointer(at, "id"), "vulnerability without an id"});
    return std::nullopt;
  }
  std::string state = StringMember(*analysis, "state", analysis_at, diags);
  auto cdx_state = ParseCdxState(state);
  if (!cdx_state) {
    diags.push_back({Pointer(analysis_at, "state"), "missing or unknown state \"" + state + "\""});
    return std::nullopt;
  }
  s.cdx_state = cdx_state;
  s.status = FromCdx(*cdx_state);
  ReadAnalysisDetails(*analysis, analysis_at, s, diags);
  if (const json* refs = ArrayMember(v, "references", at, diags)) {
    for (const json& r : *refs) {
      if (r.is_object() && r.contains("id") && r["id"].is_string()) {
        s.aliases.push_back(r["id"].get<std::string>());
      }
    }
  }
  s.action_statement = StringMember(v, "recommendation", at, diags);
  s.author = author;
  ReadAffects(v, at, index, s, diags);
  return s;
}

std::string ProductRef(const Product& p) {
  if (!p.bom_ref.empty()) return p.bom_ref;
  if (!p.purl.empty()) return p.purl;
  if (!p.cpe.empty()) return p.cpe;
  return p.id;
}

json WriteAnalysis(const Statement& s) {
  json a = json::object();
  CdxState state =
      s.cdx_state && FromCdx(*s.cdx_state) == s.status ? *s.cdx_state : ToCdx(s.status);
  a["state"] = ToString(state);
  if (s.cdx_justification) {
    a["justification"] = ToString(*s.cdx_justification);
  } else if (s.justification) {
    a["justification"] = ToString(ToCdx(*s.justification));
  }
  if (!s.responses.empty()) {
    json rs = json::array();
    std::set<Response> seen;
    for (Response r : s.responses) {
      if (seen.insert(r).second) rs.push_back(ToString(r));
    }
    a["response"] = rs;
  }
  std::string detail = s.detail;
  if (!s.impact_statement.empty() && s.impact_statement != s.detail) {
    detail += detail.empty() ? s.impact_statement : "\n\n" + s.impact_statement;
  }
  if (!detail.empty()) a["detail"] = detail;
  if (!s.first_issued.empty()) a["firstIssued"] = s.first_issued;
  if (!s.last_updated.empty()) a["lastUpdated"] = s.last_updated;
  return a;
}

json WriteComponents(const std::vector<Statement>& statements) {
  json components = json::array();
  std::set<std::string> seen;
  for (const Statement& s : statements) {
    for (const Product& p : s.products) {
      std::string ref = ProductRef(p);
      if (ref.empty() || !seen.insert(ref).second) continue;
      json c = {{"type", "library"}, {"bom-ref", ref}};
      c["name"] = p.name.empty() ? ref : p.name;
      if (!p.purl.empty()) c["purl"] = p.purl;
      if (!p.cpe.empty()) c["cpe"] = p.cpe;
      components.push_back(std::move(c));
    }
  }
  return components;
}

}  // namespace

ReadResult ReadCycloneDx(std::string_view bytes) {
  ReadResult result;
  auto doc = detail::ParseLimited(bytes, result.diagnostics);
  if (!doc) return result;
  if (!doc->is_object() || doc->value("bomFormat", json()) != "CycloneDX") {
    result.diagnostics.push_back({"/bomFormat", "not a CycloneDX BOM"});
    return result;
  }
  result.ok = true;
  ComponentIndex index = IndexComponents(*doc, result.diagnostics);
  std::string author = DocumentAuthor(*doc);
  const json* vulns = ArrayMember(*doc, "vulnerabilities", "", result.diagnostics);
  if (vulns == nullptr) return result;
  for (std::size_t i = 0; i < vulns->size(); ++i) {
    auto s = ReadVulnerability((*vulns)[i], Pointer("/vulnerabilities", i), index, author,
                               result.diagnostics);
    if (s) result.statements.push_back(std::move(*s));
  }
  return result;
}

std::string WriteCycloneDx(const std::vector<Statement>& statements,
                           const CycloneDxWriteOptions& options) {
  json bom = {{"bomFormat", "CycloneDX"}, {"specVersion", "1.6"}, {"version", 1}};
  if (!options.serial_number.empty()) bom["serialNumber"] = options.serial_number;
  json metadata = json::object();
  if (!options.timestamp.empty()) metadata["timestamp"] = options.timestamp;
  json authors = json::array();
  std::set<std::string> seen_authors;
  for (const Statement& s : statements) {
    if (!s.author.empty() && seen_authors.insert(s.author).second) {
      authors.push_back({{"name", s.author}});
    }
  }
  if (!authors.empty()) metadata["authors"] = authors;
  if (!metadata.empty()) bom["metadata"] = metadata;
  json components = WriteComponents(statements);
  if (!components.empty()) bom["components"] = components;
  json vulns = json::array();
  for (const Statement& s : statements) {
    json v = {{"id", s.vulnerability}};
    if (!s.aliases.empty()) {
      json refs = json::array();
      for (const std::string& a : s.aliases)
        refs.push_back({{"id", a}, {"source", json::object()}});
      v["references"] = refs;
    }
    if (!s.action_statement.empty()) v["recommendation"] = s.action_statement;
    v["analysis"] = WriteAnalysis(s);
    json affects = json::array();
    for (const Product& p : s.products) {
      std::string ref = ProductRef(p);
      if (!ref.empty()) affects.push_back({{"ref", ref}});
    }
    if (!affects.empty()) v["affects"] = affects;
    vulns.push_back(std::move(v));
  }
  bom["vulnerabilities"] = vulns;
  return bom.dump(2);
}

}  // namespace craft::vuln::vex
