#include "store/scan.h"

#include <algorithm>
#include <array>
#include <exception>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>
#include <unordered_set>

#include "sbom/purl.h"
#include "vuln/advisory/ecosystem.h"
#include "vuln/match/cpe.h"
#include "vuln/match/index.h"
#include "vuln/match/matcher.h"

namespace craft::store {
namespace {

using vuln::match::Finding;

struct Keyed {
  const ScanComponent* component = nullptr;
  std::optional<vuln::match::PurlParts> purl;
  std::string canonical_purl;
  std::string key;  // the findings' component key (ComponentKey)
};

std::optional<vuln::match::PurlParts> PurlPartsOf(const std::string& text, std::string& canonical) {
  if (text.empty()) return std::nullopt;
  const sbom::PurlResult parsed = sbom::ParsePurl(text, sbom::PurlStrictness::kLenient);
  if (!parsed) return std::nullopt;
  const sbom::PackageUrl& p = *parsed.purl;
  canonical = p.ToString();
  return vuln::match::PurlParts{p.type, p.namespace_, p.name, p.version, p.qualifiers};
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

class Enricher {
 public:
  Enricher(Store& store, ScanCache& cache) : store_(store), cache_(cache) {}

  // Takes the finding's strings. A scan builds tens of thousands of findings: the ids and
  // references are sorted vectors, not sets.
  FindingRecord Build(const ScanComponent& c, const std::string& key, Finding&& f) {
    FindingRecord r;
    r.component_key = key;
    r.component_name = c.name;
    r.component_version = c.version;
    r.component_purl = c.purl;
    r.vuln_id = PrimaryId(f);
    r.match_method = std::string(vuln::match::MatchMethodName(f.method));
    r.confidence = std::string(vuln::match::ConfidenceName(f.confidence));
    r.reason =
        (f.matched_advisory_id.empty() ? f.advisory_id : f.matched_advisory_id) + ": " + f.reason;
    r.fixed_versions = std::move(f.fixed_versions);
    std::vector<std::string> ids = std::move(f.aliases);
    ids.push_back(std::move(f.advisory_id));
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    std::vector<std::string_view> references;  // the first 20 distinct, by id
    for (const auto& id : ids) {
      const bool cve = IsCve(id);
      const ScanCache::IdFacts facts = cache_.FactsOf(store_, id, cve);
      if (facts.facts != nullptr) AddFacts(*facts.facts, r, references);
      if (facts.cve != nullptr) {
        Join(*facts.cve, r);
      } else if (cve) {  // not an id the cache knows (not expected): asked of the store
        Join({store_.KevEntryFor(id), store_.EpssFor(id)}, r);
      }
    }
    std::sort(references.begin(), references.end());
    r.references.assign(references.begin(), references.end());
    for (auto& id : ids) {
      if (id != r.vuln_id) r.aliases.push_back(std::move(id));
    }
    return r;
  }

 private:
  static void AddFacts(const AdvisoryFacts& facts, FindingRecord& r,
                       std::vector<std::string_view>& references) {
    if (r.summary.empty()) r.summary = facts.summary;
    const AdvisorySeverity& s = facts.severity;
    if (s.score && (!r.cvss_score || *s.score > *r.cvss_score)) {
      r.cvss_score = s.score;
      r.cvss_vector = s.vector;
      r.severity = s.rating;
    } else if (!r.cvss_score && r.severity == "unknown") {
      r.severity = s.rating;
    }
    for (const auto& url : facts.references) {
      if (references.size() == 20) break;
      if (std::find(references.begin(), references.end(), url) == references.end())
        references.push_back(url);
    }
  }

  static void Join(const ScanCache::CveFacts& facts, FindingRecord& r) {
    if (!r.kev && facts.kev) {
      r.kev = true;
      r.kev_date_added = facts.kev->date_added;
      r.kev_due_date = facts.kev->due_date;
      r.kev_ransomware = facts.kev->KnownRansomwareUse();
    }
    if (!r.epss && facts.epss) {
      r.epss = facts.epss->epss;
      r.epss_percentile = facts.epss->percentile;
    }
  }

  Store& store_;
  ScanCache& cache_;
};

std::string ComponentKey(const ScanComponent& c, const std::string& canonical_purl) {
  if (!canonical_purl.empty()) return canonical_purl;
  if (!c.purl.empty()) return c.purl;
  if (!c.group.empty()) return c.group + "/" + c.name + "@" + c.version;
  return c.name + "@" + c.version;
}

// The lookup keys of a scan's components.
struct ScanKeys {
  std::set<std::pair<std::string, std::string>> packages;  // (ecosystem base, normalised name)
  std::set<std::pair<std::string, std::string>> cpes;      // (vendor, product)
  // The operating systems and hardware the SBOM names (CPE part "o" or "h") are the platforms its
  // software runs on: they satisfy NVD's running-on conditions ("esp-idf AND esp32").
  std::vector<std::string> platforms;
};

Keyed KeyedOf(const ScanComponent& c, ScanKeys& keys) {
  Keyed k{&c, {}, {}, {}};
  k.purl = PurlPartsOf(c.purl, k.canonical_purl);
  k.key = ComponentKey(c, k.canonical_purl);
  if (k.purl) {
    if (auto ref = vuln::match::OsvPackageForPurl(*k.purl)) {
      keys.packages.emplace(std::string(vuln::advisory::EcosystemBase(ref->ecosystem)),
                            vuln::advisory::NormalizePackageName(ref->ecosystem, ref->name));
    }
  }
  if (vuln::match::MatchedByNameOnly(k.purl ? &*k.purl : nullptr, c.cpe) && !c.name.empty()) {
    for (auto& key : vuln::match::NameOnlyKeys(c.name, c.group))
      keys.packages.insert(std::move(key));
  }
  if (auto cpe = vuln::match::ParseCpe23(c.cpe)) {
    keys.cpes.emplace(cpe->vendor(), cpe->product());
    if (cpe->part() == "o" || cpe->part() == "h") keys.platforms.push_back(c.cpe);
  }
  return k;
}

struct PairHash {
  std::size_t operator()(const std::pair<std::string_view, std::string_view>& p) const {
    const std::hash<std::string_view> hash;
    return hash(p.first) * 31 + hash(p.second);
  }
};

// Runs fn(begin, end, part) over [0, n): in two parts, the second on a thread of its own, when n
// is large enough to pay for one and the machine has a second core. Scans run on the server's
// request threads and its job thread: one more thread each, not a pool.
template <class Fn>
void InTwoParts(std::size_t n, Fn&& fn) {
  if (n < 1000 || std::thread::hardware_concurrency() < 2) {
    fn(0, n, 0);
    return;
  }
  const std::size_t half = n / 2;
  std::exception_ptr error;
  std::thread second([&] {
    try {
      fn(half, n, 1);
    } catch (...) {
      error = std::current_exception();
    }
  });
  try {
    fn(0, half, 0);
  } catch (...) {
    second.join();
    throw;
  }
  second.join();
  if (error) std::rethrow_exception(error);
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
                                          const std::vector<ScanComponent>& components,
                                          ScanCache* cache) {
  std::vector<Keyed> keyed(components.size());
  std::array<ScanKeys, 2> parts;
  InTwoParts(components.size(), [&](std::size_t begin, std::size_t end, int part) {
    for (std::size_t i = begin; i < end; ++i) keyed[i] = KeyedOf(components[i], parts[part]);
  });
  ScanKeys& keys = parts[0];
  keys.packages.merge(parts[1].packages);
  keys.cpes.merge(parts[1].cpes);
  keys.platforms.insert(keys.platforms.end(), parts[1].platforms.begin(), parts[1].platforms.end());

  ScanCache own{ScanCache::OneScan{}};
  ScanCache& held = cache != nullptr ? *cache : own;
  const std::lock_guard lock(held.mutex());
  held.Load(store, {keys.packages.begin(), keys.packages.end()},
            {keys.cpes.begin(), keys.cpes.end()});
  std::array<std::vector<FindingRecord>, 2> found;
  InTwoParts(keyed.size(), [&](std::size_t begin, std::size_t end, int part) {
    Enricher enricher(store, held);
    for (std::size_t i = begin; i < end; ++i) {
      const Keyed& k = keyed[i];
      const vuln::match::ComponentIdentity identity{
          k.purl ? &*k.purl : nullptr, k.component->cpe,     keys.platforms,
          k.component->name,           k.component->version, k.component->group};
      for (Finding& f : vuln::match::MatchComponent(held.index(), identity)) {
        found[part].push_back(enricher.Build(*k.component, k.key, std::move(f)));
      }
    }
  });
  // One finding per component key and vulnerability (two components may share a purl): views of
  // the kept findings' strings, which stay put as `out` does not grow past its reserve.
  std::vector<FindingRecord> out;
  out.reserve(found[0].size() + found[1].size());
  std::unordered_set<std::pair<std::string_view, std::string_view>, PairHash> seen;
  seen.reserve(out.capacity());
  for (auto& part : found) {
    for (FindingRecord& r : part) {
      out.push_back(std::move(r));
      if (!seen.emplace(out.back().component_key, out.back().vuln_id).second) out.pop_back();
    }
  }
  return out;
}

FindingsDiff ScanVersion(Store& store, const std::string& org_id, const std::string& version_id,
                         const Actor& actor, ScanCache* cache) {
  std::vector<ScanComponent> components;
  std::set<std::string> seen;
  for (const ComponentRecord& c : store.ComponentsOf(org_id, version_id)) {
    const std::string identity =
        c.purl + "\n" + c.cpe + "\n" + c.group + "\n" + c.name + "@" + c.version;
    if (!seen.insert(identity).second) continue;
    components.push_back({c.name, c.version, c.purl, c.cpe, c.group});
  }
  return store.ReplaceFindings(org_id, version_id, ScanComponents(store, components, cache), actor);
}

void RunRescan(Store& store, JobRecord job, ScanCache* cache) {
  ScanCache own;
  if (cache == nullptr) cache = &own;
  try {
    const auto versions = store.VersionsWithSboms();
    job.total = static_cast<std::int64_t>(versions.size());
    job.done = 0;
    store.UpdateJob(job);
    nlohmann::json changes = nlohmann::json::array();
    std::size_t appeared = 0, disappeared = 0;
    for (const auto& [org_id, version_id] : versions) {
      const FindingsDiff diff = ScanVersion(store, org_id, version_id, Actor{"system"}, cache);
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
