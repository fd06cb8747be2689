#pragma once
// The parts of a CycloneDX 1.6 JSON document the writer builds from sbom::Document: components
// (with their hashes, licences, parties, references and properties) and vulnerabilities.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sbom/model.h"

namespace craft::sbom::write {

// Ordered, so that the output keeps the order of the CycloneDX specification's examples.
using Json = nlohmann::ordered_json;

class CycloneDxComponents {
 public:
  CycloneDxComponents(const Document& doc, std::vector<Diagnostic>* warnings);

  // metadata.component: the document's metadata component, else its primary listed component
  // (which then leaves the components list). nullopt when there is neither.
  std::optional<Json> MetadataComponent() const;
  // The components array: top-level components, nested ones under their parent.
  Json TopLevel() const;

  Json Entity(const Party& party) const;   // organizationalEntity
  Json Contact(const Party& party) const;  // organizationalContact
  // A licence choice: declared then concluded (acknowledgement "concluded"). Empty when none.
  Json Licenses(const std::vector<License>& declared, const std::vector<License>& concluded,
                const std::string& location) const;

 private:
  Json ComponentJson(const Component& c, std::optional<std::size_t> index,
                     const std::string& location) const;
  void Identity(Json& j, const Component& c) const;
  Json Hashes(const std::vector<Hash>& hashes, const std::string& location) const;
  Json ExternalReferences(const Component& c, const std::string& location) const;

  const Document& doc_;
  std::vector<Diagnostic>* warnings_;
  std::optional<std::size_t> lifted_;               // primary listed component lifted to metadata
  std::vector<std::vector<std::size_t>> children_;  // per component, its nested components
};

Json CycloneDxProperties(const std::vector<Property>& properties);
Json CycloneDxVulnerabilities(const std::vector<Vulnerability>& vulnerabilities);

}  // namespace craft::sbom::write
