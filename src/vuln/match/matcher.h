#pragma once
// Matching components against an AdvisoryIndex: by Package URL, by CPE 2.3 name against NVD
// configurations, or by ecosystem and name. Pure and thread-safe over a built index; never
// throws. Withdrawn advisories are never in the index, so they never produce findings.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
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
  // kRange: the OSV range that matched, in the index the finding came from (valid until that index
  // changes: findings are used while the index is at hand, and a copy of every range would cost
  // more than the rest of the finding).
  const advisory::AffectedRange* range = nullptr;
  std::optional<advisory::CpeMatch> cpe_match;  // kCpeMatch: the vulnerable cpeMatch
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

// The ecosystems a component known only by its name is looked up in: the language package
// registries (npm, PyPI, Maven, Go, crates.io, RubyGems, NuGet, Packagist, Hex, Pub, SwiftURL,
// CRAN, Bioconductor, Hackage, GHC, Julia, opam, ConanCenter, GitHub Actions), whose package names
// are global and whose versions are the upstream ones. Linux distributions are left out: their
// versions carry the distribution's revision and backported fixes, so an upstream version compared
// with them says little, and the same name is packaged by a dozen of them.
std::span<const std::string_view> NameOnlyEcosystems();

// A component's name as `base`'s registry spells it, from the SBOM's group (CycloneDX `group`:
// a Maven groupId, an npm scope, a Packagist vendor, a Go module path's prefix) and name:
// "org.apache.logging.log4j:log4j-core" (Maven), "@angular/core" (npm, the "@" added when the
// group lacks it), "symfony/http-kernel" (Packagist, Go, SwiftURL, GitHub Actions); the name alone
// in the registries without groups, or when there is no group.
std::string RegistryName(std::string_view base, std::string_view group, std::string_view name);

// The (ecosystem, normalised name) keys MatchName looks a component up under, one per
// NameOnlyEcosystems entry (for a store to fetch the candidate advisories).
std::vector<std::pair<std::string, std::string>> NameOnlyKeys(std::string_view name,
                                                              std::string_view group = {});

// Findings for a component known only by name and version, with neither purl nor CPE (method
// kName, confidence kLow). The name (normalised per ecosystem) is looked up in NameOnlyEcosystems;
// it is matched only when exactly one of them has advisories for it, and only when the version is
// a valid version of that ecosystem (version::IsValid): the advisories are then evaluated with
// that ecosystem's ordering, as for a purl of that ecosystem. A name with advisories in two or more
// of them (e.g. a PyPI and an npm package of the same name) is not matched: which one the
// component is cannot be told, and reporting both would flood the findings with one package's
// vulnerabilities in the other. Ordered by advisory id.
std::vector<Finding> MatchName(const AdvisoryIndex& index, std::string_view name,
                               std::string_view version, std::string_view group = {});

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

// A component as an SBOM names it: a purl (possibly absent), a CPE 2.3 name (possibly empty), the
// CPE names of the platforms it is known to run on (see MatchCpe), and its name and version.
struct ComponentIdentity {
  const PurlParts* purl = nullptr;
  std::string_view cpe23;
  std::span<const std::string> platforms;
  std::string_view name;
  std::string_view version;
  std::string_view group;  // see RegistryName
};

// Whether a component is matched by name only (MatchName): it has no CPE 2.3 name that ParseCpe23
// reads, and no purl (the caller passes null for one it could not read) or a purl of type
// "generic" (the purl specification's type for a package of no ecosystem).
bool MatchedByNameOnly(const PurlParts* purl, std::string_view cpe23);

// All findings for a component: MatchPurl when it has a purl, MatchCpe when it has a CPE name
// (both when it has both: OSV records come through the purl, NVD records through the CPE), else
// MatchName with its name and version (see MatchedByNameOnly), merged with MergeAliases. Ordered
// by advisory id; empty when nothing matches.
std::vector<Finding> MatchComponent(const AdvisoryIndex& index, const ComponentIdentity& component);
// The same for a component whose name and version are not given (never matched by name).
std::vector<Finding> MatchComponent(const AdvisoryIndex& index, const PurlParts* purl,
                                    std::string_view cpe23,
                                    std::span<const std::string> platforms = {});

}  // namespace craft::vuln::match
