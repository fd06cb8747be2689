#include "sbom/summary.h"

#include <optional>
#include <set>
#include <span>
#include <string_view>
#include <tuple>
#include <vector>

#include "sbom/ref_table.h"

namespace craft::sbom {
namespace {

using Index = RefTable<std::size_t>;

// ref -> index into doc.components (first occurrence wins).
Index RefIndex(const Document& doc) {
  Index index(doc.components.size());
  for (std::size_t i = 0; i < doc.components.size(); ++i) {
    if (!doc.components[i].ref.empty()) index.TryEmplace(doc.components[i].ref, i);
  }
  return index;
}

// Adjacency in component indices, edges to unknown refs dropped: the targets of component i are
// targets[offsets[i]] to targets[offsets[i + 1]], in the order the document lists them. Two flat
// arrays, not a vector per component (100,000 allocations on a 100,000-component SBOM).
struct Edges {
  std::vector<std::size_t> offsets, targets;

  Edges(const Document& doc, const Index& index) : offsets(doc.components.size() + 1, 0) {
    std::vector<std::pair<std::size_t, std::size_t>> pairs;  // (from, to), in document order
    for (const auto& d : doc.dependencies) {
      const std::size_t* from = index.Find(d.ref);
      if (from == nullptr) continue;
      for (const auto& to : d.depends_on) {
        if (const std::size_t* t = index.Find(to)) pairs.emplace_back(*from, *t);
      }
    }
    for (const auto& [from, to] : pairs) ++offsets[from + 1];
    for (std::size_t i = 1; i < offsets.size(); ++i) offsets[i] += offsets[i - 1];
    targets.resize(pairs.size());
    std::vector<std::size_t> next(offsets.begin(), offsets.end() - 1);
    for (const auto& [from, to] : pairs) targets[next[from]++] = to;
  }

  std::span<const std::size_t> From(std::size_t i) const {
    return {targets.data() + offsets[i], targets.data() + offsets[i + 1]};
  }
};

const Dependency* PrimaryEntry(const Document& doc) {
  const Component* primary = doc.Primary();
  if (primary == nullptr || primary->ref.empty()) return nullptr;
  for (const auto& d : doc.dependencies) {
    if (d.ref == primary->ref) return &d;
  }
  return nullptr;
}

void CountGraph(const Document& doc, ComponentSummary& s) {
  Index index = RefIndex(doc);
  const Edges edges(doc, index);
  std::size_t n = doc.components.size();
  std::optional<std::size_t> primary = doc.primary_component;
  if (!primary && doc.metadata_component) {
    if (const std::size_t* it = index.Find(doc.metadata_component->ref)) primary = *it;
  }
  std::vector<char> direct(n, 0);
  if (const Dependency* entry = PrimaryEntry(doc)) {
    for (const auto& to : entry->depends_on) {
      const std::size_t* t = index.Find(to);
      if (t != nullptr && *t != primary) direct[*t] = 1;
    }
  } else {
    s.roots_inferred = true;
    std::vector<char> depended(n, 0);
    for (std::size_t t : edges.targets) depended[t] = 1;
    for (std::size_t i = 0; i < n; ++i) direct[i] = !depended[i] && i != primary;
  }
  std::vector<char> seen(direct);
  std::vector<std::size_t> stack;
  for (std::size_t i = 0; i < n; ++i) {
    if (direct[i]) stack.push_back(i);
  }
  while (!stack.empty()) {
    std::size_t i = stack.back();
    stack.pop_back();
    for (std::size_t t : edges.From(i)) {
      if (seen[t] || t == primary) continue;
      seen[t] = 1;
      stack.push_back(t);
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (direct[i])
      ++s.direct;
    else if (seen[i])
      ++s.transitive;
  }
  s.unreachable = n - s.direct - s.transitive - (primary ? 1 : 0);
}

std::size_t CountDuplicates(const Document& doc) {
  // Views into the document: no copy of a PURL or name.
  RefSet purls(doc.components.size());
  std::set<std::tuple<std::string_view, std::string_view, std::string_view>> named;
  std::size_t duplicates = 0;
  for (const auto& c : doc.components) {
    bool repeated = !c.purl.empty() ? !purls.Insert(c.purl)
                                    : !named.insert({c.group, c.name, c.version}).second;
    if (repeated) ++duplicates;
  }
  return duplicates;
}

}  // namespace

ComponentSummary Summarise(const Document& doc) {
  ComponentSummary s;
  s.total = doc.components.size();
  for (const auto& c : doc.components) {
    ++s.by_type[c.type];
    if (!c.purl.empty()) ++s.with_purl;
    if (!c.declared_licenses.empty() || !c.concluded_licenses.empty()) ++s.with_license;
    if (c.version.empty()) ++s.versionless;
  }
  if (s.total > 0) {
    s.purl_coverage_pct = 100.0 * static_cast<double>(s.with_purl) / static_cast<double>(s.total);
    s.license_coverage_pct =
        100.0 * static_cast<double>(s.with_license) / static_cast<double>(s.total);
  }
  s.duplicates = CountDuplicates(doc);
  CountGraph(doc, s);
  return s;
}

}  // namespace craft::sbom
