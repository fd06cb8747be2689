#pragma once
// The CycloneDX XSDs of npm @cyclonedx/cyclonedx-library (res/schema), embedded at build time by
// src/sbom/CMakeLists.txt so that validation reads nothing from disk or network at run time.

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
