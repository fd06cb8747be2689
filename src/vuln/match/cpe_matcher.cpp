// MatchCpe: NVD CPE applicability statements (configurations) against a component's CPE name.

#include <map>

#include "vuln/match/cpe.h"
#include "vuln/match/matcher.h"
#include "vuln/version/compare.h"

namespace craft::vuln::match {
namespace {

using advisory::CpeMatch;
using advisory::CpeOperator;

int CompareVersions(std::string_view a, std::string_view b) {
  return version::Compare(version::Scheme::kGeneric, a, b);
}

bool HasBounds(const CpeMatch& m) {
  return !m.version_start_including.empty() || !m.version_start_excluding.empty() ||
         !m.version_end_including.empty() || !m.version_end_excluding.empty();
}

bool WithinBounds(const CpeMatch& m, std::string_view v) {
  if (!m.version_start_including.empty() && CompareVersions(v, m.version_start_including) < 0) {
    return false;
  }
  if (!m.version_start_excluding.empty() && CompareVersions(v, m.version_start_excluding) <= 0) {
    return false;
  }
  if (!m.version_end_including.empty() && CompareVersions(v, m.version_end_including) > 0) {
    return false;
  }
  if (!m.version_end_excluding.empty() && CompareVersions(v, m.version_end_excluding) >= 0) {
    return false;
  }
  return true;
}

// Whether `target` satisfies the cpeMatch, attributes and version.
bool Satisfies(const CpeMatch& m, const Cpe& criteria, const Cpe& target) {
  for (int a = 0; a < Cpe::kAttributeCount; ++a) {
    if (a == Cpe::kVersion) continue;
    if (!AttributeMatches(criteria.attributes[a], target.attributes[a])) return false;
  }
  const auto& want = criteria.version();
  const auto& have = target.version();
  if (want == "-") return have == "-" || have == "*";
  if (want != "*") {
    return have == "*" || AttributeMatches(want, have) || CompareVersions(want, have) == 0;
  }
  if (!HasBounds(m) || have == "*") return true;
  if (have == "-") return false;
  return WithinBounds(m, have);
}

struct Evaluation {
  const Cpe* component;
  std::span<const Cpe> platforms;
  const CpeMatch* vulnerable_hit = nullptr;  // a vulnerable cpeMatch the component satisfies

  bool MatchEntry(const CpeMatch& m) {
    auto criteria = ParseCpe23(m.criteria);
    if (!criteria) return false;
    if (Satisfies(m, *criteria, *component)) {
      if (m.vulnerable && vulnerable_hit == nullptr) vulnerable_hit = &m;
      return true;
    }
    for (const auto& platform : platforms) {
      if (Satisfies(m, *criteria, platform)) return true;
    }
    return false;
  }

  bool MatchNode(const advisory::CpeNode& node) {
    bool result = node.op == CpeOperator::kAnd;
    for (const auto& m : node.cpe_match) {
      bool hit = MatchEntry(m);  // evaluated for every entry, to find the vulnerable hit
      result = node.op == CpeOperator::kAnd ? (result && hit) : (result || hit);
    }
    return node.negate ? !result : result;
  }

  bool MatchConfiguration(const advisory::CpeConfiguration& c) {
    bool result = c.op == CpeOperator::kAnd;
    for (const auto& node : c.nodes) {
      bool hit = MatchNode(node);
      result = c.op == CpeOperator::kAnd ? (result && hit) : (result || hit);
    }
    if (c.nodes.empty()) result = false;
    return c.negate ? !result : result;
  }
};

std::string CpeReason(const CpeMatch& m, std::string_view version) {
  std::string reason = std::string(version) + " matches " + m.criteria;
  if (!m.version_start_including.empty()) reason += ", from " + m.version_start_including;
  if (!m.version_start_excluding.empty()) reason += ", above " + m.version_start_excluding;
  if (!m.version_end_including.empty()) reason += ", up to " + m.version_end_including;
  if (!m.version_end_excluding.empty()) reason += ", below " + m.version_end_excluding;
  return reason;
}

}  // namespace

std::vector<Finding> MatchCpe(const AdvisoryIndex& index, std::string_view cpe23,
                              std::span<const std::string> platforms) {
  auto component = ParseCpe23(cpe23);
  if (!component) return {};
  std::vector<Cpe> platform_cpes;
  for (const auto& p : platforms) {
    if (auto cpe = ParseCpe23(p)) platform_cpes.push_back(std::move(*cpe));
  }
  std::map<std::string, Finding> found;
  for (const CpeEntry& entry : index.LookupCpe(component->vendor(), component->product())) {
    if (found.count(entry.advisory->id) > 0) continue;
    Evaluation evaluation{&*component, platform_cpes};
    const auto& configuration = entry.advisory->configurations[entry.configuration_index];
    if (!evaluation.MatchConfiguration(configuration) || evaluation.vulnerable_hit == nullptr) {
      continue;
    }
    const CpeMatch& hit = *evaluation.vulnerable_hit;
    Finding f;
    f.advisory_id = entry.advisory->id;
    f.aliases = entry.advisory->aliases;
    f.method = MatchMethod::kCpe;
    bool version_known = component->version() != "*" && component->version() != "-";
    f.confidence = version_known ? Confidence::kMedium : Confidence::kLow;
    f.package = hit.criteria;
    f.basis = Finding::Basis::kCpeMatch;
    f.cpe_match = hit;
    f.reason = CpeReason(hit, component->version());
    if (!hit.version_end_excluding.empty()) f.fixed_versions.push_back(hit.version_end_excluding);
    found.emplace(f.advisory_id, std::move(f));
  }
  std::vector<Finding> out;
  for (auto& [id, f] : found) out.push_back(std::move(f));
  return out;
}

}  // namespace craft::vuln::match
