#include "store/advisory_json.h"

#include <nlohmann/json.hpp>

namespace craft::store {
namespace {

using nlohmann::json;
using namespace vuln::advisory;

const char* const kSeverityTypes[] = {"CVSS_V2", "CVSS_V3", "CVSS_V4", "Ubuntu"};
const char* const kEventKinds[] = {"introduced", "fixed", "last_affected", "limit"};
const char* const kRangeTypes[] = {"SEMVER", "ECOSYSTEM", "GIT"};

json SeverityJson(const std::vector<Severity>& list) {
  json out = json::array();
  for (const Severity& s : list) {
    json j = {{"type", kSeverityTypes[static_cast<int>(s.type)]}, {"score", s.score}};
    if (s.stated_base_score) j["stated_base_score"] = *s.stated_base_score;
    if (!s.source.empty()) j["source"] = s.source;
    if (s.primary) j["primary"] = true;
    out.push_back(std::move(j));
  }
  return out;
}

std::vector<Severity> SeverityFrom(const json& list) {
  std::vector<Severity> out;
  for (const json& j : list) {
    Severity s;
    const std::string type = j.value("type", "");
    for (int i = 0; i < 4; ++i) {
      if (type == kSeverityTypes[i]) s.type = static_cast<SeverityType>(i);
    }
    s.score = j.value("score", "");
    if (j.contains("stated_base_score")) s.stated_base_score = j["stated_base_score"].get<double>();
    s.source = j.value("source", "");
    s.primary = j.value("primary", false);
    out.push_back(std::move(s));
  }
  return out;
}

json AffectedJson(const Affected& a) {
  json ranges = json::array();
  for (const AffectedRange& r : a.ranges) {
    json events = json::array();
    for (const RangeEvent& e : r.events) {
      events.push_back({{kEventKinds[static_cast<int>(e.kind)], e.version}});
    }
    json range = {{"type", kRangeTypes[static_cast<int>(r.type)]}, {"events", std::move(events)}};
    if (!r.repo.empty()) range["repo"] = r.repo;
    ranges.push_back(std::move(range));
  }
  return {{"package",
           {{"ecosystem", a.package.ecosystem},
            {"name", a.package.name},
            {"normalized_name", a.package.normalized_name},
            {"purl", a.package.purl}}},
          {"ranges", std::move(ranges)},
          {"versions", a.versions},
          {"severity", SeverityJson(a.severity)},
          {"database_specific_severity", a.database_specific_severity},
          {"ecosystem_specific_severity", a.ecosystem_specific_severity}};
}

Affected AffectedFrom(const json& j) {
  Affected a;
  const json& p = j.at("package");
  a.package = {p.value("ecosystem", ""), p.value("name", ""), p.value("normalized_name", ""),
               p.value("purl", "")};
  for (const json& r : j.at("ranges")) {
    AffectedRange range;
    const std::string type = r.value("type", "");
    for (int i = 0; i < 3; ++i) {
      if (type == kRangeTypes[i]) range.type = static_cast<AffectedRange::Type>(i);
    }
    range.repo = r.value("repo", "");
    for (const json& e : r.at("events")) {
      for (int i = 0; i < 4; ++i) {
        if (e.contains(kEventKinds[i])) {
          range.events.push_back(
              {static_cast<RangeEvent::Kind>(i), e[kEventKinds[i]].get<std::string>()});
        }
      }
    }
    a.ranges.push_back(std::move(range));
  }
  a.versions = j.value("versions", std::vector<std::string>{});
  a.severity = SeverityFrom(j.value("severity", json::array()));
  a.database_specific_severity = j.value("database_specific_severity", "");
  a.ecosystem_specific_severity = j.value("ecosystem_specific_severity", "");
  return a;
}

json CpeMatchJson(const CpeMatch& m) {
  return {{"criteria", m.criteria},           {"vulnerable", m.vulnerable},
          {"vsi", m.version_start_including}, {"vse", m.version_start_excluding},
          {"vei", m.version_end_including},   {"vee", m.version_end_excluding},
          {"id", m.match_criteria_id}};
}

CpeMatch CpeMatchFrom(const json& j) {
  return {j.value("criteria", ""), j.value("vulnerable", false), j.value("vsi", ""),
          j.value("vse", ""),      j.value("vei", ""),           j.value("vee", ""),
          j.value("id", "")};
}

json ConfigurationsJson(const std::vector<CpeConfiguration>& list) {
  json out = json::array();
  for (const CpeConfiguration& c : list) {
    json nodes = json::array();
    for (const CpeNode& n : c.nodes) {
      json matches = json::array();
      for (const CpeMatch& m : n.cpe_match) matches.push_back(CpeMatchJson(m));
      nodes.push_back(
          {{"and", n.op == CpeOperator::kAnd}, {"negate", n.negate}, {"cpe_match", matches}});
    }
    out.push_back({{"and", c.op == CpeOperator::kAnd}, {"negate", c.negate}, {"nodes", nodes}});
  }
  return out;
}

std::vector<CpeConfiguration> ConfigurationsFrom(const json& list) {
  std::vector<CpeConfiguration> out;
  for (const json& c : list) {
    CpeConfiguration configuration;
    configuration.op = c.value("and", false) ? CpeOperator::kAnd : CpeOperator::kOr;
    configuration.negate = c.value("negate", false);
    for (const json& n : c.at("nodes")) {
      CpeNode node;
      node.op = n.value("and", false) ? CpeOperator::kAnd : CpeOperator::kOr;
      node.negate = n.value("negate", false);
      for (const json& m : n.at("cpe_match")) node.cpe_match.push_back(CpeMatchFrom(m));
      configuration.nodes.push_back(std::move(node));
    }
    out.push_back(std::move(configuration));
  }
  return out;
}

}  // namespace

std::string AdvisoryToJson(const Advisory& a) {
  json affected = json::array();
  for (const Affected& entry : a.affected) affected.push_back(AffectedJson(entry));
  json references = json::array();
  for (const Reference& r : a.references) {
    json ref = {{"type", r.type}, {"url", r.url}};
    if (!r.tags.empty()) ref["tags"] = r.tags;
    references.push_back(std::move(ref));
  }
  json out = {{"source", a.source == Source::kNvd ? "nvd" : "osv"},
              {"id", a.id},
              {"schema_version", a.schema_version},
              {"aliases", a.aliases},
              {"related", a.related},
              {"upstream", a.upstream},
              {"modified", a.modified},
              {"published", a.published},
              {"withdrawn", a.withdrawn},
              {"summary", a.summary},
              {"details", a.details},
              {"severity", SeverityJson(a.severity)},
              {"cwe_ids", a.cwe_ids},
              {"database_specific_severity", a.database_specific_severity},
              {"references", std::move(references)},
              {"affected", std::move(affected)}};
  if (!a.configurations.empty()) out["configurations"] = ConfigurationsJson(a.configurations);
  if (!a.nvd_vuln_status.empty()) out["nvd_vuln_status"] = a.nvd_vuln_status;
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::optional<Advisory> AdvisoryFromJson(std::string_view text) {
  const json j = json::parse(text, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  try {
    Advisory a;
    a.source = j.value("source", "osv") == "nvd" ? Source::kNvd : Source::kOsv;
    a.id = j.at("id").get<std::string>();
    a.schema_version = j.value("schema_version", "");
    a.aliases = j.value("aliases", std::vector<std::string>{});
    a.related = j.value("related", std::vector<std::string>{});
    a.upstream = j.value("upstream", std::vector<std::string>{});
    a.modified = j.value("modified", "");
    a.published = j.value("published", "");
    a.withdrawn = j.value("withdrawn", "");
    a.summary = j.value("summary", "");
    a.details = j.value("details", "");
    a.severity = SeverityFrom(j.value("severity", json::array()));
    a.cwe_ids = j.value("cwe_ids", std::vector<std::string>{});
    a.database_specific_severity = j.value("database_specific_severity", "");
    for (const json& r : j.value("references", json::array())) {
      a.references.push_back(
          {r.value("type", ""), r.value("url", ""), r.value("tags", std::vector<std::string>{})});
    }
    for (const json& entry : j.value("affected", json::array())) {
      a.affected.push_back(AffectedFrom(entry));
    }
    a.configurations = ConfigurationsFrom(j.value("configurations", json::array()));
    a.nvd_vuln_status = j.value("nvd_vuln_status", "");
    return a;
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

}  // namespace craft::store
