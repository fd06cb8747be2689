#pragma once
// Merging SBOMs into one product SBOM: the manufacturer's own SBOM first, then its suppliers'.

#include <string>
#include <vector>

#include "sbom/model.h"

namespace craft::sbom {

struct MergeOptions {
  // The primary component's name and version; empty to keep those of the first SBOM's primary
  // component. When either differs from it, its purl, cpe, swid tag id and hashes (which named
  // the former name or version) are not kept.
  std::string name;
  std::string version;
};

// The property naming, once per SBOM, where a merged component came from: the serial number or
// document namespace of that SBOM ("#2" for the second input when it has none).
inline constexpr std::string_view kSourceProperty = "craft:sbom:source";

// Merges `documents` (at least one; none gives an empty document) into one CycloneDX-shaped
// document:
// - the primary component is the first document's (metadata.component, or its described package),
//   renamed by `options`; one is made from `options` when the first document has none;
// - components are deduplicated by normalised purl (sbom/purl.h), else, for components without a
//   purl, by (group, name, version); the first occurrence survives and is completed with the
//   hashes, properties and the empty fields of the later ones;
// - every component carries one kSourceProperty per input it came from;
// - a ref already used by another input's component is renamed (ref + "-sbom<N>", N the input's
//   position from 1, then "-2", "-3" ... until unique); dependency edges, compositions,
//   vulnerability affects and relationships follow the renaming and the deduplication, and edges
//   are kept once;
// - the primary component of every other input becomes a component and a direct dependency of
//   the merged primary component, unless it is the merged primary component itself (same purl,
//   or without purls the same group, name and version): then it and every component equal to
//   the merged primary are the merged primary (which names that input as a source too);
// - authors, tools and lifecycle phases are the union; supplier, manufacturer, licences and
//   properties are the first document's; the timestamp is the latest (as UTC); the serial number is
//   left empty (the writers derive one from the content).
// Pure and deterministic.
Document Merge(const std::vector<Document>& documents, const MergeOptions& options = {});

}  // namespace craft::sbom
