#include "vuln/match/osv_evaluation.h"

#include <algorithm>

#include "vuln/advisory/ecosystem.h"

namespace craft::vuln::match {

using advisory::AffectedRange;
using advisory::RangeEvent;
using Kind = RangeEvent::Kind;

namespace {

bool IsStart(const RangeEvent& e) { return e.kind == Kind::kIntroduced && e.version == "0"; }

// Orders event versions, with introduced "0" before every version.
int CompareEvents(version::Scheme scheme, const RangeEvent& a, const RangeEvent& b) {
  bool a_start = IsStart(a), b_start = IsStart(b);
  if (a_start || b_start) return a_start == b_start ? 0 : (a_start ? -1 : 1);
  return version::Compare(scheme, a.version, b.version);
}

bool BeforeLimits(const AffectedRange& range, const version::PreparedVersion& v) {
  bool has_limit = false;
  for (const auto& e : range.events) {
    if (e.kind != Kind::kLimit) continue;
    has_limit = true;
    if (e.version.find('*') != std::string::npos) return true;
    if (v.CompareTo(e.version) < 0) return true;
  }
  return !has_limit;
}

// Adds the fixed versions of `range` above `v` to `out`.
void CollectFixedAbove(const AffectedRange& range, const version::PreparedVersion& v,
                       std::vector<std::string>& out) {
  for (const auto& e : range.events) {
    if (e.kind == Kind::kFixed && v.CompareTo(e.version) < 0) {
      out.push_back(e.version);
    }
  }
}

void SortFixed(std::vector<std::string>& fixed, version::Scheme scheme) {
  if (fixed.size() < 2) return;  // (stable_sort would still allocate its buffer)
  std::stable_sort(fixed.begin(), fixed.end(), [&](const std::string& a, const std::string& b) {
    return version::Compare(scheme, a, b) < 0;
  });
  fixed.erase(std::unique(fixed.begin(), fixed.end(),
                          [&](const std::string& a, const std::string& b) {
                            return version::Compare(scheme, a, b) == 0;
                          }),
              fixed.end());
}

version::Scheme RangeScheme(version::Scheme ecosystem_scheme, const AffectedRange& range) {
  return range.type == AffectedRange::Type::kSemver ? version::Scheme::kSemVer : ecosystem_scheme;
}

}  // namespace

version::Scheme EcosystemScheme(const advisory::Affected& affected) {
  return version::SchemeForEcosystem(affected.package.ecosystem)
      .value_or(version::Scheme::kGeneric);
}

RangeEvaluation EvaluateRange(const AffectedRange& range, std::string_view v,
                              version::Scheme scheme) {
  RangeEvaluation result;
  if (range.type == AffectedRange::Type::kGit) return result;
  const version::PreparedVersion prepared(scheme, v);
  if (!BeforeLimits(range, prepared)) {
    result.before_limits = false;
    return result;
  }
  // One pass, one comparison with the version per event: the deciding event is the greatest
  // applying one (sorted order, ties in record order: a later event at an equal version wins);
  // the bound the smallest fixed above, or last_affected at or above, the version.
  for (const auto& e : range.events) {
    if (e.kind == Kind::kLimit) continue;
    int c = IsStart(e) ? 1 : prepared.CompareTo(e.version);
    bool applies = e.kind == Kind::kLastAffected ? c > 0 : c >= 0;
    if (applies) {
      if (result.deciding == nullptr || CompareEvents(scheme, e, *result.deciding) >= 0) {
        result.deciding = &e;
      }
    } else if (e.kind != Kind::kIntroduced) {
      if (result.bound == nullptr ||
          version::Compare(scheme, e.version, result.bound->version) < 0) {
        result.bound = &e;
      }
    }
  }
  result.affected = result.deciding != nullptr && result.deciding->kind == Kind::kIntroduced;
  if (!result.affected) result.bound = nullptr;
  return result;
}

void SortFixedVersions(std::vector<std::string>& fixed, version::Scheme scheme) {
  SortFixed(fixed, scheme);
}

std::string_view ListedVersion(std::string_view ecosystem, std::string_view v) {
  if (advisory::EcosystemBase(ecosystem) == "Go" && v.starts_with('v')) v.remove_prefix(1);
  return v;
}

std::optional<AffectedEvaluation> EvaluateAffected(version::Scheme ecosystem_scheme,
                                                   std::span<const AffectedRange> ranges,
                                                   bool listed, std::string_view v) {
  for (std::size_t i = 0; i < ranges.size(); ++i) {
    const auto& range = ranges[i];
    if (range.type == AffectedRange::Type::kGit) continue;
    auto scheme = RangeScheme(ecosystem_scheme, range);
    RangeEvaluation evaluation = EvaluateRange(range, v, scheme);
    if (!evaluation.affected) continue;
    AffectedEvaluation result{AffectedEvaluation::Basis::kRange, i, evaluation, {}};
    CollectFixedAbove(range, version::PreparedVersion(scheme, v), result.fixed_above);
    SortFixed(result.fixed_above, scheme);
    return result;
  }
  if (!listed) return std::nullopt;
  return ListedEvaluation(ecosystem_scheme, ranges, v);
}

AffectedEvaluation ListedEvaluation(version::Scheme ecosystem_scheme,
                                    std::span<const AffectedRange> ranges, std::string_view v) {
  AffectedEvaluation result{AffectedEvaluation::Basis::kVersionsList, 0, {}, {}};
  for (const auto& range : ranges) {
    if (range.type != AffectedRange::Type::kGit) {
      CollectFixedAbove(range, version::PreparedVersion(RangeScheme(ecosystem_scheme, range), v),
                        result.fixed_above);
    }
  }
  SortFixed(result.fixed_above, ecosystem_scheme);
  return result;
}

std::optional<AffectedEvaluation> EvaluateAffected(const advisory::Affected& affected,
                                                   std::string_view v) {
  auto listed = ListedVersion(affected.package.ecosystem, v);
  bool found = std::find(affected.versions.begin(), affected.versions.end(), listed) !=
               affected.versions.end();
  return EvaluateAffected(EcosystemScheme(affected), affected.ranges, found, v);
}

}  // namespace craft::vuln::match
