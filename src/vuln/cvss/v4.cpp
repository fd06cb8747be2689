// CVSS v4.0 scores by the MacroVector method (CVSS v4.0 specification, section 8, and its reference
// calculator, FIRST/Red Hat cvss-v4-calculator cvss40.js). The arithmetic follows the reference
// calculator step by step, in the same floating point order, so that rounding agrees with it.

#include <array>
#include <cmath>
#include <initializer_list>
#include <string>

#include "vuln/cvss/cvss.h"
#include "vuln/cvss/v4_macrovector.h"
#include "vuln/cvss/vector.h"

namespace craft::vuln::cvss {
namespace {

enum Metric {
  kAV,
  kAC,
  kAT,
  kPR,
  kUI,
  kVC,
  kVI,
  kVA,
  kSC,
  kSI,
  kSA,  // base, in this order
  kE,
  kCR,
  kIR,
  kAR,  // threat; security requirements
  kMAV,
  kMAC,
  kMAT,
  kMPR,
  kMUI,
  kMVC,
  kMVI,
  kMVA,
  kMSC,
  kMSI,
  kMSA,
  kS,
  kAU,
  kR,
  kV,
  kRE,
  kU,  // supplemental: not scored
  kMetricCount
};

const std::array<MetricDefinition, kMetricCount> kDefinitions = {{
    {"AV", {"N", "A", "L", "P"}, true},
    {"AC", {"L", "H"}, true},
    {"AT", {"N", "P"}, true},
    {"PR", {"N", "L", "H"}, true},
    {"UI", {"N", "P", "A"}, true},
    {"VC", {"N", "L", "H"}, true},
    {"VI", {"N", "L", "H"}, true},
    {"VA", {"N", "L", "H"}, true},
    {"SC", {"N", "L", "H"}, true},
    {"SI", {"N", "L", "H"}, true},
    {"SA", {"N", "L", "H"}, true},
    {"E", {"X", "A", "P", "U"}},
    {"CR", {"X", "H", "M", "L"}},
    {"IR", {"X", "H", "M", "L"}},
    {"AR", {"X", "H", "M", "L"}},
    {"MAV", {"X", "N", "A", "L", "P"}},
    {"MAC", {"X", "L", "H"}},
    {"MAT", {"X", "N", "P"}},
    {"MPR", {"X", "N", "L", "H"}},
    {"MUI", {"X", "N", "P", "A"}},
    {"MVC", {"X", "H", "L", "N"}},
    {"MVI", {"X", "H", "L", "N"}},
    {"MVA", {"X", "H", "L", "N"}},
    {"MSC", {"X", "H", "L", "N"}},
    {"MSI", {"X", "S", "H", "L", "N"}},
    {"MSA", {"X", "S", "H", "L", "N"}},
    {"S", {"X", "N", "P"}},
    {"AU", {"X", "N", "Y"}},
    {"R", {"X", "A", "U", "I"}},
    {"V", {"X", "D", "C"}},
    {"RE", {"X", "L", "M", "H"}},
    {"U", {"X", "Clear", "Green", "Amber", "Red"}},
}};

using Values = MetricValues<kMetricCount>;

// The value a metric takes for scoring: E, CR, IR, AR default to their worst case; a modified
// (environmental) metric other than "X" overrides its base metric.
std::string_view Effective(const Values& v, Metric metric) {
  auto value = v[metric].empty() ? std::string_view("X") : v[metric];
  if (value == "X") {
    if (metric == kE) return "A";
    if (metric == kCR || metric == kIR || metric == kAR) return "H";
  }
  if (metric <= kSA) {
    auto modified = v[kMAV + metric];
    if (!modified.empty() && modified != "X") return modified;
  }
  return value;
}

struct MacroVector {
  int eq[6];
};

MacroVector Classify(const Values& v) {
  auto is = [&](Metric m, std::string_view value) { return Effective(v, m) == value; };
  MacroVector mv{};
  bool av_n = is(kAV, "N"), pr_n = is(kPR, "N"), ui_n = is(kUI, "N");
  mv.eq[0] = (av_n && pr_n && ui_n) ? 0 : ((av_n || pr_n || ui_n) && !is(kAV, "P")) ? 1 : 2;
  mv.eq[1] = (is(kAC, "L") && is(kAT, "N")) ? 0 : 1;
  bool vc_h = is(kVC, "H"), vi_h = is(kVI, "H"), va_h = is(kVA, "H");
  mv.eq[2] = (vc_h && vi_h) ? 0 : (vc_h || vi_h || va_h) ? 1 : 2;
  bool msi_s = is(kMSI, "S"), msa_s = is(kMSA, "S");
  mv.eq[3] = (msi_s || msa_s) ? 0 : (is(kSC, "H") || is(kSI, "H") || is(kSA, "H")) ? 1 : 2;
  mv.eq[4] = is(kE, "A") ? 0 : is(kE, "P") ? 1 : 2;
  mv.eq[5] = ((is(kCR, "H") && vc_h) || (is(kIR, "H") && vi_h) || (is(kAR, "H") && va_h)) ? 0 : 1;
  return mv;
}

// Severity levels of the reference calculator (METRIC_LEVELS), for the metrics it compares.
double Level(Metric metric, std::string_view value) {
  auto pick = [&](std::initializer_list<std::pair<std::string_view, double>> levels) {
    for (const auto& [name, level] : levels) {
      if (name == value) return level;
    }
    return 0.0;
  };
  switch (metric) {
    case kAV:
      return pick({{"N", 0.0}, {"A", 0.1}, {"L", 0.2}, {"P", 0.3}});
    case kPR:
      return pick({{"N", 0.0}, {"L", 0.1}, {"H", 0.2}});
    case kUI:
      return pick({{"N", 0.0}, {"P", 0.1}, {"A", 0.2}});
    case kAC:
      return pick({{"L", 0.0}, {"H", 0.1}});
    case kAT:
      return pick({{"N", 0.0}, {"P", 0.1}});
    case kVC:
    case kVI:
    case kVA:
      return pick({{"H", 0.0}, {"L", 0.1}, {"N", 0.2}});
    case kSC:
      return pick({{"H", 0.1}, {"L", 0.2}, {"N", 0.3}});
    case kSI:
    case kSA:
      return pick({{"S", 0.0}, {"H", 0.1}, {"L", 0.2}, {"N", 0.3}});
    case kCR:
    case kIR:
    case kAR:
      return pick({{"H", 0.0}, {"M", 0.1}, {"L", 0.2}});
    case kE:
      return pick({{"U", 0.2}, {"P", 0.1}, {"A", 0.0}});
    default:
      return 0.0;
  }
}

// The highest severity vectors of each EQ's classes (the reference calculator's MAX_COMPOSED),
// as "metric:value/" strings.
using Maxes = std::initializer_list<std::string_view>;
Maxes Eq1Maxes(int eq1) {
  static const Maxes k0 = {"AV:N/PR:N/UI:N/"};
  static const Maxes k1 = {"AV:A/PR:N/UI:N/", "AV:N/PR:L/UI:N/", "AV:N/PR:N/UI:P/"};
  static const Maxes k2 = {"AV:P/PR:N/UI:N/", "AV:A/PR:L/UI:P/"};
  return eq1 == 0 ? k0 : eq1 == 1 ? k1 : k2;
}
Maxes Eq2Maxes(int eq2) {
  static const Maxes k0 = {"AC:L/AT:N/"};
  static const Maxes k1 = {"AC:H/AT:N/", "AC:L/AT:P/"};
  return eq2 == 0 ? k0 : k1;
}
Maxes Eq3Eq6Maxes(int eq3, int eq6) {
  static const Maxes k00 = {"VC:H/VI:H/VA:H/CR:H/IR:H/AR:H/"};
  static const Maxes k01 = {"VC:H/VI:H/VA:L/CR:M/IR:M/AR:H/", "VC:H/VI:H/VA:H/CR:M/IR:M/AR:M/"};
  static const Maxes k10 = {"VC:L/VI:H/VA:H/CR:H/IR:H/AR:H/", "VC:H/VI:L/VA:H/CR:H/IR:H/AR:H/"};
  static const Maxes k11 = {"VC:L/VI:H/VA:L/CR:H/IR:M/AR:H/", "VC:L/VI:H/VA:H/CR:H/IR:M/AR:M/",
                            "VC:H/VI:L/VA:H/CR:M/IR:H/AR:M/", "VC:H/VI:L/VA:L/CR:M/IR:H/AR:H/",
                            "VC:L/VI:L/VA:H/CR:H/IR:H/AR:M/"};
  static const Maxes k21 = {"VC:L/VI:L/VA:L/CR:H/IR:H/AR:H/"};
  static const Maxes kNone = {};
  if (eq3 == 0) return eq6 == 0 ? k00 : k01;
  if (eq3 == 1) return eq6 == 0 ? k10 : k11;
  return eq6 == 1 ? k21 : kNone;
}
Maxes Eq4Maxes(int eq4) {
  static const Maxes k0 = {"SC:H/SI:S/SA:S/"};
  static const Maxes k1 = {"SC:H/SI:H/SA:H/"};
  static const Maxes k2 = {"SC:L/SI:L/SA:L/"};
  return eq4 == 0 ? k0 : eq4 == 1 ? k1 : k2;
}
Maxes Eq5Maxes(int eq5) {
  static const Maxes k0 = {"E:A/"};
  static const Maxes k1 = {"E:P/"};
  static const Maxes k2 = {"E:U/"};
  return eq5 == 0 ? k0 : eq5 == 1 ? k1 : k2;
}

// The value of `name` in a "K:V/K:V/" string.
std::string_view ValueIn(std::string_view vector, std::string_view name) {
  while (!vector.empty()) {
    auto slash = vector.find('/');
    auto token = vector.substr(0, slash);
    if (token.size() > name.size() && token.starts_with(name) && token[name.size()] == ':') {
      return token.substr(name.size() + 1);
    }
    if (slash == std::string_view::npos) break;
    vector.remove_prefix(slash + 1);
  }
  return {};
}

// The metrics the reference calculator measures distances on, in its order.
constexpr Metric kDistanceMetrics[] = {kAV, kPR, kUI, kAC, kAT, kVC, kVI, kVA,
                                       kSC, kSI, kSA, kCR, kIR, kAR, kE};
using Distances = std::array<double, kMetricCount>;

// The severity distances from the first highest severity vector of the MacroVector that is at
// least as severe as the vector in every metric (the last one tried when none is).
Distances SeverityDistances(const Values& effective, const int eq[6]) {
  Distances d{};
  for (auto m1 : Eq1Maxes(eq[0])) {
    for (auto m2 : Eq2Maxes(eq[1])) {
      for (auto m3 : Eq3Eq6Maxes(eq[2], eq[5])) {
        for (auto m4 : Eq4Maxes(eq[3])) {
          for (auto m5 : Eq5Maxes(eq[4])) {
            std::string max = std::string(m1) + std::string(m2) + std::string(m3) +
                              std::string(m4) + std::string(m5);
            bool all_positive = true;
            for (Metric m : kDistanceMetrics) {
              d[m] = Level(m, effective[m]) - Level(m, ValueIn(max, kDefinitions[m].name));
              all_positive &= d[m] >= 0;
            }
            if (all_positive) return d;
          }
        }
      }
    }
  }
  return d;
}

// Steps 1 and 2 of the method: the mean of the proportional distances to the next lower
// MacroVector in each EQ that has one.
double MeanDistance(const Values& effective, const int eq[6], double value) {
  auto score = [&](int d1, int d2, int d3, int d4, int d5, int d6) {
    return MacroVectorScore(eq[0] + d1, eq[1] + d2, eq[2] + d3, eq[3] + d4, eq[4] + d5, eq[5] + d6);
  };
  double lower_eq3eq6;
  if ((eq[2] == 1 && eq[5] == 1) || (eq[2] == 0 && eq[5] == 1)) {
    lower_eq3eq6 = score(0, 0, 1, 0, 0, 0);
  } else if (eq[2] == 1 && eq[5] == 0) {
    lower_eq3eq6 = score(0, 0, 0, 0, 0, 1);
  } else if (eq[2] == 0 && eq[5] == 0) {
    double left = score(0, 0, 0, 0, 0, 1), right = score(0, 0, 1, 0, 0, 0);
    lower_eq3eq6 = (std::isnan(left) || std::isnan(right)) ? NAN : std::max(left, right);
  } else {
    lower_eq3eq6 = score(0, 0, 1, 0, 0, 1);
  }
  const double available[5] = {value - score(1, 0, 0, 0, 0, 0), value - score(0, 1, 0, 0, 0, 0),
                               value - lower_eq3eq6, value - score(0, 0, 0, 1, 0, 0),
                               value - score(0, 0, 0, 0, 1, 0)};
  Distances d = SeverityDistances(effective, eq);
  const double current[4] = {d[kAV] + d[kPR] + d[kUI], d[kAC] + d[kAT],
                             d[kVC] + d[kVI] + d[kVA] + d[kCR] + d[kIR] + d[kAR],
                             d[kSC] + d[kSI] + d[kSA]};
  static constexpr int kMaxSeverityEq1[] = {1, 4, 5}, kMaxSeverityEq2[] = {1, 2},
                       kMaxSeverityEq4[] = {6, 5, 4};
  static constexpr int kMaxSeverityEq3Eq6[3][2] = {{7, 6}, {8, 8}, {0, 10}};
  constexpr double kStep = 0.1;
  const double max_severity[4] = {kMaxSeverityEq1[eq[0]] * kStep, kMaxSeverityEq2[eq[1]] * kStep,
                                  kMaxSeverityEq3Eq6[eq[2]][eq[5]] * kStep,
                                  kMaxSeverityEq4[eq[3]] * kStep};
  double normalized[5] = {0, 0, 0, 0, 0};
  int existing_lower = 0;
  for (int i = 0; i < 5; ++i) {
    if (std::isnan(available[i])) continue;
    ++existing_lower;
    double percent = i < 4 ? current[i] / max_severity[i] : 0;  // EQ5 always moves by 0
    normalized[i] = available[i] * percent;
  }
  if (existing_lower == 0) return 0;
  return (normalized[0] + normalized[1] + normalized[2] + normalized[3] + normalized[4]) /
         existing_lower;
}

}  // namespace

ScoreResult ScoreV4(std::string_view vector) {
  if (!vector.starts_with("CVSS:4.0/")) {
    return {std::nullopt, "invalid CVSS v4.0 vector: it must start with CVSS:4.0/"};
  }
  Values v;
  if (auto error = ReadMetrics(vector.substr(9), kDefinitions, true, v)) {
    return {std::nullopt, "invalid CVSS v4.0 vector: " + *error};
  }
  bool no_impact = true;
  for (Metric m : {kVC, kVI, kVA, kSC, kSI, kSA}) no_impact &= Effective(v, m) == "N";
  if (no_impact) return {Score{Version::kV40, 0.0, Rating::kNone}, {}};
  MacroVector mv = Classify(v);
  double value = MacroVectorScore(mv.eq[0], mv.eq[1], mv.eq[2], mv.eq[3], mv.eq[4], mv.eq[5]);
  Values effective;
  for (int m = 0; m < kMetricCount; ++m) effective[m] = Effective(v, static_cast<Metric>(m));
  value -= MeanDistance(effective, mv.eq, value);
  value = std::max(0.0, std::min(10.0, value));
  // Round half up, lifting by EPSILON = 10^-6 first as the reference calculator does since its
  // rounding fix (cvss-v4-calculator #66/#67): an interpolated x.x5 that floating point left one
  // ULP below the tie must still round up.
  constexpr double kEpsilon = 1e-6;
  double score = std::floor((value + kEpsilon) * 10 + 0.5) / 10;
  return {Score{Version::kV40, score, RatingV3(score)}, {}};
}

}  // namespace craft::vuln::cvss
