#pragma once
// Whether a version is affected by an OSV `affected[]` entry: the `IsVulnerable` evaluation of the
// OSV specification ("Evaluation" section of osv-schema docs/schema.md), with the comparator of the
// range's versioning scheme. Pure and thread-safe; never throws.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "vuln/advisory/model.h"
#include "vuln/version/compare.h"

namespace craft::vuln::match {

// The outcome of one SEMVER or ECOSYSTEM range for one version.
struct RangeEvaluation {
  bool affected = false;
  // False when the range has limit events and the version is not below any of them.
  bool before_limits = true;
  // The event that decides: of the introduced, fixed and last_affected events that apply to the
  // version (introduced <= v, fixed <= v, last_affected < v), the last in the range's sorted order
  // (introduced "0" first; events at equal versions in record order). Null when none applies: the
  // version is below every event.
  const advisory::RangeEvent* deciding = nullptr;
  // For an affected version, the fixed or last_affected event that bounds it: the smallest one
  // above it (last_affected: at or above). Null when the range is open-ended.
  const advisory::RangeEvent* bound = nullptr;
};

// Evaluates a range with the given scheme, exactly as the specification's pseudocode does:
// BeforeLimits, then the events in sorted order; "0" as introduced sorts before every version and a
// limit containing "*" is infinity. GIT ranges are never evaluated (they need the repository's
// commit graph): they give `affected` false.
RangeEvaluation EvaluateRange(const advisory::AffectedRange& range, std::string_view version,
                              version::Scheme scheme);

// The scheme an `affected[]` entry's ECOSYSTEM ranges are ordered by: the comparator of the
// package's ecosystem, the generic one for ecosystems craft has no ordering for.
version::Scheme EcosystemScheme(const advisory::Affected& affected);

// How an `affected[]` entry covers a version.
struct AffectedEvaluation {
  enum class Basis { kRange, kVersionsList };
  Basis basis = Basis::kRange;
  std::size_t range_index = 0;  // with kRange: which range
  RangeEvaluation range;        // with kRange: its evaluation
  // The fixed versions above the version in the ranges that apply (for kVersionsList: every
  // SEMVER or ECOSYSTEM range of the entry), smallest first, without duplicates.
  std::vector<std::string> fixed_above;
};

// Whether `version` is affected by the entry: in one of its SEMVER or ECOSYSTEM ranges (the first
// such range is reported), or listed in `versions[]` (exact string equality; a Go version's leading
// "v" is ignored, as OSV leaves it out). Nullopt when neither.
std::optional<AffectedEvaluation> EvaluateAffected(const advisory::Affected& affected,
                                                   std::string_view version);

// The same over the parts evaluation reads: the scheme of the package's ecosystem
// (SchemeForEcosystem, kGeneric when it has none), its ranges, and whether the version is listed
// in its `versions[]` (the caller has looked; ListedVersion gives the string to look for).
std::optional<AffectedEvaluation> EvaluateAffected(version::Scheme ecosystem_scheme,
                                                   std::span<const advisory::AffectedRange> ranges,
                                                   bool listed, std::string_view version);

// What EvaluateAffected gives for a version that is listed in `versions[]` and that none of the
// ranges affects (the caller knows both): basis kVersionsList with the fixed versions above it.
// Evaluates no range.
AffectedEvaluation ListedEvaluation(version::Scheme ecosystem_scheme,
                                    std::span<const advisory::AffectedRange> ranges,
                                    std::string_view version);

// Orders fixed versions as AffectedEvaluation::fixed_above holds them: smallest first under the
// scheme, versions equal under it kept once (the first).
void SortFixedVersions(std::vector<std::string>& fixed, version::Scheme scheme);

// The string to look for in `versions[]`: the version, without the leading "v" of a Go version.
std::string_view ListedVersion(std::string_view ecosystem, std::string_view version);

}  // namespace craft::vuln::match
