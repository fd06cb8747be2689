#include "vuln/vex/openvex.h"

#include <algorithm>
#include <map>

#include "vuln/vex/json_support.h"
#include "vuln/vex/mapping.h"

namespace craft::vuln::vex {
namespace {

using detail::ArrayMember;
using detail::Pointer;
using detail::StringMember;
using nlohmann::json;

Product ReadComponent(const json& c, const std::string& at, std::vector<Diagnostic>& diags) {
  Product p;
  if (!c.is_object()) {
    diags.push_back({at, "expected an object"});
    return p;
  }
  std::string id = StringMember(c, "@id", at, diags);
  if (!id.empty()) detail::ClassifyIdentifier(id, p);
  if (auto ids = c.find("identifiers"); ids != c.end() && ids->is_object()) {
    std::string ids_at = Pointer(at, "identifiers");
    std::string purl = StringMember(*ids, "purl", ids_at, diags);
    std::string cpe23 = StringMember(*ids, "cpe23", ids_at, diags);
    std::string cpe22 = StringMember(*ids, "cpe22", ids_at, diags);
    if (!purl.empty()) p.purl = purl;
    if (!cpe23.empty() || !cpe22.empty()) p.cpe = cpe23.empty() ? cpe22 : cpe23;
  }
  if (p.purl.empty() && p.cpe.empty() && p.id.empty()) {
    diags.push_back({at, "product without @id or identifiers"});
  }
  return p;
}

std::string ProductKey(const Product& p) {
  if (!p.id.empty()) return p.id;
  if (!p.purl.empty()) return p.purl;
  if (!p.cpe.empty()) return p.cpe;
  return p.bom_ref;
}

void ReadProducts(const json& st, const std::string& at, Statement& s,
                  std::vector<Diagnostic>& diags) {
  const json* products = ArrayMember(st, "products", at, diags);
  if (products == nullptr) return;
  for (std::size_t i = 0; i < products->size(); ++i) {
    std::string p_at = Pointer(Pointer(at, "products"), i);
    Product p = ReadComponent((*products)[i], p_at, diags);
    std::string key = ProductKey(p);
    s.products.push_back(p);
    const json* subs = ArrayMember((*products)[i], "subcomponents", p_at, diags);
    if (subs == nullptr) continue;
    for (std::size_t k = 0; k < subs->size(); ++k) {
      Product sub = ReadComponent((*subs)[k], Pointer(Pointer(p_at, "subcomponents"), k), diags);
      sub.within = key;
      s.products.push_back(std::move(sub));
    }
  }
}

std::optional<Statement> ReadStatement(const json& st, const std::string& at, const json& doc,
                                       std::vector<Diagnostic>& diags) {
  if (!st.is_object()) {
    diags.push_back({at, "expected an object"});
    return std::nullopt;
  }
  Statement s;
  auto v = st.find("vulnerability");
  std::string v_at = Pointer(at, "vulnerability");
  if (v != st.end() && v->is_object()) {
    s.vulnerability = StringMember(*v, "name", v_at, diags);
    if (s.vulnerability.empty()) s.vulnerability = StringMember(*v, "@id", v_at, diags);
    if (const json* aliases = ArrayMember(*v, "aliases", v_at, diags)) {
      for (const json& a : *aliases) {
        if (a.is_string()) s.aliases.push_back(a.get<std::string>());
      }
    }
  }
  if (s.vulnerability.empty()) {
    diags.push_back({v_at, "statement without a vulnerability name"});
    return std::nullopt;
  }
  std::string status = StringMember(st, "status", at, diags);
  auto parsed = ParseStatus(status);
  if (!parsed || *parsed == Status::kFalsePositive) {
    diags.push_back({Pointer(at, "status"), "missing or unknown status \"" + status + "\""});
    return std::nullopt;
  }
  s.status = *parsed;
  std::string j = StringMember(st, "justification", at, diags);
  if (!j.empty()) {
    s.justification = ParseJustification(j);
    if (!s.justification) {
      diags.push_back({Pointer(at, "justification"), "unknown justification \"" + j + "\""});
    }
  }
  s.impact_statement = StringMember(st, "impact_statement", at, diags);
  s.action_statement = StringMember(st, "action_statement", at, diags);
  s.detail = StringMember(st, "status_notes", at, diags);
  s.timestamp = StringMember(st, "timestamp", at, diags);
  if (s.timestamp.empty()) s.timestamp = StringMember(doc, "timestamp", "", diags);
  s.last_updated = StringMember(st, "last_updated", at, diags);
  s.author = StringMember(doc, "author", "", diags);
  ReadProducts(st, at, s, diags);
  return s;
}

json WriteComponent(const Product& p) {
  json c = json::object();
  std::string id = ProductKey(p);
  if (!id.empty()) c["@id"] = id;
  json ids = json::object();
  if (!p.purl.empty()) ids["purl"] = p.purl;
  if (!p.cpe.empty()) ids[p.cpe.rfind("cpe:2.3:", 0) == 0 ? "cpe23" : "cpe22"] = p.cpe;
  if (!ids.empty()) c["identifiers"] = ids;
  return c;
}

json WriteProducts(const std::vector<Product>& products) {
  json out = json::array();
  std::map<std::string, std::size_t> position;  // product key -> index in `out`
  for (const Product& p : products) {
    if (!p.within.empty() || ProductKey(p).empty()) continue;
    position.emplace(ProductKey(p), out.size());
    out.push_back(WriteComponent(p));
  }
  for (const Product& p : products) {
    if (p.within.empty() || ProductKey(p).empty()) continue;
    auto it = position.find(p.within);
    if (it == position.end()) {
      it = position.emplace(p.within, out.size()).first;
      out.push_back({{"@id", p.within}});
    }
    json& parent = out[it->second];
    if (!parent.contains("subcomponents")) parent["subcomponents"] = json::array();
    json sub = WriteComponent(p);
    if (std::find(parent["subcomponents"].begin(), parent["subcomponents"].end(), sub) ==
        parent["subcomponents"].end()) {
      parent["subcomponents"].push_back(std::move(sub));
    }
  }
  return out;
}

std::string ActionFromResponses(const Statement& s) {
  std::string out;
  for (Response r : s.responses) out += (out.empty() ? "" : ", ") + std::string(ToString(r));
  return out.empty() ? "No remediation available yet." : "Response: " + out + ".";
}

json WriteStatement(const Statement& s) {
  json v = {{"name", s.vulnerability}};
  if (!s.aliases.empty()) {
    json aliases = json::array();
    for (const auto& a : s.aliases) {
      if (std::find(aliases.begin(), aliases.end(), a) == aliases.end()) aliases.push_back(a);
    }
    v["aliases"] = aliases;
  }
  Status status = ToFourStatuses(s.status);
  json st = {{"vulnerability", v}, {"status", ToString(status)}};
  json products = WriteProducts(s.products);
  if (!products.empty()) st["products"] = products;
  if (!s.timestamp.empty()) st["timestamp"] = s.timestamp;
  if (!s.last_updated.empty()) st["last_updated"] = s.last_updated;
  std::string notes = s.detail;
  if (s.status == Status::kFalsePositive)
    notes = "False positive." + (notes.empty() ? "" : " " + notes);
  if (s.cdx_justification) {
    notes += std::string(notes.empty() ? "" : "\n") +
             "CycloneDX justification: " + std::string(ToString(*s.cdx_justification));
  }
  if (!notes.empty()) st["status_notes"] = notes;
  if (auto j = ExportJustification(s)) st["justification"] = ToString(*j);
  std::string impact = s.impact_statement;
  if (status == Status::kNotAffected && impact.empty() && !st.contains("justification")) {
    impact = s.detail.empty() ? "Not affected." : s.detail;
  }
  if (!impact.empty()) st["impact_statement"] = impact;
  std::string action = s.action_statement;
  if (status == Status::kAffected && action.empty()) action = ActionFromResponses(s);
  if (!action.empty()) st["action_statement"] = action;
  return st;
}

}  // namespace

ReadResult ReadOpenVex(std::string_view bytes) {
  ReadResult result;
  auto doc = detail::ParseLimited(bytes, result.diagnostics);
  if (!doc) return result;
  const json* statements =
      doc->is_object() ? ArrayMember(*doc, "statements", "", result.diagnostics) : nullptr;
  if (statements == nullptr) {
    result.diagnostics.push_back({"/statements", "not an OpenVEX document"});
    return result;
  }
  result.ok = true;
  for (std::size_t i = 0; i < statements->size(); ++i) {
    auto s = ReadStatement((*statements)[i], Pointer("/statements", i), *doc, result.diagnostics);
    if (s) result.statements.push_back(std::move(*s));
  }
  return result;
}

std::string WriteOpenVex(const std::vector<Statement>& statements,
                         const OpenVexWriteOptions& options) {
  std::string author = options.author;
  for (const Statement& s : statements) {
    if (!s.author.empty()) {
      author = s.author;
      break;
    }
  }
  std::string timestamp = options.timestamp;
  for (const Statement& s : statements) {
    timestamp = std::max({timestamp, s.timestamp, s.last_updated});
  }
  json doc = {{"@context", "https://openvex.dev/ns/v0.2.0"},
              {"@id", options.id},
              {"author", author},
              {"timestamp", timestamp},
              {"version", options.version < 1 ? 1 : options.version}};
  json out = json::array();
  for (const Statement& s : statements) {
    json st = WriteStatement(s);
    if (std::find(out.begin(), out.end(), st) == out.end()) out.push_back(std::move(st));
  }
  doc["statements"] = out;
  return doc.dump(2);
}

}  // namespace craft::vuln::vex
