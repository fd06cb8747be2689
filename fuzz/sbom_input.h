#pragma once
// What every SBOM fuzz target does with one input: read it as sbom::Parse does for an upload, and
// when a document comes out, run the code that consumes documents (summary, quality score, and for
// CycloneDX XML the XSD validation), so that downstream code sees fuzzed documents too.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sbom/model.h"
#include "sbom/parse.h"
#include "sbom/quality/score.h"
#include "sbom/summary.h"
#include "sbom/validate/cyclonedx_xml_schema.h"

namespace craft::fuzz {

// Small limits keep each execution fast; the readers must refuse what exceeds them, never crash.
inline sbom::Limits FuzzLimits() {
  sbom::Limits limits;
  limits.max_bytes = std::size_t{1} << 20;
  limits.max_depth = 64;
  limits.max_components = 10000;
  return limits;
}

inline void ReadSbom(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const sbom::Parsed<sbom::Document> parsed = sbom::Parse(bytes, FuzzLimits());
  if (!parsed.value) return;
  const sbom::Document& doc = *parsed.value;
  (void)sbom::Summarise(doc);
  (void)sbom::quality::ScoreSbom(doc);
  if (doc.format == sbom::Format::kCycloneDxXml) {
    (void)sbom::ValidateCycloneDxXml(bytes, doc.spec_version);
  }
}

}  // namespace craft::fuzz
