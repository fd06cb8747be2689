#include "sbom/summary.h"

#include <optional>
#include <set>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace craft::sbom {
namespace {

using Index = std::unordered_map<std::string_view, std::size_t>;

// ref -> index into doc.components (first occurrence wins).
Index RefIndex(const Document& doc) {
  Index index;
  index.reserve(doc.components.size());
  for (std::size_t i = 0; i < doc.components.size(); ++i) {
    if (!doc.components[i].ref.empty()) index.emplace(doc.components[i].ref, i);
  }
  return index;
}

// Adjacency in component indices; edges to unknown refs dropped.
std::vector<std::vector<std::size_t>> Edges(const Document& doc, const Index& index) {
  std::vector<std::vector<std::size_t>> edges(doc.components.size());
  for (const auto& d : doc.dependencies) {
    auto from = index.find(d.ref);
    if (from == index.end()) continue;
    for (const auto& to : d.depends_on) {
      auto t = index.find(to);
      if (t != index.end()) edges[from->second].push_back(t->second);
    }
  }
  return edges;
}

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
  auto edges = Edges(doc, index);
  std::size_t n = doc.components.size();
  std::optional<std::size_t> primary = doc.primary_component;
  if (!primary && doc.metadata_component) {
    auto it = index.find(doc.metadata_component->ref);
    if (it != index.end()) primary = it->second;
  }
  std::vector<char> direct(n, 0);
  if (const Dependency* entry = PrimaryEntry(doc)) {
    for (const auto& to : entry->depends_on) {
      auto t = index.find(to);
      if (t != index.end() && t->second != primary) direct[t->second] = 1;
    }
  } else {
    s.roots_inferred = true;
    std::vector<char> depended(n, 0);
    for (const auto& out : edges) {
      for (std::size_t t : out) depended[t] = 1;
    }
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
    for (std::size_t t : edges[i]) {
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
  std::unordered_set<std::string_view> purls;
  purls.reserve(doc.components.size());
  std::set<std::tuple<std::string_view, std::string_view, std::string_view>> named;
  std::size_t duplicates = 0;
  for (const auto& c : doc.components) {
    bool repeated = !c.purl.empty() ? !purls.insert(c.purl).second
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
