#pragma once
// Whether a version is affected by an OSV `affected[]` entry: the `IsVulnerable` evaluation of the
// OSV specification ("Evaluation" section of osv-schema docs/schema.md), with the comparator of the
// range's versioning scheme. Pure and thread-safe; never throws.

#include <optional>
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

// How an entry's `versions[]` is ordered: as published (searched linearly) or sorted bytewise
// (searched by bisection; AdvisoryIndex keeps the lists it holds sorted).
enum class VersionsOrder { kAsPublished, kSorted };

// Whether `version` is affected by the entry: in one of its SEMVER or ECOSYSTEM ranges (the first
// such range is reported), or listed in `versions[]` (exact string equality). Nullopt when neither.
std::optional<AffectedEvaluation> EvaluateAffected(
    const advisory::Affected& affected, std::string_view version,
    VersionsOrder order = VersionsOrder::kAsPublished);

}  // namespace craft::vuln::match
