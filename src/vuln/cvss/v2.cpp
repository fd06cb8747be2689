// CVSS v2.0 base score (FIRST, "A Complete Guide to the Common Vulnerability Scoring System
// Version 2.0", section 3.2.1).

#include <array>
#include <cmath>

#include "vuln/cvss/cvss.h"
#include "vuln/cvss/vector.h"

namespace craft::vuln::cvss {
namespace {

enum Metric { kAV, kAC, kAu, kC, kI, kA, kMetricCount = 14 };

const std::array<MetricDefinition, kMetricCount> kDefinitions = {{
    {"AV", {"L", "A", "N"}, true},
    {"AC", {"H", "M", "L"}, true},
    {"Au", {"M", "S", "N"}, true},
    {"C", {"N", "P", "C"}, true},
    {"I", {"N", "P", "C"}, true},
    {"A", {"N", "P", "C"}, true},
    {"E", {"U", "POC", "F", "H", "ND"}},
    {"RL", {"OF", "TF", "W", "U", "ND"}},
    {"RC", {"UC", "UR", "C", "ND"}},
    {"CDP", {"N", "L", "LM", "MH", "H", "ND"}},
    {"TD", {"N", "L", "M", "H", "ND"}},
    {"CR", {"L", "M", "H", "ND"}},
    {"IR", {"L", "M", "H", "ND"}},
    {"AR", {"L", "M", "H", "ND"}},
}};

double Impact(std::string_view v) { return v == "N" ? 0.0 : v == "P" ? 0.275 : 0.660; }

}  // namespace

ScoreResult ScoreV2(std::string_view vector) {
  if (vector.size() > 2 && vector.front() == '(' && vector.back() == ')') {
    vector = vector.substr(1, vector.size() - 2);  // the guide's "(AV:N/...)" notation
  }
  MetricValues<kMetricCount> m;
  if (auto error = ReadMetrics(vector, kDefinitions, false, m)) {
    return {std::nullopt, "invalid CVSS v2 vector: " + *error};
  }
  double av = m[kAV] == "L" ? 0.395 : m[kAV] == "A" ? 0.646 : 1.0;
  double ac = m[kAC] == "H" ? 0.35 : m[kAC] == "M" ? 0.61 : 0.71;
  double au = m[kAu] == "M" ? 0.45 : m[kAu] == "S" ? 0.56 : 0.704;
  double impact = 10.41 * (1 - (1 - Impact(m[kC])) * (1 - Impact(m[kI])) * (1 - Impact(m[kA])));
  double exploitability = 20 * av * ac * au;
  double f = impact == 0 ? 0 : 1.176;
  double base = ((0.6 * impact) + (0.4 * exploitability) - 1.5) * f;
  // round_to_1_decimal; the epsilon keeps binary noise (x.x4999999) from rounding down.
  base = std::round(base * 10 + 1e-9) / 10;
  if (base < 0) base = 0;
  return {Score{Version::kV2, base, RatingV2(base)}, {}};
}

}  // namespace craft::vuln::cvss
