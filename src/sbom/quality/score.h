#pragma once
// The quality score of an SBOM: 0 to 100 and a grade A to F, weighted towards what the CRA needs.
// The formula is documented in docs/quality-score.md; this header states it too. Pure: reads only
// the Document, no I/O, thread-safe.
//
// Eight categories, each worth `weight` points times the fraction of components (metadata.component
// and every listed component) that satisfy it:
//   identification      15  a name
//   versions            15  a version
//   suppliers           15  a supplier or manufacturer with a name
//   unique_identifiers  15  a PURL, CPE or SWID tag id
//   dependencies        15  in the dependency graph (an entry, or named by one; SPDX dependency
//                           and CONTAINS relationships count)
//   licences            10  a declared or concluded licence
//   hashes               5  a hash on the component or on one of its external references
// and one document category:
//   creation_info       10  4 for a timestamp, 4 for an author or tool, 2 for a serial number /
//                           namespace
// An SBOM with no component scores only its creation_info. Grade: A >= 90, B >= 80, C >= 70,
// D >= 60, E >= 50, F below.

#include <array>
#include <cstddef>
#include <string_view>

#include "sbom/model.h"

namespace craft::sbom::quality {

struct ScoreCategory {
  std::string_view name;
  double weight = 0;    // the most points the category gives
  double fraction = 0;  // 0..1: the share of components (or of creation info) that satisfy it
  double points = 0;    // weight * fraction
};

inline constexpr std::size_t kScoreCategoryCount = 8;

struct QualityScore {
  double score = 0;  // 0..100, the sum of the categories' points
  char grade = 'F';
  std::array<ScoreCategory, kScoreCategoryCount> categories;
};

QualityScore ScoreSbom(const Document& doc);

// The grade of a score, by the thresholds above.
char GradeFor(double score);

}  // namespace craft::sbom::quality
