#pragma once
// The component summary of an SBOM: how many components, how they hang off the primary component,
// and how well they are identified. Pure: reads only the Document, no I/O, thread-safe.

#include <cstddef>
#include <map>
#include <string>

#include "sbom/model.h"

namespace craft::sbom {

struct ComponentSummary {
  // Document::components.size() (metadata.component is not counted; a primary component listed
  // in `components` is).
  std::size_t total = 0;
  // Direct (top-level) components: what the primary component depends on in the dependency graph.
  // When the primary component has no graph entry (or there is no primary), the graph's roots
  // are taken instead: the listed components that no component depends on, and `roots_inferred`
  // is set. The primary component itself is never counted as direct or transitive.
  std::size_t direct = 0;
  // Components reachable from the direct ones through the graph, and not direct themselves.
  std::size_t transitive = 0;
  // Listed components the graph does not reach: total - direct - transitive (- the primary).
  std::size_t unreachable = 0;
  bool roots_inferred = false;
  std::map<std::string, std::size_t> by_type;  // Component::type as written ("" when absent)
  std::size_t with_purl = 0;
  std::size_t with_license = 0;     // at least one declared or concluded licence
  double purl_coverage_pct = 0;     // 100 * with_purl / total; 0 when total is 0
  double license_coverage_pct = 0;  // 100 * with_license / total; 0 when total is 0
  std::size_t versionless = 0;      // components with an empty version
  // Components that repeat an earlier one: same PURL when both have one, else the same
  // (group, name, version). Each repetition counts once: three equal components count 2.
  std::size_t duplicates = 0;
};

// Dependency refs that name no listed component (SPDX files, dangling refs) are ignored.
ComponentSummary Summarise(const Document& doc);

}  // namespace craft::sbom
