// CVSS v3.0 and v3.1 base scores (FIRST CVSS v3.1 specification, section 7.1 and Appendix A;
// v3.0 specification, section 8.1).

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

#include "vuln/cvss/cvss.h"
#include "vuln/cvss/vector.h"

namespace craft::vuln::cvss {
namespace {

enum Metric { kAV, kAC, kPR, kUI, kS, kC, kI, kA, kMetricCount = 22 };

const std::array<MetricDefinition, kMetricCount> kDefinitions = {{
    {"AV", {"N", "A", "L", "P"}, true},
    {"AC", {"L", "H"}, true},
    {"PR", {"N", "L", "H"}, true},
    {"UI", {"N", "R"}, true},
    {"S", {"U", "C"}, true},
    {"C", {"H", "L", "N"}, true},
    {"I", {"H", "L", "N"}, true},
    {"A", {"H", "L", "N"}, true},
    {"E", {"X", "H", "F", "P", "U"}},
    {"RL", {"X", "U", "W", "T", "O"}},
    {"RC", {"X", "C", "R", "U"}},
    {"CR", {"X", "H", "M", "L"}},
    {"IR", {"X", "H", "M", "L"}},
    {"AR", {"X", "H", "M", "L"}},
    {"MAV", {"X", "N", "A", "L", "P"}},
    {"MAC", {"X", "L", "H"}},
    {"MPR", {"X", "N", "L", "H"}},
    {"MUI", {"X", "N", "R"}},
    {"MS", {"X", "U", "C"}},
    {"MC", {"X", "H", "L", "N"}},
    {"MI", {"X", "H", "L", "N"}},
    {"MA", {"X", "H", "L", "N"}},
}};

// v3.1 Appendix A: the smallest number, to one decimal place, equal to or higher than the input,
// computed on integers so that binary floating point noise does not round 4.0 up to 4.1.
double Roundup31(double input) {
  auto int_input = static_cast<std::int64_t>(std::llround(input * 100000));
  if (int_input % 10000 == 0) return static_cast<double>(int_input) / 100000.0;
  return static_cast<double>(int_input / 10000 + 1) / 10.0;
}

// v3.0 section 8.1 ("round up to one decimal place"), as the v3.0 calculator does it.
double Roundup30(double input) { return std::ceil(input * 10) / 10; }

double Cia(std::string_view v) { return v == "H" ? 0.56 : v == "L" ? 0.22 : 0.0; }

}  // namespace

ScoreResult ScoreV3(std::string_view vector) {
  Version version;
  if (vector.starts_with("CVSS:3.1/")) {
    version = Version::kV31;
  } else if (vector.starts_with("CVSS:3.0/")) {
    version = Version::kV30;
  } else {
    return {std::nullopt, "invalid CVSS v3 vector: it must start with CVSS:3.0/ or CVSS:3.1/"};
  }
  MetricValues<kMetricCount> m;
  if (auto error = ReadMetrics(vector.substr(9), kDefinitions, false, m)) {
    return {std::nullopt, "invalid CVSS v3 vector: " + *error};
  }
  bool changed = m[kS] == "C";
  double av = m[kAV] == "N" ? 0.85 : m[kAV] == "A" ? 0.62 : m[kAV] == "L" ? 0.55 : 0.2;
  double ac = m[kAC] == "L" ? 0.77 : 0.44;
  double pr = m[kPR] == "N"   ? 0.85
              : m[kPR] == "L" ? (changed ? 0.68 : 0.62)
                              : (changed ? 0.5 : 0.27);
  double ui = m[kUI] == "N" ? 0.85 : 0.62;
  double iss = 1 - ((1 - Cia(m[kC])) * (1 - Cia(m[kI])) * (1 - Cia(m[kA])));
  double impact = changed ? 7.52 * (iss - 0.029) - 3.25 * std::pow(iss - 0.02, 15) : 6.42 * iss;
  double exploitability = 8.22 * av * ac * pr * ui;
  double base = 0;
  if (impact > 0) {
    double raw = changed ? std::min(1.08 * (impact + exploitability), 10.0)
                         : std::min(impact + exploitability, 10.0);
    base = version == Version::kV31 ? Roundup31(raw) : Roundup30(raw);
  }
  return {Score{version, base, RatingV3(base)}, {}};
}

}  // namespace craft::vuln::cvss
