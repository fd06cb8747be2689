// Packages of an SPDX 2.3 JSON document (see spdx_parts.h).
#include <algorithm>
#include <array>

#include "sbom/license/expression.h"
#include "sbom/write/spdx_parts.h"

namespace craft::sbom::write {
namespace {

constexpr std::array<std::string_view, 12> kPurposes = {
    "OTHER",   "INSTALL",   "ARCHIVE", "FIRMWARE", "APPLICATION",      "FRAMEWORK",
    "LIBRARY", "CONTAINER", "SOURCE",  "DEVICE",   "OPERATING_SYSTEM", "FILE"};

constexpr std::array<std::string_view, 4> kCategories = {"OTHER", "PERSISTENT-ID", "SECURITY",
                                                         "PACKAGE-MANAGER"};

std::string Purpose(std::string_view type) {
  std::string p;
  for (char c : type) {
    p += c == '-' ? '_' : (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  if (std::find(kPurposes.begin(), kPurposes.end(), p) != kPurposes.end()) return p;
  return p.empty() ? "" : "OTHER";
}

std::string Actor(const Party& party) {
  std::string text = "Organization: " + party.name;
  if (!party.emails.empty()) text += " (" + party.emails.front() + ")";
  return text;
}

bool HasSpace(std::string_view s) { return s.find_first_of(" \t\r\n") != std::string_view::npos; }

OrderedJson Ref(std::string_view category, std::string_view type, const std::string& locator) {
  return {{"referenceCategory", category}, {"referenceType", type}, {"referenceLocator", locator}};
}

}  // namespace

SpdxPackages::SpdxPackages(const Document& doc, std::vector<Diagnostic>* warnings)
    : doc_(doc), warnings_(warnings) {
  const bool listed_primary =
      doc.primary_component && *doc.primary_component < doc.components.size();
  if (doc.metadata_component && !listed_primary)
    sources_.push_back({&*doc.metadata_component, "/metadata/component", std::nullopt});
  for (std::size_t i = 0; i < doc.components.size(); ++i)
    sources_.push_back({&doc.components[i], "/components/" + std::to_string(i), i});
  for (const auto& s : sources_) {
    const Component& c = *s.component;
    const std::string fallback = c.version.empty() ? c.name : c.name + "-" + c.version;
    ids_.push_back(ids_by_ref_.Allocate(c.ref, fallback));
  }
  if (listed_primary) {
    const std::size_t offset = sources_.size() - doc.components.size();
    primary_id_ = ids_[offset + *doc.primary_component];
  } else if (doc.metadata_component) {
    primary_id_ = ids_.front();
  }
}

OrderedJson SpdxPackages::Packages() {
  OrderedJson out = OrderedJson::array();
  for (std::size_t i = 0; i < sources_.size(); ++i) out.push_back(Package(sources_[i], ids_[i]));
  return out;
}

OrderedJson SpdxPackages::Package(const SpdxPackageSource& source, const std::string& id) {
  const Component& c = *source.component;
  OrderedJson p = {{"name", c.name}, {"SPDXID", id}};
  if (!c.version.empty()) p["versionInfo"] = c.version;
  if (!c.file_name.empty()) p["packageFileName"] = c.file_name;
  if (c.supplier && !c.supplier->name.empty()) p["supplier"] = Actor(*c.supplier);
  if (c.manufacturer && !c.manufacturer->name.empty()) p["originator"] = Actor(*c.manufacturer);
  p["downloadLocation"] = "NOASSERTION";
  for (const auto& r : c.external_references) {
    if (r.type == "distribution" && !r.url.empty() && !HasSpace(r.url)) {
      p["downloadLocation"] = r.url;
      break;
    }
  }
  p["filesAnalyzed"] = false;
  if (OrderedJson h = Checksums(c.hashes, source.location + "/hashes"); !h.empty())
    p["checksums"] = std::move(h);
  p["licenseConcluded"] = Expression(c.concluded_licenses);
  p["licenseDeclared"] = Expression(c.declared_licenses);
  if (!c.copyright.empty()) p["copyrightText"] = c.copyright;
  if (!c.description.empty()) p["description"] = c.description;
  References(p, c);
  if (std::string purpose = Purpose(c.type); !purpose.empty()) p["primaryPackagePurpose"] = purpose;
  return p;
}

OrderedJson SpdxPackages::Checksums(const std::vector<Hash>& hashes,
                                    const std::string& location) const {
  OrderedJson out = OrderedJson::array();
  for (std::size_t i = 0; i < hashes.size(); ++i) {
    const std::string alg = SpdxHashAlgorithm(hashes[i].algorithm);
    if (alg.empty() || hashes[i].value.empty()) {
      Warn(warnings_, location + "/" + std::to_string(i),
           "SPDX 2.3 has no checksum algorithm " + hashes[i].algorithm + "; hash dropped");
      continue;
    }
    OrderedJson j = {{"algorithm", alg}, {"checksumValue", hashes[i].value}};
    if (std::find(out.begin(), out.end(), j) == out.end()) out.push_back(std::move(j));
  }
  return out;
}

// purl, cpe and swid first, then the other references SPDX can hold (SPDX "CATEGORY/type"
// references as they were; CycloneDX references as OTHER with their type; "distribution" is
// the downloadLocation).
void SpdxPackages::References(OrderedJson& package, const Component& c) const {
  OrderedJson refs = OrderedJson::array();
  auto add = [&](OrderedJson r) {
    if (std::find(refs.begin(), refs.end(), r) == refs.end()) refs.push_back(std::move(r));
  };
  if (!c.purl.empty() && !HasSpace(c.purl)) add(Ref("PACKAGE-MANAGER", "purl", c.purl));
  if (!c.cpe.empty() && !HasSpace(c.cpe))
    add(Ref("SECURITY", c.cpe.starts_with("cpe:2.3:") ? "cpe23Type" : "cpe22Type", c.cpe));
  if (!c.swid_tag_id.empty() && !HasSpace(c.swid_tag_id))
    add(Ref("PERSISTENT-ID", "swid", c.swid_tag_id));
  for (const auto& r : c.external_references) {
    if (r.url.empty() || HasSpace(r.url) || r.type == "distribution") continue;
    const auto slash = r.type.find('/');
    const std::string category = slash == std::string::npos ? "" : r.type.substr(0, slash);
    OrderedJson j;
    if (std::find(kCategories.begin(), kCategories.end(), category) != kCategories.end()) {
      j = Ref(category, r.type.substr(slash + 1), r.url);
    } else {
      j = Ref("OTHER", r.type.empty() ? "other" : SpdxIdCharacters(r.type), r.url);
    }
    if (!r.comment.empty()) j["comment"] = r.comment;
    add(std::move(j));
  }
  if (!refs.empty()) package["externalRefs"] = std::move(refs);
}

// The licences joined with AND (compound parts in parentheses); NOASSERTION when none. Ids and
// expressions are kept when they parse as expressions; a free-text name becomes a LicenseRef-.
std::string SpdxPackages::Expression(const std::vector<License>& licenses) {
  std::vector<std::string> parts;
  for (const auto& l : licenses) {
    std::string part;
    if (!l.id.empty()) {
      part = IsLicenseExpression(l.id) ? l.id : LicenseRefFor(l.id);
    } else if (!l.expression.empty()) {
      part = IsLicenseExpression(l.expression) ? l.expression : LicenseRefFor(l.expression);
    } else if (!l.name.empty()) {
      part = ParseLicenseExpression(l.name).Valid() ? l.name : LicenseRefFor(l.name);
    }
    if (!part.empty() && std::find(parts.begin(), parts.end(), part) == parts.end())
      parts.push_back(part);
  }
  if (parts.empty()) return "NOASSERTION";
  if (parts.size() == 1) return parts.front();
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += " AND ";
    out += HasSpace(p) ? "(" + p + ")" : p;
  }
  return out;
}

std::string SpdxPackages::LicenseRefFor(const std::string& name) {
  auto it = license_refs_.find(name);
  if (it != license_refs_.end()) return it->second;
  const std::string base = "LicenseRef-" + SpdxIdCharacters(name);
  std::string id = base;
  auto taken = [&](const std::string& candidate) {
    return std::any_of(license_refs_.begin(), license_refs_.end(),
                       [&](const auto& e) { return e.second == candidate; });
  };
  for (int n = 2; taken(id); ++n) id = base + "-" + std::to_string(n);
  license_refs_.emplace(name, id);
  license_ref_order_.push_back(name);
  return id;
}

OrderedJson SpdxPackages::ExtractedLicenses() const {
  OrderedJson out = OrderedJson::array();
  for (const auto& name : license_ref_order_) {
    out.push_back({{"licenseId", license_refs_.at(name)}, {"extractedText", name}, {"name", name}});
  }
  return out;
}

}  // namespace craft::sbom::write
