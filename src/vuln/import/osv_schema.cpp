#include "vuln/import/osv_schema.h"

#include <algorithm>
#include <array>

namespace craft::vuln::import::osv_schema {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

struct MetricValues {
  std::string_view name;
  std::array<std::string_view, 6> values;  // unused slots are empty
};

bool Allowed(const MetricValues& m, std::string_view value) {
  return !value.empty() && std::find(m.values.begin(), m.values.end(), value) != m.values.end();
}

// "N:V/N:V/..." where every pair is one of `metrics`, in any order and repetition, as the CVSS_V2
// and CVSS_V3 patterns of the schema allow.
template <std::size_t N>
bool IsUnorderedVector(std::string_view text, const std::array<MetricValues, N>& metrics) {
  if (text.empty()) return false;
  while (true) {
    auto slash = text.find('/');
    auto token = text.substr(0, slash);
    auto colon = token.find(':');
    if (colon == std::string_view::npos) return false;
    auto name = token.substr(0, colon);
    auto value = token.substr(colon + 1);
    auto it = std::find_if(metrics.begin(), metrics.end(),
                           [&](const MetricValues& m) { return m.name == name; });
    if (it == metrics.end() || !Allowed(*it, value)) return false;
    if (slash == std::string_view::npos) return true;
    text.remove_prefix(slash + 1);
  }
}

const std::array<MetricValues, 14> kCvssV2 = {{
    {"AV", {"N", "A", "L"}},
    {"AC", {"L", "M", "H"}},
    {"Au", {"M", "S", "N"}},
    {"C", {"N", "P", "C"}},
    {"I", {"N", "P", "C"}},
    {"A", {"N", "P", "C"}},
    {"E", {"U", "POC", "F", "H", "ND"}},
    {"RL", {"OF", "TF", "W", "U", "ND"}},
    {"RC", {"UC", "UR", "C", "ND"}},
    {"CDP", {"N", "L", "LM", "MH", "H", "ND"}},
    {"TD", {"N", "L", "M", "H", "ND"}},
    {"CR", {"L", "M", "H", "ND"}},
    {"IR", {"L", "M", "H", "ND"}},
    {"AR", {"L", "M", "H", "ND"}},
}};

const std::array<MetricValues, 22> kCvssV3 = {{
    {"AV", {"N", "A", "L", "P"}},
    {"AC", {"L", "H"}},
    {"PR", {"N", "L", "H"}},
    {"UI", {"N", "R"}},
    {"S", {"U", "C"}},
    {"C", {"N", "L", "H"}},
    {"I", {"N", "L", "H"}},
    {"A", {"N", "L", "H"}},
    {"E", {"X", "U", "P", "F", "H"}},
    {"RL", {"X", "O", "T", "W", "U"}},
    {"RC", {"X", "U", "R", "C"}},
    {"CR", {"X", "L", "M", "H"}},
    {"IR", {"X", "L", "M", "H"}},
    {"AR", {"X", "L", "M", "H"}},
    {"MAV", {"X", "N", "A", "L", "P"}},
    {"MAC", {"X", "L", "H"}},
    {"MPR", {"X", "N", "L", "H"}},
    {"MUI", {"X", "N", "R"}},
    {"MS", {"X", "U", "C"}},
    {"MC", {"X", "N", "L", "H"}},
    {"MI", {"X", "N", "L", "H"}},
    {"MA", {"X", "N", "L", "H"}},
}};

// The CVSS_V4 pattern: the eleven base metrics in this order, then any of the others in order.
const std::array<MetricValues, 32> kCvssV4 = {{
    {"AV", {"N", "A", "L", "P"}},
    {"AC", {"L", "H"}},
    {"AT", {"N", "P"}},
    {"PR", {"N", "L", "H"}},
    {"UI", {"N", "P", "A"}},
    {"VC", {"H", "L", "N"}},
    {"VI", {"H", "L", "N"}},
    {"VA", {"H", "L", "N"}},
    {"SC", {"H", "L", "N"}},
    {"SI", {"H", "L", "N"}},
    {"SA", {"H", "L", "N"}},
    {"E", {"X", "A", "P", "U"}},
    {"CR", {"X", "H", "M", "L"}},
    {"IR", {"X", "H", "M", "L"}},
    {"AR", {"X", "H", "M", "L"}},
    {"MAV", {"X", "N", "A", "L", "P"}},
    {"MAC", {"X", "L", "H"}},
    {"MAT", {"X", "N", "P"}},
    {"MPR", {"X", "N", "L", "H"}},
    {"MUI", {"X", "N", "P", "A"}},
    {"MVC", {"X", "N", "L", "H"}},
    {"MVI", {"X", "N", "L", "H"}},
    {"MVA", {"X", "N", "L", "H"}},
    {"MSC", {"X", "N", "L", "H"}},
    {"MSI", {"X", "N", "L", "H", "S"}},
    {"MSA", {"X", "N", "L", "H", "S"}},
    {"S", {"X", "N", "P"}},
    {"AU", {"X", "N", "Y"}},
    {"R", {"X", "A", "U", "I"}},
    {"V", {"X", "D", "C"}},
    {"RE", {"X", "L", "M", "H"}},
    {"U", {"X", "Clear", "Green", "Amber", "Red"}},
}};

bool IsCvssV4(std::string_view text) {
  constexpr std::string_view kPrefix = "CVSS:4.0/";
  if (!text.starts_with(kPrefix)) return false;
  text.remove_prefix(kPrefix.size());
  std::size_t next = 0;  // index into kCvssV4 of the first metric that may come next
  while (!text.empty()) {
    auto slash = text.find('/');
    auto token = text.substr(0, slash);
    auto colon = token.find(':');
    if (colon == std::string_view::npos) return false;
    auto name = token.substr(0, colon);
    while (next < kCvssV4.size() && kCvssV4[next].name != name) {
      if (next < 11) return false;  // a base metric is missing or out of order
      ++next;
    }
    if (next == kCvssV4.size() || !Allowed(kCvssV4[next], token.substr(colon + 1))) return false;
    ++next;
    if (slash == std::string_view::npos) break;
    text.remove_prefix(slash + 1);
    if (text.empty()) return false;
  }
  return next >= 11;
}

bool Matches(std::string_view text, std::size_t at, std::string_view shape) {
  // `shape`: 'd' is a digit, anything else is itself.
  if (text.size() - at < shape.size()) return false;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    char c = text[at + i];
    if (shape[i] == 'd' ? !IsDigit(c) : c != shape[i]) return false;
  }
  return true;
}

}  // namespace

bool IsKnownIdPrefix(std::string_view id) {
  static constexpr std::string_view kPrefixes[] = {
      "ASB-A",  "PUB-A",   "ALPINE",     "ALSA",    "ALBA",    "ALEA",    "AZL",         "BELL",
      "BIT",    "CGA",     "CLEANSTART", "CLSA",    "CURL",    "CVE",     "DEBIAN",      "DHI",
      "DRUPAL", "DSA",     "DLA",        "ELA",     "DTSA",    "ECHO",    "EEF",         "FreeBSD",
      "GHSA",   "GO",      "GSD",        "HSEC",    "JLSEC",   "KUBE",    "LBSEC",       "LSN",
      "MAL",    "MINI",    "MGASA",      "OESA",    "OSEC",    "OSV",     "openSUSE-SU", "PHSA",
      "PSF",    "PYSEC",   "RHBA",       "RHEA",    "RHSA",    "RLSA",    "RXSA",        "RSEC",
      "ROOT",   "RUSTSEC", "SUSE-SU",    "SUSE-RU", "SUSE-FU", "SUSE-OU", "UBUNTU",      "USN",
      "V8"};
  if (id.starts_with("x_")) return true;
  for (auto prefix : kPrefixes) {
    if (id.size() > prefix.size() && id.starts_with(prefix) && id[prefix.size()] == '-') {
      return true;
    }
  }
  return false;
}

bool IsTimestamp(std::string_view text) {
  for (std::size_t at = 0; at + 20 <= text.size(); ++at) {
    if (!Matches(text, at, "dddd-dd-ddTdd:dd:dd")) continue;
    std::size_t end = at + 19;
    if (end < text.size() && text[end] == '.') {
      std::size_t digits = end + 1;
      while (digits < text.size() && IsDigit(text[digits])) ++digits;
      if (digits > end + 1 && digits < text.size() && text[digits] == 'Z') return true;
    }
    if (end < text.size() && text[end] == 'Z') return true;
  }
  return false;
}

bool IsSeverityScore(std::string_view type, std::string_view score) {
  if (type == "CVSS_V2") return IsUnorderedVector(score, kCvssV2);
  if (type == "CVSS_V3") {
    if (!score.starts_with("CVSS:3.0/") && !score.starts_with("CVSS:3.1/")) return false;
    return IsUnorderedVector(score.substr(9), kCvssV3);
  }
  if (type == "CVSS_V4") return IsCvssV4(score);
  if (type == "Ubuntu") {
    return score == "negligible" || score == "low" || score == "medium" || score == "high" ||
           score == "critical";
  }
  return false;
}

bool IsReferenceType(std::string_view type) {
  static constexpr std::array<std::string_view, 11> kTypes = {
      "ADVISORY",   "ARTICLE", "DETECTION", "DISCUSSION", "REPORT", "FIX",
      "INTRODUCED", "GIT",     "PACKAGE",   "EVIDENCE",   "WEB"};
  return std::find(kTypes.begin(), kTypes.end(), type) != kTypes.end();
}

bool IsCreditType(std::string_view type) {
  static constexpr std::array<std::string_view, 10> kTypes = {"FINDER",
                                                              "REPORTER",
                                                              "ANALYST",
                                                              "COORDINATOR",
                                                              "REMEDIATION_DEVELOPER",
                                                              "REMEDIATION_REVIEWER",
                                                              "REMEDIATION_VERIFIER",
                                                              "TOOL",
                                                              "SPONSOR",
                                                              "OTHER"};
  return std::find(kTypes.begin(), kTypes.end(), type) != kTypes.end();
}

bool IsGitEventValue(std::string_view value) {
  if (value == "0") return true;
  if (value.size() != 40 && value.size() != 64) return false;
  return std::all_of(value.begin(), value.end(),
                     [](char c) { return IsDigit(c) || (c >= 'a' && c <= 'f'); });
}

}  // namespace craft::vuln::import::osv_schema
