#pragma once
// CVSS scores computed from vector strings: v2.0, v3.0, v3.1 (base score) and v4.0 (the FIRST
// MacroVector lookup method). Pure and thread-safe; never throws. A score is computed only from a
// vector the version's specification accepts; anything else gives no score and a message saying
// what is wrong.

#include <optional>
#include <string>
#include <string_view>

namespace craft::vuln::cvss {

// Qualitative severity. CVSS v3.x and v4.0: None 0.0, Low 0.1-3.9, Medium 4.0-6.9, High 7.0-8.9,
// Critical 9.0-10.0. CVSS v2 has no rating of its own; NVD's is used: Low 0.0-3.9, Medium 4.0-6.9,
// High 7.0-10.0 (never None or Critical).
enum class Rating { kNone, kLow, kMedium, kHigh, kCritical };

// "NONE", "LOW", "MEDIUM", "HIGH", "CRITICAL" (NVD's baseSeverity spelling).
std::string_view RatingName(Rating rating);

Rating RatingV3(double score);  // also v4.0
Rating RatingV2(double score);

enum class Version { kV2, kV30, kV31, kV40 };

struct Score {
  Version version = Version::kV31;
  double base_score = 0;  // 0.0 to 10.0, one decimal
  Rating rating = Rating::kNone;
};

struct ScoreResult {
  std::optional<Score> score;
  std::string error;  // set when there is no score

  explicit operator bool() const { return score.has_value(); }
};

// CVSS v2.0 base score of "AV:N/AC:L/Au:N/C:P/I:P/A:P" (temporal and environmental metrics may
// follow and are checked, not scored). Each base metric exactly once; metrics in any order.
ScoreResult ScoreV2(std::string_view vector);

// CVSS v3.0 or v3.1 base score of "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" (temporal and
// environmental metrics may follow and are checked, not scored). The version prefix picks the
// formula: v3.1 rounds up with the specification's Roundup (Appendix A), v3.0 to the next tenth.
ScoreResult ScoreV3(std::string_view vector);

// CVSS v4.0 score of "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N[/...]" by the
// MacroVector method of the specification and its reference calculator (FIRST cvss-v4-calculator).
// The eleven base metrics are required, in the specification's order, followed by any threat,
// environmental and supplemental metrics in order. With only base metrics (or their "X" values)
// this is the CVSS-B base score; threat and environmental metrics, when given, are applied as the
// reference calculator applies them (CVSS-BT, -BE, -BTE).
ScoreResult ScoreV4(std::string_view vector);

// Chooses by prefix: "CVSS:4.0/" -> ScoreV4, "CVSS:3." -> ScoreV3, anything else -> ScoreV2.
ScoreResult ScoreVector(std::string_view vector);

}  // namespace craft::vuln::cvss
