#include "store/scan.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "sbom/purl.h"
#include "vuln/advisory/ecosystem.h"
#include "vuln/cvss/cvss.h"
#include "vuln/match/cpe.h"
#include "vuln/match/index.h"
#include "vuln/match/matcher.h"

namespace craft::store {
namespace {

using vuln::advisory::Advisory;
using vuln::match::Finding;

struct Keyed {
  const ScanComponent* component = nullptr;
  std::optional<vuln::match::PurlParts> purl;
  std::string canonical_purl;
};

std::optional<vuln::match::PurlParts> PurlPartsOf(const std::string& text, std::string& canonical) {
  if (text.empty()) return std::nullopt;
  const sbom::PurlResult parsed = sbom::ParsePurl(text, sbom::PurlStrictness::kLenient);
  if (!parsed) return std::nullopt;
  const sbom::PackageUrl& p = *parsed.purl;
  canonical = p.ToString();
  return vuln::match::PurlParts{p.type, p.namespace_, p.name, p.version, p.qualifiers};
}

struct Severity {
  std::string rating = "unknown";
  std::optional<double> score;
  std::string vector;
};

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// The CVSS vector to rate by: v3.x first (what most tools show), then v4.0, then v2; NVD's primary
// metric before a CNA's.
Severity SeverityOf(const Advisory& a) {
  using T = vuln::advisory::SeverityType;
  std::vector<const vuln::advisory::Severity*> vectors;
  for (const auto& s : a.severity) vectors.push_back(&s);
  for (const auto& affected : a.affected) {
    for (const auto& s : affected.severity) vectors.push_back(&s);
  }
  const auto rank = [](const vuln::advisory::Severity* s) {
    const int type = s->type == T::kCvssV3   ? 0
                     : s->type == T::kCvssV4 ? 1
                     : s->type == T::kCvssV2 ? 2
                                             : 3;
    return type * 2 + (s->primary ? 0 : 1);
  };
  std::stable_sort(vectors.begin(), vectors.end(),
                   [&](auto* x, auto* y) { return rank(x) < rank(y); });
  for (const auto* s : vectors) {
    if (s->type == T::kUbuntu) continue;
    const auto scored = vuln::cvss::ScoreVector(s->score);
    if (!scored) continue;
    return {Lower(vuln::cvss::RatingName(scored.score->rating)), scored.score->base_score,
            s->score};
  }
  std::string word = Lower(a.database_specific_severity);
  for (const auto& affected : a.affected) {
    if (word.empty()) word = Lower(affected.database_specific_severity);
  }
  if (word == "moderate") word = "medium";
  if (word == "critical" || word == "high" || word == "medium" || word == "low")
    return {word, {}, ""};
  return {};
}

bool IsCve(const std::string& id) { return id.rfind("CVE-", 0) == 0; }

// The id a finding is stored under: its CVE when it has one (the smallest), whichever advisory
// matched, so that triage keeps its name when an NVD or another OSV source is imported later;
// else the id of the advisory that matched (vuln::match::MergeAliases' choice).
std::string PrimaryId(const Finding& f) {
  std::string cve = IsCve(f.advisory_id) ? f.advisory_id : "";
  for (const auto& alias : f.aliases) {
    if (IsCve(alias) && (cve.empty() || alias < cve)) cve = alias;
  }
  return cve.empty() ? f.advisory_id : cve;
}

// What a finding shows of an advisory beyond the match (the index keeps only what matching reads).
struct AdvisoryFacts {
  std::string summary;
  Severity severity;
  std::vector<std::string> references;  // at most 20
};

AdvisoryFacts FactsOf(const Advisory& a) {
  AdvisoryFacts facts{!a.summary.empty() ? a.summary : a.details.substr(0, 300), SeverityOf(a), {}};
  for (const auto& ref : a.references) {
    if (facts.references.size() == 20) break;
    facts.references.push_back(ref.url);
  }
  return facts;
}

class Enricher {
 public:
  Enricher(Store& store, const std::map<std::string, AdvisoryFacts>& advisories)
      : store_(store), advisories_(advisories) {}

  FindingRecord Build(const ScanComponent& c, const std::string& key, const Finding& f) {
    FindingRecord r;
    r.component_key = key;
    r.component_name = c.name;
    r.component_version = c.version;
    r.component_purl = c.purl;
    r.vuln_id = PrimaryId(f);
    std::set<std::string> ids(f.aliases.begin(), f.aliases.end());
    ids.insert(f.advisory_id);
    for (const auto& id : ids) {
      if (id != r.vuln_id) r.aliases.push_back(id);
    }
    r.match_method = std::string(vuln::match::MatchMethodName(f.method));
    r.confidence = std::string(vuln::match::ConfidenceName(f.confidence));
    r.reason =
        (f.matched_advisory_id.empty() ? f.advisory_id : f.matched_advisory_id) + ": " + f.reason;
    r.fixed_versions = f.fixed_versions;
    std::set<std::string> references;
    for (const auto& id : ids) {
      auto it = advisories_.find(id);
      if (it == advisories_.end()) continue;
      const AdvisoryFacts& a = it->second;
      if (r.summary.empty()) r.summary = a.summary;
      const Severity& s = a.severity;
      if (s.score && (!r.cvss_score || *s.score > *r.cvss_score)) {
        r.cvss_score = s.score;
        r.cvss_vector = s.vector;
        r.severity = s.rating;
      } else if (!r.cvss_score && r.severity == "unknown") {
        r.severity = s.rating;
      }
      for (const auto& url : a.references) {
        if (references.size() < 20) references.insert(url);
      }
    }
    r.references.assign(references.begin(), references.end());
    for (const auto& id : ids) {
      if (IsCve(id)) Join(id, r);
    }
    return r;
  }

 private:
  void Join(const std::string& cve, FindingRecord& r) {
    if (!r.kev) {
      if (auto kev = store_.KevEntryFor(cve)) {
        r.kev = true;
        r.kev_date_added = kev->date_added;
        r.kev_due_date = kev->due_date;
        r.kev_ransomware = kev->KnownRansomwareUse();
      }
    }
    if (!r.epss) {
      if (auto epss = store_.EpssFor(cve)) {
        r.epss = epss->epss;
        r.epss_percentile = epss->percentile;
      }
    }
  }

  Store& store_;
  const std::map<std::string, AdvisoryFacts>& advisories_;
};

std::string ComponentKey(const ScanComponent& c, const std::string& canonical_purl) {
  if (!canonical_purl.empty()) return canonical_purl;
  if (!c.purl.empty()) return c.purl;
  if (!c.group.empty()) return c.group + "/" + c.name + "@" + c.version;
  return c.name + "@" + c.version;
}

}  // namespace

int SeverityRank(const std::string& severity) {
  static const char* const kOrder[] = {"critical", "high", "medium", "low", "none", "unknown"};
  for (int i = 0; i < 6; ++i) {
    if (severity == kOrder[i]) return i;
  }
  return 5;
}

std::vector<FindingRecord> ScanComponents(Store& store,
                                          const std::vector<ScanComponent>& components) {
  std::vector<Keyed> keyed;
  std::set<std::pair<std::string, std::string>> package_keys, cpe_keys;
  // The operating systems and hardware the SBOM names (CPE part "o" or "h") are the platforms its
  // software runs on: they satisfy NVD's running-on conditions ("esp-idf AND esp32").
  std::vector<std::string> platforms;
  for (const ScanComponent& c : components) {
    Keyed k{&c, {}, {}};
    k.purl = PurlPartsOf(c.purl, k.canonical_purl);
    if (k.purl) {
      if (auto ref = vuln::match::OsvPackageForPurl(*k.purl)) {
        package_keys.emplace(std::string(vuln::advisory::EcosystemBase(ref->ecosystem)),
                             vuln::advisory::NormalizePackageName(ref->ecosystem, ref->name));
      }
    }
    if (vuln::match::MatchedByNameOnly(k.purl ? &*k.purl : nullptr, c.cpe) && !c.name.empty()) {
      for (auto& key : vuln::match::NameOnlyKeys(c.name, c.group))
        package_keys.insert(std::move(key));
    }
    if (auto cpe = vuln::match::ParseCpe23(c.cpe)) {
      cpe_keys.emplace(cpe->vendor(), cpe->product());
      if (cpe->part() == "o" || cpe->part() == "h") platforms.push_back(c.cpe);
    }
    keyed.push_back(std::move(k));
  }
  std::map<std::string, AdvisoryFacts> by_id;
  vuln::match::AdvisoryIndex index;
  store.ForEachCandidateAdvisory({package_keys.begin(), package_keys.end()},
                                 {cpe_keys.begin(), cpe_keys.end()}, [&](Advisory&& a) {
                                   by_id.emplace(a.id, FactsOf(a));
                                   index.Add(std::move(a));
                                 });
  Enricher enricher(store, by_id);
  std::vector<FindingRecord> out;
  std::set<std::pair<std::string, std::string>> seen;
  for (const Keyed& k : keyed) {
    const std::string key = ComponentKey(*k.component, k.canonical_purl);
    const vuln::match::ComponentIdentity identity{
        k.purl ? &*k.purl : nullptr, k.component->cpe,     platforms,
        k.component->name,           k.component->version, k.component->group};
    for (const Finding& f : vuln::match::MatchComponent(index, identity)) {
      FindingRecord r = enricher.Build(*k.component, key, f);
      if (seen.emplace(r.component_key, r.vuln_id).second) out.push_back(std::move(r));
    }
  }
  return out;
}

FindingsDiff ScanVersion(Store& store, const std::string& org_id, const std::string& version_id,
                         const Actor& actor) {
  std::vector<ScanComponent> components;
  std::set<std::string> seen;
  for (const ComponentRecord& c : store.ComponentsOf(org_id, version_id)) {
    const std::string identity =
        c.purl + "\n" + c.cpe + "\n" + c.group + "\n" + c.name + "@" + c.version;
    if (!seen.insert(identity).second) continue;
    components.push_back({c.name, c.version, c.purl, c.cpe, c.group});
  }
  return store.ReplaceFindings(org_id, version_id, ScanComponents(store, components), actor);
}

void RunRescan(Store& store, JobRecord job) {
  try {
    const auto versions = store.VersionsWithSboms();
    job.total = static_cast<std::int64_t>(versions.size());
    job.done = 0;
    store.UpdateJob(job);
    nlohmann::json changes = nlohmann::json::array();
    std::size_t appeared = 0, disappeared = 0;
    for (const auto& [org_id, version_id] : versions) {
      const FindingsDiff diff = ScanVersion(store, org_id, version_id, Actor{"system"});
      appeared += diff.appeared.size();
      disappeared += diff.disappeared.size();
      if ((!diff.appeared.empty() || !diff.disappeared.empty()) && changes.size() < 1000) {
        changes.push_back({{"version_id", version_id},
                           {"appeared", diff.appeared},
                           {"disappeared", diff.disappeared}});
      }
      ++job.done;
      if (job.done % 10 == 0) store.UpdateJob(job);
    }
    job.status = "succeeded";
    job.result = nlohmann::json{{"versions", versions.size()},
                                {"appeared", appeared},
                                {"disappeared", disappeared},
                                {"changes", std::move(changes)}}
                     .dump();
  } catch (const std::exception& e) {
    job.status = "failed";
    job.error = e.what();
  }
  store.UpdateJob(job);  // the store stamps finished_at
}

}  // namespace craft::store
