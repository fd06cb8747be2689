#pragma once
// The CycloneDX XSDs and JSON schemas of npm @cyclonedx/cyclonedx-library (res/schema), embedded by
// src/sbom/CMakeLists.txt at build time, so that validation reads nothing from disk or network.

#include <cstddef>
#include <string_view>

namespace craft::sbom {

struct EmbeddedSchema {
  std::string_view name;  // file name, e.g. "bom-1.6.SNAPSHOT.xsd"
  std::string_view text;
};

extern const EmbeddedSchema kEmbeddedSchemas[];
extern const std::size_t kEmbeddedSchemaCount;

}  // namespace craft::sbom
