#pragma once
// Scanning components against the advisory database in the store: the lookup keys of each
// component (its purl's OSV ecosystem and name, its CPE's vendor and product), the candidate
// advisories those keys find, and the matcher of src/vuln/match run over them. The result is
// ready to store: severity computed from the CVSS vectors, KEV and EPSS joined by CVE id.

#include <string>
#include <vector>

#include "store/scan_cache.h"
#include "store/store.h"

namespace craft::store {

struct ScanComponent {
  std::string name;
  std::string version;
  std::string purl;
  std::string cpe;
  std::string group;  // CycloneDX `group` (Maven groupId, npm scope, ...): for matching by name
};

// The findings of `components` (each component's findings merged by alias, one per
// vulnerability), without ids or triage. A component is matched by its purl and its CPE; one
// with neither (or only a pkg:generic purl) by its name and version, with low confidence
// (vuln::match::MatchName says when). The CPEs of the operating systems and hardware among
// `components` are the platforms of NVD's running-on conditions for all of them.
// With a `cache`, the candidates are read from the store only for the keys the cache does not hold
// yet (store/scan_cache.h); the findings are the same.
std::vector<FindingRecord> ScanComponents(Store& store,
                                          const std::vector<ScanComponent>& components,
                                          ScanCache* cache = nullptr);

// Scans every component of the version and makes the result its findings (ReplaceFindings).
FindingsDiff ScanVersion(Store& store, const std::string& org_id, const std::string& version_id,
                         const Actor& actor, ScanCache* cache = nullptr);

// Runs a claimed rescan job: scans every version that has an SBOM, updating the job's progress as
// it goes, and finishes it with the result ({"versions": n, "appeared": n, "disappeared": n,
// "changes": [{version_id, appeared, disappeared}]}) or the error. Without a `cache`, the job has
// its own for its versions, which share most of their components.
void RunRescan(Store& store, JobRecord job, ScanCache* cache = nullptr);

// "critical", "high", "medium", "low", "none" or "unknown" for a finding; the order is severity's.
int SeverityRank(const std::string& severity);

}  // namespace craft::store
