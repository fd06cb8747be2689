#include "vuln/match/matcher.h"

#include <algorithm>
#include <cstdint>
#include <optional>

#include "vuln/advisory/ecosystem.h"
#include "vuln/match/compiled_affected.h"
#include "vuln/match/osv_evaluation.h"

namespace craft::vuln::match {

using advisory::RangeEvent;

std::string_view MatchMethodName(MatchMethod method) {
  switch (method) {
    case MatchMethod::kPurl:
      return "purl";
    case MatchMethod::kCpe:
      return "cpe";
    case MatchMethod::kName:
      return "name";
  }
  return "name";
}

std::string_view ConfidenceName(Confidence confidence) {
  switch (confidence) {
    case Confidence::kLow:
      return "low";
    case Confidence::kMedium:
      return "medium";
    case Confidence::kHigh:
      return "high";
  }
  return "low";
}

namespace {

std::string Reason(const AffectedEvaluation& e, std::string_view version) {
  std::string reason;
  reason.reserve(96);
  reason.append(version);
  if (e.basis == AffectedEvaluation::Basis::kVersionsList) {
    reason.append(" is listed in versions[]");
    return reason;
  }
  const RangeEvent* start = e.range.deciding;
  if (start->version == "0") {
    reason.append(" is at or above introduced 0 (every version)");
  } else {
    reason.append(" is at or above introduced ").append(start->version);
  }
  const RangeEvent* bound = e.range.bound;
  if (bound == nullptr) {
    reason.append(", with no fixed or last_affected version above it");
    return reason;
  }
  reason.append(bound->kind == RangeEvent::Kind::kFixed ? " and below " : " and at or below ");
  reason.append(advisory::RangeEventKindName(bound->kind)).append(" ").append(bound->version);
  return reason;
}

struct Query {
  std::string_view ecosystem;  // the component's, possibly with a release
  std::string_view name;
  std::string_view version;
  MatchMethod method;
  Confidence confidence;
};

struct Found {
  std::vector<Finding> findings;
  std::vector<const IndexedAdvisory*> advisories;  // one finding per advisory (few: a list)
};

Finding MakeFinding(const IndexedAdvisory& a, const IndexedAffected& affected,
                    AffectedEvaluation& evaluation, const Query& q) {
  Finding f;
  f.advisory_id = a.id;
  f.aliases = a.aliases;
  f.method = q.method;
  f.confidence = q.confidence;
  f.ecosystem = affected.ecosystem;
  f.package = affected.name;
  if (evaluation.basis == AffectedEvaluation::Basis::kRange) {
    f.basis = Finding::Basis::kRange;
    f.range = &affected.ranges[evaluation.range_index];
  } else {
    f.basis = Finding::Basis::kVersionsList;
  }
  f.reason = Reason(evaluation, q.version);
  f.fixed_versions = std::move(evaluation.fixed_above);
  return f;
}

// The entry's evaluation for a version its compiled block has screened (in a range, or listed in
// versions[]), as EvaluateAffected gives it; nullopt when the record's ranges do not affect it
// after all.
std::optional<AffectedEvaluation> EvaluationOf(const IndexedAffected& affected,
                                               const compiled::Screen& screen,
                                               std::string_view version) {
  if (!screen.in_range) {
    // Listed, and in no range (as the block said): the ranges need no second evaluation.
    return ListedEvaluation(affected.scheme, affected.ranges, version);
  }
  if (!screen.detailed) {
    // The record's evaluation, from the first range that affects the version (the ranges before
    // it do not, as the block said).
    auto evaluation = EvaluateAffected(
        affected.scheme, std::span(affected.ranges).subspan(screen.range_index), false, version);
    if (evaluation) evaluation->range_index += screen.range_index;
    return evaluation;
  }
  // What the block worked out, with the record's events.
  const auto& events = affected.ranges[screen.range_index].events;
  AffectedEvaluation evaluation;
  evaluation.range_index = screen.range_index;
  evaluation.range.affected = true;
  evaluation.range.deciding = &events[screen.deciding];
  if (screen.bound != compiled::kNone) evaluation.range.bound = &events[screen.bound];
  if (screen.fixed_sorted) {
    for (std::size_t k = 0; k < screen.fixed_count; ++k) {
      evaluation.fixed_above.push_back(events[screen.fixed[k]].version);
    }
    return evaluation;
  }
  for (std::size_t e = 0; e < events.size() && e < 64; ++e) {
    if (screen.fixed_above >> e & 1) evaluation.fixed_above.push_back(events[e].version);
  }
  SortFixedVersions(evaluation.fixed_above, screen.scheme);
  return evaluation;
}

// An entry whose compiled block says it may affect the version (in a range, or possibly listed).
struct Hit {
  const PackageEntry* entry;
  compiled::Screen screen;
};

// The entries of the package whose blocks say they may affect the version, in index order. The
// records of those entries are fetched into the cache meanwhile: with hundreds of thousands of
// advisories indexed, waiting for each record in turn was most of the time spent on findings.
void ScreenEntries(const AdvisoryIndex& index, const AdvisoryIndex::PackageScan& scan,
                   std::string_view ecosystem, const Query& q, const Found& found,
                   compiled::VersionQuery& version_query, std::vector<Hit>& hits) {
  // Whether each ecosystem of the index applies to the component (-1: not asked yet), so that
  // entries of other releases are passed over without reading their advisories.
  thread_local std::vector<signed char> applies;
  applies.assign(index.EcosystemCount(), -1);
  // The entries of one advisory for one package are adjacent in the index: after an entry that
  // is certainly a finding (in a range the block gave details of), the rest of its advisory's
  // entries are passed over.
  const IndexedAdvisory* certain = nullptr;
  for (std::size_t i = 0; i < scan.entries.size(); ++i) {
    const PackageEntry& entry = scan.entries[i];
    if (entry.advisory == certain) continue;
    auto& ecosystem_applies = applies[entry.ecosystem_id];
    if (ecosystem_applies < 0) {
      ecosystem_applies = EcosystemApplies(index.EcosystemName(entry.ecosystem_id), ecosystem);
    }
    if (ecosystem_applies == 0) continue;
    if (q.ecosystem.empty() && std::find(found.advisories.begin(), found.advisories.end(),
                                         entry.advisory) != found.advisories.end()) {
      continue;
    }
    const compiled::Screen screen =
        compiled::Evaluate(scan.code.substr(scan.offsets[i]), version_query);
    if (!screen.in_range && !screen.maybe_listed) continue;
    __builtin_prefetch(entry.affected);
    __builtin_prefetch(entry.advisory);
    hits.push_back({&entry, screen});
    certain = screen.in_range && screen.detailed ? entry.advisory : nullptr;
  }
  for (const Hit& hit : hits) {  // what building the findings reads next
    __builtin_prefetch(hit.entry->affected->ranges.data());
    __builtin_prefetch(hit.entry->advisory->id.data());
    __builtin_prefetch(hit.entry->advisory->aliases.data());
  }
}

// Adds the findings of one ecosystem base for the query, one per advisory.
void MatchInBase(const AdvisoryIndex& index, std::string_view base, const Query& q, Found& found) {
  std::string_view ecosystem = q.ecosystem.empty() ? base : q.ecosystem;
  const AdvisoryIndex::PackageScan scan =
      index.ScanPackage(base, advisory::NormalizePackageName(ecosystem, q.name));
  if (scan.entries.empty()) return;
  // Every entry of the package has this base, so the string to look for in versions[] and its
  // filter bit are the same for all.
  const std::string_view listed = ListedVersion(base, q.version);
  compiled::VersionQuery version_query(q.version, compiled::VersionHash(listed));
  thread_local std::vector<Hit> hits;
  hits.clear();
  // Ranges first; the versions[] list only when no range covers the version. The compiled blocks
  // decide without reading the advisories; the record is read for a finding only.
  ScreenEntries(index, scan, ecosystem, q, found, version_query, hits);
  // The advisory of the last finding is the only one to skip for adjacency (see Screen); an
  // advisory found under another ecosystem base (when the component's ecosystem is unknown) is
  // skipped through the list.
  const IndexedAdvisory* last = nullptr;
  for (const Hit& hit : hits) {
    const PackageEntry& entry = *hit.entry;
    if (entry.advisory == last) continue;
    if (q.ecosystem.empty() && std::find(found.advisories.begin(), found.advisories.end(),
                                         entry.advisory) != found.advisories.end()) {
      continue;
    }
    const IndexedAffected& affected = *entry.affected;
    if (!hit.screen.in_range && !affected.versions.Contains(listed)) continue;
    std::optional<AffectedEvaluation> evaluation = EvaluationOf(affected, hit.screen, q.version);
    if (!evaluation) continue;
    last = entry.advisory;
    found.advisories.push_back(entry.advisory);
    found.findings.push_back(MakeFinding(*entry.advisory, affected, *evaluation, q));
  }
}

std::vector<Finding> Run(const AdvisoryIndex& index, const Query& q) {
  Found found;
  if (q.version.empty() || q.name.empty()) return {};
  if (q.ecosystem.empty()) {
    for (const auto& base : index.EcosystemBases()) MatchInBase(index, base, q, found);
  } else {
    MatchInBase(index, advisory::EcosystemBase(q.ecosystem), q, found);
  }
  if (found.findings.size() < 2) return std::move(found.findings);
  // Ordered by advisory id; findings are large, so an order of indices is sorted and each finding
  // moved once.
  std::vector<std::uint32_t> order(found.findings.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return found.findings[a].advisory_id < found.findings[b].advisory_id;
  });
  std::vector<Finding> out;
  out.reserve(order.size());
  for (auto i : order) out.push_back(std::move(found.findings[i]));
  return out;
}

Confidence ReleaseConfidence(std::string_view ecosystem, Confidence otherwise) {
  bool release_unknown =
      IsDistributionEcosystem(ecosystem) && advisory::EcosystemSuffix(ecosystem).empty();
  return release_unknown ? Confidence::kLow : otherwise;
}

}  // namespace

std::vector<Finding> MatchPackage(const AdvisoryIndex& index, const PackageComponent& component) {
  Confidence confidence = component.ecosystem.empty()
                              ? Confidence::kLow
                              : ReleaseConfidence(component.ecosystem, Confidence::kMedium);
  return Run(index, {component.ecosystem, component.name, component.version, MatchMethod::kName,
                     confidence});
}

std::span<const std::string_view> NameOnlyEcosystems() {
  static constexpr std::string_view kRegistries[] = {
      "npm",       "PyPI",  "Maven", "Go",          "crates.io",     "RubyGems",     "NuGet",
      "Packagist", "Hex",   "Pub",   "SwiftURL",    "CRAN",          "Bioconductor", "Hackage",
      "GHC",       "Julia", "opam",  "ConanCenter", "GitHub Actions"};
  return kRegistries;
}

std::string RegistryName(std::string_view base, std::string_view group, std::string_view name) {
  if (group.empty()) return std::string(name);
  if (base == "Maven") return std::string(group) + ":" + std::string(name);
  if (base == "npm") {
    return (group.starts_with('@') ? "" : "@") + std::string(group) + "/" + std::string(name);
  }
  if (base == "Packagist" || base == "Go" || base == "SwiftURL" || base == "GitHub Actions") {
    return std::string(group) + "/" + std::string(name);
  }
  return std::string(name);
}

std::vector<std::pair<std::string, std::string>> NameOnlyKeys(std::string_view name,
                                                              std::string_view group) {
  std::vector<std::pair<std::string, std::string>> keys;
  for (std::string_view base : NameOnlyEcosystems()) {
    keys.emplace_back(base, advisory::NormalizePackageName(base, RegistryName(base, group, name)));
  }
  return keys;
}

std::vector<Finding> MatchName(const AdvisoryIndex& index, std::string_view name,
                               std::string_view version, std::string_view group) {
  if (name.empty() || version.empty()) return {};
  std::string_view only;  // the one ecosystem with advisories for the name
  std::string only_name;
  for (std::string_view base : NameOnlyEcosystems()) {
    std::string full = RegistryName(base, group, name);
    if (index.LookupPackage(base, advisory::NormalizePackageName(base, full)).empty()) continue;
    if (!only.empty()) return {};  // ambiguous: see the header
    only = base;
    only_name = std::move(full);
  }
  if (only.empty()) return {};
  const auto scheme = version::SchemeForEcosystem(only).value_or(version::Scheme::kGeneric);
  if (!version::IsValid(scheme, version)) return {};
  return Run(index, {only, only_name, version, MatchMethod::kName, Confidence::kLow});
}

std::vector<Finding> MatchPurl(const AdvisoryIndex& index, const PurlParts& purl) {
  auto ref = OsvPackageForPurl(purl);
  if (!ref) return {};
  Confidence confidence =
      ref->release_known ? ReleaseConfidence(ref->ecosystem, Confidence::kHigh) : Confidence::kLow;
  return Run(index, {ref->ecosystem, ref->name, ref->version, MatchMethod::kPurl, confidence});
}

}  // namespace craft::vuln::match
