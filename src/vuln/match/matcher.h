#pragma once
// Matching components against an AdvisoryIndex: by Package URL, by CPE 2.3 name against NVD
// configurations, or by ecosystem and name. Pure and thread-safe over a built index; never
// throws. Withdrawn advisories are never in the index, so they never produce findings.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "vuln/advisory/model.h"
#include "vuln/match/index.h"
#include "vuln/match/purl_ecosystem.h"

namespace craft::vuln::match {

enum class MatchMethod { kPurl, kCpe, kName };

// How sure a finding is. kHigh: the package identity comes from a purl and the ecosystem's own
// version ordering decided. kMedium: ecosystem and name given without a purl, or a CPE match
// with a known version. kLow: a guess: a distribution component whose release is unknown, a
// name-only match across ecosystems, or a CPE match whose version is unknown.
enum class Confidence { kLow, kMedium, kHigh };

std::string_view MatchMethodName(MatchMethod method);    // "purl", "cpe", "name"
std::string_view ConfidenceName(Confidence confidence);  // "low", "medium", "high"

// One advisory that affects a component.
struct Finding {
  std::string advisory_id;
  std::vector<std::string> aliases;
  MatchMethod method = MatchMethod::kName;
  Confidence confidence = Confidence::kLow;
  // OSV: the affected package's ecosystem and name as the advisory spells them. NVD: "" and the
  // matching cpeMatch criteria.
  std::string ecosystem;
  std::string package;
  enum class Basis { kRange, kVersionsList, kCpeMatch };
  Basis basis = Basis::kRange;
  std::optional<advisory::AffectedRange> range;  // kRange: the OSV range that matched
  std::optional<advisory::CpeMatch> cpe_match;   // kCpeMatch: the vulnerable cpeMatch
  // Why, in words: "1.2.3 is at or above introduced 1.0.0 and below fixed 1.2.5".
  std::string reason;
  // Versions that fix it above the component's version, smallest first (the upgrade that removes
  // it); empty when no fix is known.
  std::vector<std::string> fixed_versions;
  // The advisory whose match the fields above describe. Empty from MatchPackage, MatchPurl and
  // MatchCpe (there it is advisory_id); set by MergeAliases and MatchComponent, where advisory_id
  // may be another id of the same vulnerability.
  std::string matched_advisory_id;
};

// A component known by OSV ecosystem, name and version. `ecosystem` may carry a release
// ("Debian:12"); empty when unknown (then every ecosystem is tried, with low confidence).
struct PackageComponent {
  std::string ecosystem;
  std::string name;
  std::string version;
};

// Findings for a component given by ecosystem, name and version (method kName), one per advisory,
// ordered by advisory id.
std::vector<Finding> MatchPackage(const AdvisoryIndex& index, const PackageComponent& component);

// Findings for a purl (method kPurl), mapped with OsvPackageForPurl; none for a purl type without
// an OSV ecosystem or without a version.
std::vector<Finding> MatchPurl(const AdvisoryIndex& index, const PurlParts& purl);

// Findings for a component's CPE 2.3 name against NVD configurations (method kCpe).
//
// A cpeMatch is satisfied by a CPE when part, vendor, product and the other attributes match
// (AttributeMatches) and the version does: a criteria version other than ANY must equal it under
// the generic comparator; with ANY, the versionStart/End bounds must hold. Nodes combine their
// cpeMatch entries with AND/OR, configurations their nodes; negate inverts.
//
// Running-on conditions: a configuration such as "application X AND platform Y" matches only when
// every node is satisfied, the component satisfying a vulnerable cpeMatch and each other node being
// satisfied by the component or by one of `platforms` (the CPE names known to be present beside
// the component, e.g. the operating system it is shipped on). A platform that is not known to be
// present is taken to be absent: craft reports what it can show, not every configuration the
// product might be deployed in.
std::vector<Finding> MatchCpe(const AdvisoryIndex& index, std::string_view cpe23,
                              std::span<const std::string> platforms = {});

// Merges the findings of ONE component that name the same vulnerability under different ids: a
// GHSA record aliasing CVE-2024-1, the NVD record CVE-2024-1, a PYSEC record aliasing both. Two
// findings are the same vulnerability when one's advisory id is among the other's ids (its
// advisory id and aliases) or when they share an alias; the relation is closed transitively
// (a GHSA record aliasing two CVEs joins the findings of both). Each group becomes one finding:
// - advisory_id: the id of one of the group's advisories (so that it can always be looked up in the
//   index and the store), chosen as a CVE id when one of them is a CVE record (the smallest CVE by
//   year, then number), else a GHSA id, else the smallest id (byte order); among GHSA ids and
//   other ids the smallest too.
// - aliases: every other id of the group (advisory ids and their aliases), sorted, without
//   duplicates and without advisory_id.
// - everything else (method, confidence, ecosystem, package, basis, range, cpe_match, reason,
//   fixed_versions): from the group's best match: highest confidence, then method purl, name, cpe,
//   then the finding of the chosen advisory_id, then the smallest advisory id.
//   `matched_advisory_id` names the advisory that match came from (one already set is kept, so
//   merging merged findings again changes nothing).
// A finding that aliases no other is returned unchanged, except that an empty matched_advisory_id
// becomes its advisory_id. The result does not depend on the order of `findings` and is ordered by
// advisory_id. Never throws except std::bad_alloc.
std::vector<Finding> MergeAliases(std::vector<Finding> findings);

// A component as an SBOM names it: a purl (possibly absent), a CPE 2.3 name (possibly empty), and
// the CPE names of the platforms it is known to run on (see MatchCpe).
struct ComponentIdentity {
  const PurlParts* purl = nullptr;
  std::string_view cpe23;
  std::span<const std::string> platforms;
};

// All findings for a component: MatchPurl when it has a purl, MatchCpe when it has a CPE name
// (both when it has both: OSV records come through the purl, NVD records through the CPE), merged
// with MergeAliases. Ordered by advisory id; empty when the component has neither.
std::vector<Finding> MatchComponent(const AdvisoryIndex& index, const ComponentIdentity& component);
std::vector<Finding> MatchComponent(const AdvisoryIndex& index, const PurlParts* purl,
                                    std::string_view cpe23,
                                    std::span<const std::string> platforms = {});

}  // namespace craft::vuln::match
