#include "sbom/validate/cyclonedx_json_schema.h"

#include <array>
#include <memory>
#include <mutex>
#include <string>

#include "sbom/validate/embedded_schemas.h"
#include "sbom/validate/json_schema.h"

namespace craft::sbom {
namespace {

constexpr std::array<std::string_view, 6> kVersions = {"1.2", "1.3", "1.4", "1.5", "1.6", "1.7"};

// The compiled schema of kVersions[i], built on first use; null if it did not compile (which the
// unit tests rule out for every embedded schema).
struct Compiled {
  std::once_flag once;
  std::unique_ptr<json_schema::Schema> schema;
  std::string error;
};

const Compiled* SchemaFor(std::string_view spec_version) {
  static std::array<Compiled, kVersions.size()> compiled;
  for (std::size_t v = 0; v < kVersions.size(); ++v) {
    if (kVersions[v] != spec_version) continue;
    Compiled& c = compiled[v];
    std::call_once(c.once, [&] {
      const std::string root = "bom-" + std::string(spec_version) + ".SNAPSHOT.schema.json";
      std::vector<json_schema::SchemaDocument> documents;
      std::size_t root_index = kEmbeddedSchemaCount;  // none, until found
      for (std::size_t i = 0; i < kEmbeddedSchemaCount; ++i) {
        const EmbeddedSchema& e = kEmbeddedSchemas[i];
        if (!e.name.ends_with(".schema.json")) continue;
        if (e.name == root) root_index = documents.size();
        documents.push_back({e.name, e.text});
      }
      c.schema = json_schema::Schema::Compile(documents, root_index, c.error);
    });
    return &c;
  }
  return nullptr;
}

}  // namespace

namespace {

// The schema of `spec_version`, or the one error that says why there is none.
const json_schema::Schema* SchemaOrError(std::string_view spec_version,
                                         std::vector<Diagnostic>& error) {
  const Compiled* compiled = SchemaFor(spec_version);
  if (compiled == nullptr) {
    error = {{Diagnostic::Severity::kError, "/specVersion",
              "no CycloneDX JSON schema for spec version \"" + std::string(spec_version) + "\""}};
  } else if (compiled->schema == nullptr) {
    error = {{Diagnostic::Severity::kError, "/specVersion",
              "the CycloneDX " + std::string(spec_version) +
                  " JSON schema could not be compiled: " + compiled->error}};
  }
  return error.empty() ? compiled->schema.get() : nullptr;
}

}  // namespace

std::vector<Diagnostic> ValidateCycloneDxJson(std::string_view bytes,
                                              std::string_view spec_version) {
  std::vector<Diagnostic> error;
  const json_schema::Schema* schema = SchemaOrError(spec_version, error);
  return schema != nullptr ? schema->Validate(bytes) : error;
}

std::vector<Diagnostic> ValidateCycloneDxJson(const simdjson::dom::element& root,
                                              std::string_view spec_version) {
  std::vector<Diagnostic> error;
  const json_schema::Schema* schema = SchemaOrError(spec_version, error);
  return schema != nullptr ? schema->Validate(root) : error;
}

}  // namespace craft::sbom
