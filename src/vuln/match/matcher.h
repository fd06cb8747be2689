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

}  // namespace craft::vuln::match
