// Findings: the vulnerabilities of a version's components, refreshed by every scan, with the
// triage users record on them (carried over to later versions of the product).
#include <map>
#include <nlohmann/json.hpp>

#include "store/ids.h"
#include "store/sqlite/sqlite_store.h"

namespace craft::store::sqlite {
namespace {

const char* const kFindingColumns =
    "f.seq, f.id, f.organisation_id, f.version_id, f.component_key, f.component_name, "
    "f.component_version, f.component_purl, f.vuln_id, f.aliases, f.summary, f.severity, "
    "f.cvss_score, f.cvss_vector, f.kev, f.kev_date_added, f.kev_due_date, f.kev_ransomware, "
    "f.epss, f.epss_percentile, f.fixed_versions, f.refs, f.match_method, f.confidence, f.reason, "
    "f.status, f.justification, f.responses, f.detail, f.impact_statement, f.analysed_by, "
    "f.analysed_at, f.carried_over_from, f.first_seen_at, f.resolved_at";

std::vector<std::string> StringList(std::string_view text) {
  std::vector<std::string> out;
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& v : j) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

std::optional<double> OptDouble(const Statement& st, int column) {
  if (st.IsNull(column)) return std::nullopt;
  return st.Double(column);
}

FindingRecord ReadFinding(const Statement& st) {
  FindingRecord f;
  f.id = st.Text(1);
  f.organisation_id = st.Text(2);
  f.version_id = st.Text(3);
  f.component_key = st.Text(4);
  f.component_name = st.Text(5);
  f.component_version = st.Text(6);
  f.component_purl = st.Text(7);
  f.vuln_id = st.Text(8);
  f.aliases = StringList(st.TextView(9));
  f.summary = st.Text(10);
  f.severity = st.Text(11);
  f.cvss_score = OptDouble(st, 12);
  f.cvss_vector = st.Text(13);
  f.kev = st.Bool(14);
  f.kev_date_added = st.Text(15);
  f.kev_due_date = st.Text(16);
  f.kev_ransomware = st.Bool(17);
  f.epss = OptDouble(st, 18);
  f.epss_percentile = OptDouble(st, 19);
  f.fixed_versions = StringList(st.TextView(20));
  f.references = StringList(st.TextView(21));
  f.match_method = st.Text(22);
  f.confidence = st.Text(23);
  f.reason = st.Text(24);
  f.status = st.Text(25);
  f.justification = st.Text(26);
  f.responses = StringList(st.TextView(27));
  f.detail = st.Text(28);
  f.impact_statement = st.Text(29);
  f.analysed_by = st.Text(30);
  f.analysed_at = st.OptInt(31);
  f.carried_over_from = st.Text(32);
  f.first_seen_at = st.Int(33);
  f.resolved_at = st.OptInt(34);
  return f;
}

Statement& BindOptDouble(Statement& st, const std::optional<double>& v) {
  if (v) return st.Bind(*v);
  return st.Bind(nullptr);
}

// Binds the match data (everything a scan decides; not the triage) in column order from aliases.
void BindMatch(Statement& st, const FindingRecord& f) {
  st.Bind(nlohmann::json(f.aliases).dump()).Bind(f.summary).Bind(f.severity);
  BindOptDouble(st, f.cvss_score);
  st.Bind(f.cvss_vector).Bind(f.kev).Bind(f.kev_date_added).Bind(f.kev_due_date);
  st.Bind(f.kev_ransomware);
  BindOptDouble(st, f.epss);
  BindOptDouble(st, f.epss_percentile);
  st.Bind(nlohmann::json(f.fixed_versions).dump()).Bind(nlohmann::json(f.references).dump());
  st.Bind(f.match_method).Bind(f.confidence).Bind(f.reason);
}

// The latest triaged finding of the same vulnerability in the same component in another version
// of the product.
std::optional<FindingRecord> TriageToCarryOver(Connection& c, const std::string& org_id,
                                               const std::string& version_id,
                                               const FindingRecord& f) {
  static const std::string sql =
      std::string("SELECT ") + kFindingColumns +
      " FROM findings f JOIN versions v ON v.id = f.version_id WHERE f.organisation_id = ? AND "
      "f.component_key = ? AND f.vuln_id = ? AND f.version_id <> ? AND f.analysed_at IS NOT NULL "
      "AND v.product_id = (SELECT product_id FROM versions WHERE id = ?) "
      "ORDER BY f.analysed_at DESC, f.seq DESC LIMIT 1";
  Statement st = c.Prepare(sql);
  st.Bind(org_id).Bind(f.component_key).Bind(f.vuln_id).Bind(version_id).Bind(version_id);
  if (!st.Step()) return std::nullopt;
  return ReadFinding(st);
}

void InsertFinding(Connection& c, const std::string& org_id, const std::string& version_id,
                   FindingRecord f, std::int64_t now) {
  if (auto earlier = TriageToCarryOver(c, org_id, version_id, f)) {
    f.status = earlier->status;
    f.justification = earlier->justification;
    f.responses = earlier->responses;
    f.detail = earlier->detail;
    f.impact_statement = earlier->impact_statement;
    f.analysed_by = earlier->analysed_by;
    f.analysed_at = earlier->analysed_at;
    f.carried_over_from = earlier->id;
  }
  Statement st = c.Prepare(
      "INSERT INTO findings (id, organisation_id, version_id, component_key, component_name, "
      "component_version, component_purl, vuln_id, aliases, summary, severity, cvss_score, "
      "cvss_vector, kev, kev_date_added, kev_due_date, kev_ransomware, epss, epss_percentile, "
      "fixed_versions, refs, match_method, confidence, reason, status, justification, responses, "
      "detail, impact_statement, analysed_by, analysed_at, carried_over_from, first_seen_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
      "?, ?, ?, ?, ?)");
  st.Bind(NewUuid()).Bind(org_id).Bind(version_id).Bind(f.component_key).Bind(f.component_name);
  st.Bind(f.component_version).Bind(f.component_purl).Bind(f.vuln_id);
  BindMatch(st, f);
  st.Bind(f.status).Bind(f.justification).Bind(nlohmann::json(f.responses).dump());
  st.Bind(f.detail).Bind(f.impact_statement).Bind(f.analysed_by).Bind(f.analysed_at);
  st.Bind(f.carried_over_from).Bind(now);
  st.Run();
}

std::string Entry(const FindingRecord& f) { return f.vuln_id + " in " + f.component_key; }

}  // namespace

FindingsDiff SqliteStore::ReplaceFindings(const std::string& org_id, const std::string& version_id,
                                          const std::vector<FindingRecord>& current,
                                          const Actor& actor) {
  return Write([&](Connection& c) {
    if (!FindVersion(c, org_id, version_id)) ThrowNotFound("version", version_id);
    std::map<std::pair<std::string, std::string>, FindingRecord> stored;
    {
      Statement st = c.Prepare(std::string("SELECT ") + kFindingColumns +
                               " FROM findings f WHERE f.version_id = ? AND f.organisation_id = ?");
      st.Bind(version_id).Bind(org_id);
      while (st.Step()) {
        FindingRecord f = ReadFinding(st);
        stored.emplace(std::make_pair(f.component_key, f.vuln_id), std::move(f));
      }
    }
    FindingsDiff diff;
    const std::int64_t now = Now();
    for (const FindingRecord& f : current) {
      auto it = stored.find({f.component_key, f.vuln_id});
      if (it == stored.end()) {
        InsertFinding(c, org_id, version_id, f, now);
        diff.appeared.push_back(Entry(f));
        continue;
      }
      if (it->second.resolved_at) diff.appeared.push_back(Entry(f));
      Statement st = c.Prepare(
          "UPDATE findings SET aliases = ?, summary = ?, severity = ?, cvss_score = ?, "
          "cvss_vector = ?, kev = ?, kev_date_added = ?, kev_due_date = ?, kev_ransomware = ?, "
          "epss = ?, epss_percentile = ?, fixed_versions = ?, refs = ?, match_method = ?, "
          "confidence = ?, reason = ?, resolved_at = NULL WHERE id = ?");
      BindMatch(st, f);
      st.Bind(it->second.id).Run();
      stored.erase(it);
    }
    for (const auto& [key, f] : stored) {
      if (f.resolved_at) continue;
      c.Prepare("UPDATE findings SET resolved_at = ? WHERE id = ?").Bind(now).Bind(f.id).Run();
      diff.disappeared.push_back(Entry(f));
    }
    if (!diff.appeared.empty() || !diff.disappeared.empty()) {
      const nlohmann::json details = {{"version_id", version_id},
                                      {"appeared", diff.appeared},
                                      {"disappeared", diff.disappeared}};
      AppendAudit(c, actor, {org_id, "findings.scan", "version", version_id, "", details.dump()});
    }
    return diff;
  });
}

Page<FindingRecord> SqliteStore::ListFindings(const std::string& org_id,
                                              const std::string& version_id,
                                              const FindingQuery& query, const PageRequest& page) {
  static const std::string sql =
      std::string("SELECT ") + kFindingColumns +
      " FROM findings f WHERE f.version_id = ? AND f.organisation_id = ? AND f.seq > ? AND "
      "f.resolved_at IS NULL AND (? = '' OR f.severity = ?) AND (? = '' OR f.status = ?) AND "
      "(? < 0 OR f.kev = ?) ORDER BY f.seq LIMIT ?";
  const int limit = ClampLimit(page.limit);
  ConnectionPool::Lease lease = pool_.Acquire();
  if (!FindVersion(*lease, org_id, version_id)) ThrowNotFound("version", version_id);
  Statement st = lease->Prepare(sql);
  st.Bind(version_id).Bind(org_id).Bind(DecodeCursor(page.cursor));
  st.Bind(query.severity).Bind(query.severity).Bind(query.status).Bind(query.status);
  const int kev = query.kev ? (*query.kev ? 1 : 0) : -1;
  st.Bind(kev).Bind(kev).Bind(limit + 1);
  return ReadPage<FindingRecord>(st, limit, ReadFinding);
}

std::vector<FindingRecord> SqliteStore::FindingsOf(const std::string& org_id,
                                                   const std::string& version_id) {
  static const std::string sql = std::string("SELECT ") + kFindingColumns +
                                 " FROM findings f WHERE f.version_id = ? AND f.organisation_id "
                                 "= ? AND f.resolved_at IS NULL ORDER BY f.seq";
  ConnectionPool::Lease lease = pool_.Acquire();
  Statement st = lease->Prepare(sql);
  st.Bind(version_id).Bind(org_id);
  std::vector<FindingRecord> out;
  while (st.Step()) out.push_back(ReadFinding(st));
  return out;
}

std::optional<FindingRecord> SqliteStore::GetFinding(const std::string& org_id,
                                                     const std::string& finding_id) {
  static const std::string sql = std::string("SELECT ") + kFindingColumns +
                                 " FROM findings f WHERE f.id = ? AND f.organisation_id = ?";
  ConnectionPool::Lease lease = pool_.Acquire();
  Statement st = lease->Prepare(sql);
  st.Bind(finding_id).Bind(org_id);
  if (!st.Step()) return std::nullopt;
  return ReadFinding(st);
}

std::vector<FindingRecord> SqliteStore::FindingsForVulnerability(const std::string& org_id,
                                                                 const std::string& vuln_id) {
  static const std::string sql =
      std::string("SELECT ") + kFindingColumns +
      " FROM findings f WHERE f.organisation_id = ? AND f.resolved_at IS NULL AND (f.vuln_id = ? "
      "OR EXISTS (SELECT 1 FROM json_each(f.aliases) WHERE json_each.value = ?)) ORDER BY f.seq";
  ConnectionPool::Lease lease = pool_.Acquire();
  Statement st = lease->Prepare(sql);
  st.Bind(org_id).Bind(vuln_id).Bind(vuln_id);
  std::vector<FindingRecord> out;
  while (st.Step()) out.push_back(ReadFinding(st));
  return out;
}

FindingRecord SqliteStore::SetFindingAnalysis(const std::string& org_id,
                                              const std::string& finding_id,
                                              const FindingAnalysis& analysis, const Actor& actor) {
  return Write([&](Connection& c) {
    static const std::string sql = std::string("SELECT ") + kFindingColumns +
                                   " FROM findings f WHERE f.id = ? AND f.organisation_id = ?";
    std::optional<FindingRecord> before;
    {
      Statement st = c.Prepare(sql);
      st.Bind(finding_id).Bind(org_id);
      if (st.Step()) before = ReadFinding(st);
    }
    if (!before) ThrowNotFound("finding", finding_id);
    FindingRecord after = *before;
    after.status = analysis.status;
    after.justification = analysis.justification;
    after.responses = analysis.responses;
    after.detail = analysis.detail;
    after.impact_statement = analysis.impact_statement;
    after.analysed_by = actor.id;
    after.analysed_at = Now();
    after.carried_over_from.clear();
    c.Prepare(
         "UPDATE findings SET status = ?, justification = ?, responses = ?, detail = ?, "
         "impact_statement = ?, analysed_by = ?, analysed_at = ?, carried_over_from = '' "
         "WHERE id = ?")
        .Bind(after.status)
        .Bind(after.justification)
        .Bind(nlohmann::json(after.responses).dump())
        .Bind(after.detail)
        .Bind(after.impact_statement)
        .Bind(after.analysed_by)
        .Bind(after.analysed_at)
        .Bind(after.id)
        .Run();
    const auto triage = [](const FindingRecord& f) {
      return nlohmann::json{{"vuln_id", f.vuln_id},
                            {"component", f.component_key},
                            {"status", f.status},
                            {"justification", f.justification},
                            {"responses", f.responses},
                            {"detail", f.detail},
                            {"impact_statement", f.impact_statement}};
    };
    AppendAudit(c, actor,
                {org_id, "finding.analysis", "finding", after.id, triage(*before).dump(),
                 triage(after).dump()});
    return after;
  });
}

std::vector<std::pair<std::string, std::string>> SqliteStore::VersionsWithSboms() {
  ConnectionPool::Lease lease = pool_.Acquire();
  Statement st = lease->Prepare(
      "SELECT organisation_id, version_id FROM sboms GROUP BY organisation_id, version_id "
      "ORDER BY min(seq)");
  std::vector<std::pair<std::string, std::string>> out;
  while (st.Step()) out.emplace_back(st.Text(0), st.Text(1));
  return out;
}

VersionEvidence SqliteStore::EvidenceOf(const std::string& org_id, const std::string& version_id) {
  const auto load = [&]() -> std::optional<VersionEvidence> {
    ConnectionPool::Lease lease = pool_.Acquire();
    VersionEvidence e;
    Statement st = lease->Prepare(
        "SELECT count(*), max(CASE WHEN valid = 1 THEN quality_score END) FROM sboms "
        "WHERE version_id = ? AND organisation_id = ?");
    st.Bind(version_id).Bind(org_id);
    if (st.Step()) {
      e.sbom_count = static_cast<int>(st.Int(0));
      if (!st.IsNull(1)) e.best_sbom_score = st.Double(1);
    }
    // Every open KEV finding counts, also one matched by name only (a guess at the component's
    // identity): a known-exploited vulnerability must be assessed before release, and a wrong
    // guess is closed by triage as false_positive, which the audit log keeps (docs/matching.md).
    Statement kev = lease->Prepare(
        "SELECT vuln_id, min(id) FROM findings WHERE version_id = ? AND organisation_id = ? AND "
        "kev = 1 AND resolved_at IS NULL AND status NOT IN ('not_affected', 'fixed', "
        "'false_positive') GROUP BY vuln_id ORDER BY vuln_id");
    kev.Bind(version_id).Bind(org_id);
    while (kev.Step()) e.open_kev.push_back({kev.Text(0), kev.Text(1)});
    return e;
  };
  return *Cached<VersionEvidence>(CacheKey("evidence", org_id, version_id), load);
}

}  // namespace craft::store::sqlite
