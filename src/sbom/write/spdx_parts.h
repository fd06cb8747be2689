#pragma once
// The packages of an SPDX 2.3 JSON document, built from sbom::Document components: their SPDXIDs,
// fields, external references and licence expressions (with the LicenseRef- texts they need).

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sbom/model.h"
#include "sbom/write/mapping.h"

namespace craft::sbom::write {

using OrderedJson = nlohmann::ordered_json;

// One component to write as a package, with its place in the source document for diagnostics.
struct SpdxPackageSource {
  const Component* component = nullptr;
  std::string location;              // "/components/3" or "/metadata/component"
  std::optional<std::size_t> index;  // in Document::components
};

class SpdxPackages {
 public:
  SpdxPackages(const Document& doc, std::vector<Diagnostic>* warnings);

  // The components in the order they are written (the metadata component first when it is not
  // also listed), each with its SPDXID.
  const std::vector<SpdxPackageSource>& Sources() const { return sources_; }
  const std::vector<std::string>& Ids() const { return ids_; }
  // The SPDXID written for a component ref, or nullptr when no package has that ref.
  const std::string* IdOf(const std::string& ref) const { return ids_by_ref_.Find(ref); }
  // The SPDXID of the primary component, or "" when the document has none.
  const std::string& PrimaryId() const { return primary_id_; }

  OrderedJson Packages();
  // hasExtractedLicensingInfos for the LicenseRef- ids made from licence names; call after
  // Packages().
  OrderedJson ExtractedLicenses() const;

 private:
  OrderedJson Package(const SpdxPackageSource& source, const std::string& id);
  OrderedJson Checksums(const std::vector<Hash>& hashes, const std::string& location) const;
  void References(OrderedJson& package, const Component& c) const;
  std::string Expression(const std::vector<License>& licenses);
  std::string LicenseRefFor(const std::string& name);

  const Document& doc_;
  std::vector<Diagnostic>* warnings_;
  std::vector<SpdxPackageSource> sources_;
  std::vector<std::string> ids_;
  SpdxIds ids_by_ref_;
  std::string primary_id_;
  std::map<std::string, std::string> license_refs_;  // licence name -> LicenseRef- id
  std::vector<std::string> license_ref_order_;       // names, in order of first use
};

}  // namespace craft::sbom::write
