#include "vuln/vex/csaf.h"

#include <algorithm>
#include <map>
#include <regex>
#include <set>

#include "vuln/vex/json_support.h"
#include "vuln/vex/mapping.h"

namespace craft::vuln::vex {
namespace {

using detail::ArrayMember;
using detail::Pointer;
using detail::StringMember;
using nlohmann::json;

// Written when neither the options nor any statement give a time (the schema needs a date-time).
constexpr const char* kNoTimestamp = "1970-01-01T00:00:00Z";

using ProductIndex = std::map<std::string, Product>;
using Groups = std::map<std::string, std::vector<std::string>>;

constexpr std::pair<std::string_view, Status> kStatusLists[] = {
    {"first_affected", Status::kAffected},
    {"known_affected", Status::kAffected},
    {"last_affected", Status::kAffected},
    {"first_fixed", Status::kFixed},
    {"fixed", Status::kFixed},
    {"known_not_affected", Status::kNotAffected},
    {"under_investigation", Status::kUnderInvestigation},
};

void IndexFullProductName(const json& fpn, const std::string& at, ProductIndex& index,
                          std::vector<Diagnostic>& diags) {
  if (!fpn.is_object()) return;
  Product p;
  p.id = StringMember(fpn, "product_id", at, diags);
  if (p.id.empty()) return;
  p.name = StringMember(fpn, "name", at, diags);
  if (auto h = fpn.find("product_identification_helper"); h != fpn.end() && h->is_object()) {
    std::string h_at = Pointer(at, "product_identification_helper");
    p.purl = StringMember(*h, "purl", h_at, diags);
    p.cpe = StringMember(*h, "cpe", h_at, diags);
  }
  index[p.id] = std::move(p);
}

void IndexBranches(const json& branches, const std::string& at, ProductIndex& index,
                   std::vector<Diagnostic>& diags, std::size_t depth) {
  if (!branches.is_array() || depth > kMaxDepth) return;
  for (std::size_t i = 0; i < branches.size(); ++i) {
    const json& b = branches[i];
    std::string b_at = Pointer(at, i);
    if (!b.is_object()) continue;
    if (auto p = b.find("product"); p != b.end()) {
      IndexFullProductName(*p, Pointer(b_at, "product"), index, diags);
    }
    if (auto sub = b.find("branches"); sub != b.end()) {
      IndexBranches(*sub, Pointer(b_at, "branches"), index, diags, depth + 1);
    }
  }
}

void IndexProductTree(const json& doc, ProductIndex& index, Groups& groups,
                      std::vector<Diagnostic>& diags) {
  auto tree = doc.find("product_tree");
  if (tree == doc.end() || !tree->is_object()) return;
  if (auto b = tree->find("branches"); b != tree->end()) {
    IndexBranches(*b, "/product_tree/branches", index, diags, 0);
  }
  if (const json* f = ArrayMember(*tree, "full_product_names", "/product_tree", diags)) {
    for (std::size_t i = 0; i < f->size(); ++i) {
      IndexFullProductName((*f)[i], Pointer("/product_tree/full_product_names", i), index, diags);
    }
  }
  if (const json* r = ArrayMember(*tree, "relationships", "/product_tree", diags)) {
    for (std::size_t i = 0; i < r->size(); ++i) {
      if (!(*r)[i].is_object() || !(*r)[i].contains("full_product_name")) continue;
      IndexFullProductName((*r)[i]["full_product_name"],
                           Pointer(Pointer("/product_tree/relationships", i), "full_product_name"),
                           index, diags);
    }
  }
  if (const json* g = ArrayMember(*tree, "product_groups", "/product_tree", diags)) {
    for (const json& group : *g) {
      if (!group.is_object() || !group.contains("group_id") || !group["group_id"].is_string() ||
          !group.contains("product_ids") || !group["product_ids"].is_array()) {
        continue;
      }
      auto& ids = groups[group["group_id"].get<std::string>()];
      for (const json& id : group["product_ids"]) {
        if (id.is_string()) ids.push_back(id.get<std::string>());
      }
    }
  }
}

// Whether the flag / threat / remediation `item` names `product` directly or through a group.
bool Names(const json& item, const std::string& product, const Groups& groups) {
  if (auto ids = item.find("product_ids"); ids != item.end() && ids->is_array()) {
    if (std::find(ids->begin(), ids->end(), product) != ids->end()) return true;
  }
  if (auto gs = item.find("group_ids"); gs != item.end() && gs->is_array()) {
    for (const json& g : *gs) {
      if (!g.is_string()) continue;
      auto it = groups.find(g.get<std::string>());
      if (it != groups.end() &&
          std::find(it->second.begin(), it->second.end(), product) != it->second.end()) {
        return true;
      }
    }
  }
  return false;
}

std::optional<Response> ResponseOf(std::string_view category) {
  if (category == "vendor_fix") return Response::kUpdate;
  if (category == "workaround" || category == "mitigation") return Response::kWorkaroundAvailable;
  if (category == "no_fix_planned") return Response::kWillNotFix;
  if (category == "none_available") return Response::kCanNotFix;
  return std::nullopt;
}

void ReadProductDetails(const json& v, const std::string& at, const Groups& groups, Statement& s,
                        std::vector<Diagnostic>& diags) {
  const std::string& pid = s.products.front().id;
  if (const json* flags = ArrayMember(v, "flags", at, diags)) {
    for (std::size_t i = 0; i < flags->size(); ++i) {
      const json& f = (*flags)[i];
      if (!f.is_object() || !Names(f, pid, groups)) continue;
      std::string label = StringMember(f, "label", Pointer(Pointer(at, "flags"), i), diags);
      s.justification = ParseJustification(label);
      if (!s.justification) {
        diags.push_back({Pointer(Pointer(Pointer(at, "flags"), i), "label"), "unknown label"});
      }
    }
  }
  if (const json* threats = ArrayMember(v, "threats", at, diags)) {
    for (const json& t : *threats) {
      if (t.is_object() && t.value("category", json()) == "impact" && Names(t, pid, groups) &&
          t.contains("details") && t["details"].is_string()) {
        s.impact_statement = t["details"].get<std::string>();
      }
    }
  }
  if (const json* rems = ArrayMember(v, "remediations", at, diags)) {
    for (const json& r : *rems) {
      if (!r.is_object() || !Names(r, pid, groups)) continue;
      if (r.contains("category") && r["category"].is_string()) {
        if (auto resp = ResponseOf(r["category"].get<std::string>())) s.responses.push_back(*resp);
      }
      if (s.action_statement.empty() && r.contains("details") && r["details"].is_string()) {
        s.action_statement = r["details"].get<std::string>();
      }
    }
  }
}

struct DocInfo {
  std::string author;
  std::string timestamp;
};

void ReadVulnerability(const json& v, const std::string& at, const ProductIndex& index,
                       const Groups& groups, const DocInfo& info, ReadResult& out) {
  if (!v.is_object()) {
    out.diagnostics.push_back({at, "expected an object"});
    return;
  }
  Statement base;
  base.vulnerability = StringMember(v, "cve", at, out.diagnostics);
  if (const json* ids = ArrayMember(v, "ids", at, out.diagnostics)) {
    for (const json& id : *ids) {
      if (!id.is_object() || !id.contains("text") || !id["text"].is_string()) continue;
      std::string text = id["text"].get<std::string>();
      if (base.vulnerability.empty()) {
        base.vulnerability = text;
      } else if (text != base.vulnerability) {
        base.aliases.push_back(text);
      }
    }
  }
  if (base.vulnerability.empty()) {
    out.diagnostics.push_back({Pointer(at, "cve"), "vulnerability without cve or ids"});
    return;
  }
  base.author = info.author;
  base.timestamp = info.timestamp;
  auto ps = v.find("product_status");
  if (ps == v.end()) return;
  std::string ps_at = Pointer(at, "product_status");
  if (!ps->is_object()) {
    out.diagnostics.push_back({ps_at, "expected an object"});
    return;
  }
  for (const auto& [list, status] : kStatusLists) {
    const json* ids = ArrayMember(*ps, list, ps_at, out.diagnostics);
    if (ids == nullptr) continue;
    for (std::size_t i = 0; i < ids->size(); ++i) {
      if (!(*ids)[i].is_string()) {
        out.diagnostics.push_back({Pointer(Pointer(ps_at, list), i), "expected a product id"});
        continue;
      }
      Statement s = base;
      s.status = status;
      std::string pid = (*ids)[i].get<std::string>();
      auto it = index.find(pid);
      if (it == index.end()) {
        out.diagnostics.push_back({Pointer(Pointer(ps_at, list), i), "product id not in tree"});
      }
      s.products.push_back(it != index.end() ? it->second : Product{"", "", "", pid, "", ""});
      ReadProductDetails(v, at, groups, s, out.diagnostics);
      if (status != Status::kNotAffected) s.justification.reset();
      out.statements.push_back(std::move(s));
    }
  }
}

std::string_view CsafList(Status status) {
  switch (ToFourStatuses(status)) {
    case Status::kAffected:
      return "known_affected";
    case Status::kFixed:
      return "fixed";
    case Status::kNotAffected:
      return "known_not_affected";
    default:
      return "under_investigation";
  }
}

std::string_view RemediationCategory(Response r) {
  switch (r) {
    case Response::kUpdate:
    case Response::kRollback:
      return "vendor_fix";
    case Response::kWorkaroundAvailable:
      return "workaround";
    case Response::kWillNotFix:
      return "no_fix_planned";
    case Response::kCanNotFix:
      return "none_available";
  }
  return "none_available";
}

std::string CsafProductKey(const Product& p) {
  if (!p.purl.empty()) return "purl:" + p.purl;
  if (!p.cpe.empty()) return "cpe:" + p.cpe;
  if (!p.bom_ref.empty()) return "ref:" + p.bom_ref;
  return "id:" + p.id + "/" + p.name;
}

json FullProductName(const Product& p, const std::string& pid) {
  std::string name = !p.name.empty()   ? p.name
                     : !p.purl.empty() ? p.purl
                     : !p.cpe.empty()  ? p.cpe
                     : !p.id.empty()   ? p.id
                                       : p.bom_ref;
  json f = {{"name", name.empty() ? pid : name}, {"product_id", pid}};
  json helper = json::object();
  if (!p.purl.empty()) helper["purl"] = p.purl;
  if (!p.cpe.empty()) helper["cpe"] = p.cpe;
  if (!helper.empty()) f["product_identification_helper"] = helper;
  return f;
}

// Adds one statement (already given product ids) to its CSAF vulnerability object.
void AddStatement(const Statement& s, const std::vector<std::string>& pids, json& v) {
  json& list = v["product_status"][std::string(CsafList(s.status))];
  for (const auto& pid : pids) {
    if (std::find(list.begin(), list.end(), pid) == list.end()) list.push_back(pid);
  }
  if (auto j = ExportJustification(s)) {
    v["flags"].push_back({{"label", ToString(*j)}, {"product_ids", pids}});
  }
  std::string impact = s.impact_statement.empty() ? s.detail : s.impact_statement;
  if (s.status == Status::kFalsePositive)
    impact = "False positive." + (impact.empty() ? "" : " " + impact);
  if (s.cdx_justification) {
    impact += std::string(impact.empty() ? "" : "\n") +
              "CycloneDX justification: " + std::string(ToString(*s.cdx_justification));
  }
  if (!impact.empty()) {
    v["threats"].push_back({{"category", "impact"}, {"details", impact}, {"product_ids", pids}});
  }
  for (Response r : s.responses) {
    std::string details =
        s.action_statement.empty() ? std::string(ToString(r)) : s.action_statement;
    v["remediations"].push_back(
        {{"category", RemediationCategory(r)}, {"details", details}, {"product_ids", pids}});
  }
  if (s.responses.empty() && !s.action_statement.empty()) {
    std::string_view category =
        ToFourStatuses(s.status) == Status::kFixed ? "vendor_fix" : "mitigation";
    v["remediations"].push_back(
        {{"category", category}, {"details", s.action_statement}, {"product_ids", pids}});
  }
}

json NewVulnerability(const Statement& s) {
  static const std::regex kCve("^CVE-[0-9]{4}-[0-9]{4,}$");
  json v = {{"product_status", json::object()}};
  json ids = json::array();
  if (std::regex_match(s.vulnerability, kCve)) {
    v["cve"] = s.vulnerability;
  } else {
    ids.push_back({{"system_name", "craft"}, {"text", s.vulnerability}});
  }
  for (const auto& a : s.aliases) ids.push_back({{"system_name", "alias"}, {"text", a}});
  if (!ids.empty()) v["ids"] = ids;
  return v;
}

json Document(const std::vector<Statement>& statements, const CsafWriteOptions& o) {
  std::string publisher = o.publisher;
  std::string timestamp = o.timestamp;
  for (const Statement& s : statements) {
    if (!s.author.empty() && publisher == o.publisher) publisher = s.author;
    if (o.timestamp.empty()) timestamp = std::max({timestamp, s.timestamp, s.last_updated});
  }
  if (timestamp.empty()) timestamp = kNoTimestamp;
  json tracking = {{"current_release_date", timestamp},
                   {"id", o.id},
                   {"initial_release_date", timestamp},
                   {"revision_history",
                    {{{"date", timestamp}, {"number", "1"}, {"summary", "Initial version."}}}},
                   {"status", "final"},
                   {"version", "1"}};
  return {{"category", "csaf_vex"},
          {"csaf_version", "2.0"},
          {"publisher",
           {{"category", "vendor"}, {"name", publisher}, {"namespace", o.publisher_namespace}}},
          {"title", o.title},
          {"tracking", tracking}};
}

}  // namespace

ReadResult ReadCsaf(std::string_view bytes) {
  ReadResult result;
  auto doc = detail::ParseLimited(bytes, result.diagnostics);
  if (!doc) return result;
  if (!doc->is_object() || !doc->contains("document") || !(*doc)["document"].is_object()) {
    result.diagnostics.push_back({"/document", "not a CSAF document"});
    return result;
  }
  result.ok = true;
  const json& document = (*doc)["document"];
  DocInfo info;
  if (auto p = document.find("publisher"); p != document.end() && p->is_object()) {
    info.author = StringMember(*p, "name", "/document/publisher", result.diagnostics);
  }
  if (auto t = document.find("tracking"); t != document.end() && t->is_object()) {
    info.timestamp =
        StringMember(*t, "current_release_date", "/document/tracking", result.diagnostics);
  }
  ProductIndex index;
  Groups groups;
  IndexProductTree(*doc, index, groups, result.diagnostics);
  const json* vulns = ArrayMember(*doc, "vulnerabilities", "", result.diagnostics);
  if (vulns == nullptr) return result;
  for (std::size_t i = 0; i < vulns->size(); ++i) {
    ReadVulnerability((*vulns)[i], Pointer("/vulnerabilities", i), index, groups, info, result);
  }
  return result;
}

std::string WriteCsaf(const std::vector<Statement>& statements, const CsafWriteOptions& options) {
  json doc = {{"document", Document(statements, options)}};
  std::map<std::string, std::string> pid_of;  // product key -> CSAFPID
  json names = json::array();
  json vulns = json::array();
  std::map<std::string, std::size_t> vuln_at;
  for (const Statement& s : statements) {
    std::vector<std::string> pids;
    for (const Product& p : s.products) {
      auto [it, added] = pid_of.emplace(CsafProductKey(p), "");
      if (added) {
        it->second = "CSAFPID-" + std::to_string(pid_of.size());
        names.push_back(FullProductName(p, it->second));
      }
      if (std::find(pids.begin(), pids.end(), it->second) == pids.end()) pids.push_back(it->second);
    }
    if (pids.empty()) continue;  // CSAF has no place for a status without a product
    auto [it, added] = vuln_at.emplace(s.vulnerability, vulns.size());
    if (added) vulns.push_back(NewVulnerability(s));
    AddStatement(s, pids, vulns[it->second]);
  }
  if (!names.empty()) doc["product_tree"] = {{"full_product_names", names}};
  if (!vulns.empty()) doc["vulnerabilities"] = vulns;
  return doc.dump(2);
}

}  // namespace craft::vuln::vex
