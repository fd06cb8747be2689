// Components of a CycloneDX 1.6 JSON document (see cyclonedx_parts.h).
#include <algorithm>
#include <array>

#include "sbom/write/cyclonedx_parts.h"
#include "sbom/write/mapping.h"

namespace craft::sbom::write {
namespace {

constexpr std::array<std::string_view, 13> kComponentTypes = {"application",
                                                              "framework",
                                                              "library",
                                                              "container",
                                                              "platform",
                                                              "operating-system",
                                                              "device",
                                                              "device-driver",
                                                              "firmware",
                                                              "file",
                                                              "machine-learning-model",
                                                              "data",
                                                              "cryptographic-asset"};

constexpr std::array<std::string_view, 43> kReferenceTypes = {"vcs",
                                                              "issue-tracker",
                                                              "website",
                                                              "advisories",
                                                              "bom",
                                                              "mailing-list",
                                                              "social",
                                                              "chat",
                                                              "documentation",
                                                              "support",
                                                              "source-distribution",
                                                              "distribution",
                                                              "distribution-intake",
                                                              "license",
                                                              "build-meta",
                                                              "build-system",
                                                              "release-notes",
                                                              "security-contact",
                                                              "model-card",
                                                              "log",
                                                              "configuration",
                                                              "evidence",
                                                              "formulation",
                                                              "attestation",
                                                              "threat-model",
                                                              "adversary-model",
                                                              "risk-assessment",
                                                              "vulnerability-assertion",
                                                              "exploitability-statement",
                                                              "pentest-report",
                                                              "static-analysis-report",
                                                              "dynamic-analysis-report",
                                                              "runtime-analysis-report",
                                                              "component-analysis-report",
                                                              "maturity-report",
                                                              "certification-report",
                                                              "codified-infrastructure",
                                                              "quality-metrics",
                                                              "poam",
                                                              "electronic-signature",
                                                              "digital-signature",
                                                              "rfc-9116",
                                                              "other"};

template <std::size_t N>
bool OneOf(const std::array<std::string_view, N>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// SPDX references that are identifiers (written as purl / cpe / swid), not references.
bool IsIdentifierReference(std::string_view type) {
  auto slash = type.find('/');
  if (slash == std::string_view::npos) return false;
  type = type.substr(slash + 1);
  return type == "purl" || type == "cpe22Type" || type == "cpe23Type" || type == "swid";
}

// "distribution", or the type part of an SPDX "CATEGORY/type"; "other" when CycloneDX lacks it.
std::string ReferenceType(std::string_view type) {
  if (OneOf(kReferenceTypes, type)) return std::string(type);
  auto slash = type.find('/');
  if (slash != std::string_view::npos && OneOf(kReferenceTypes, type.substr(slash + 1)))
    return std::string(type.substr(slash + 1));
  return "other";
}

Json LicenseObject(const std::string& key, const std::string& value, const License& l,
                   const std::string& acknowledgement) {
  Json inner = {{key, value}};
  if (!l.url.empty()) inner["url"] = l.url;
  if (!acknowledgement.empty()) inner["acknowledgement"] = acknowledgement;
  return {{"license", std::move(inner)}};
}

}  // namespace

CycloneDxComponents::CycloneDxComponents(const Document& doc, std::vector<Diagnostic>* warnings)
    : doc_(doc), warnings_(warnings), children_(doc.components.size()) {
  if (!doc.metadata_component && doc.primary_component &&
      *doc.primary_component < doc.components.size())
    lifted_ = doc.primary_component;
  for (std::size_t i = 0; i < doc.components.size(); ++i) {
    const auto parent = doc.components[i].parent;
    if (parent && *parent < i && parent != lifted_) children_[*parent].push_back(i);
  }
}

std::optional<Json> CycloneDxComponents::MetadataComponent() const {
  if (doc_.metadata_component)
    return ComponentJson(*doc_.metadata_component, std::nullopt, "/metadata/component");
  if (lifted_) {
    Json j = ComponentJson(doc_.components[*lifted_], std::nullopt,
                           "/components/" + std::to_string(*lifted_));
    return j;
  }
  return std::nullopt;
}

Json CycloneDxComponents::TopLevel() const {
  Json out = Json::array();
  for (std::size_t i = 0; i < doc_.components.size(); ++i) {
    if (i == lifted_) continue;
    const auto parent = doc_.components[i].parent;
    const bool nested = parent && *parent < i && parent != lifted_;
    if (!nested)
      out.push_back(ComponentJson(doc_.components[i], i, "/components/" + std::to_string(i)));
  }
  return out;
}

Json CycloneDxComponents::ComponentJson(const Component& c, std::optional<std::size_t> index,
                                        const std::string& location) const {
  Json j = Json::object();
  Identity(j, c);
  if (Json h = Hashes(c.hashes, location + "/hashes"); !h.empty()) j["hashes"] = std::move(h);
  if (Json l = Licenses(c.declared_licenses, c.concluded_licenses, location); !l.empty())
    j["licenses"] = std::move(l);
  if (!c.copyright.empty()) j["copyright"] = c.copyright;
  if (!c.cpe.empty()) j["cpe"] = c.cpe;
  if (!c.purl.empty()) j["purl"] = c.purl;
  if (!c.swid_tag_id.empty()) j["swid"] = {{"tagId", c.swid_tag_id}, {"name", c.name}};
  if (Json e = ExternalReferences(c, location); !e.empty()) j["externalReferences"] = std::move(e);
  std::vector<Property> properties = c.properties;
  if (!c.file_name.empty() && !c.FindProperty("bsi:component:filename"))
    properties.push_back({"bsi:component:filename", c.file_name});
  if (Json p = CycloneDxProperties(properties); !p.empty()) j["properties"] = std::move(p);
  if (index && !children_[*index].empty()) {
    Json nested = Json::array();
    for (std::size_t child : children_[*index])
      nested.push_back(
          ComponentJson(doc_.components[child], child, "/components/" + std::to_string(child)));
    j["components"] = std::move(nested);
  }
  return j;
}

void CycloneDxComponents::Identity(Json& j, const Component& c) const {
  j["type"] = OneOf(kComponentTypes, c.type) ? c.type : std::string("library");
  if (!c.ref.empty()) j["bom-ref"] = c.ref;
  if (c.supplier) j["supplier"] = Entity(*c.supplier);
  if (c.manufacturer) j["manufacturer"] = Entity(*c.manufacturer);
  if (!c.group.empty()) j["group"] = c.group;
  j["name"] = c.name;
  if (!c.version.empty()) j["version"] = c.version;
  if (!c.description.empty()) j["description"] = c.description;
  if (c.scope == "required" || c.scope == "optional" || c.scope == "excluded") j["scope"] = c.scope;
}

Json CycloneDxComponents::Hashes(const std::vector<Hash>& hashes,
                                 const std::string& location) const {
  Json out = Json::array();
  for (std::size_t i = 0; i < hashes.size(); ++i) {
    const Hash& h = hashes[i];
    const std::string alg = CycloneDxHashAlgorithm(h.algorithm);
    if (alg.empty() || !IsCycloneDxHashContent(h.value)) {
      Warn(warnings_, location + "/" + std::to_string(i),
           alg.empty() ? "CycloneDX has no hash algorithm " + h.algorithm + "; hash dropped"
                       : "the " + h.algorithm + " value is not a hex digest; hash dropped");
      continue;
    }
    Json j = {{"alg", alg}, {"content", h.value}};
    if (std::find(out.begin(), out.end(), j) == out.end()) out.push_back(std::move(j));
  }
  return out;
}

Json CycloneDxComponents::Licenses(const std::vector<License>& declared,
                                   const std::vector<License>& concluded,
                                   const std::string& location) const {
  std::vector<std::pair<const License*, std::string>> all;
  for (const auto& l : declared) all.emplace_back(&l, l.acknowledgement);
  for (const auto& l : concluded) all.emplace_back(&l, "concluded");
  Json out = Json::array();
  for (const auto& [l, ack] : all) {
    const std::string text = !l->id.empty() ? l->id : !l->name.empty() ? l->name : l->expression;
    if (text.empty()) continue;
    if (auto listed = ListedLicenseId(l->id.empty() ? std::string_view() : l->id)) {
      out.push_back(LicenseObject("id", *listed, *l, ack));
    } else if (all.size() == 1 && (!l->expression.empty() || IsLicenseExpression(l->id))) {
      Json e = {{"expression", text}};
      if (!ack.empty()) e["acknowledgement"] = ack;
      out.push_back(std::move(e));
    } else {
      if (!l->expression.empty())
        Warn(warnings_, location + "/licenses",
             "CycloneDX allows an expression only alone; \"" + text + "\" written as a name");
      out.push_back(LicenseObject("name", text, *l, ack));
    }
  }
  return out;
}

Json CycloneDxComponents::ExternalReferences(const Component& c,
                                             const std::string& location) const {
  Json out = Json::array();
  for (std::size_t i = 0; i < c.external_references.size(); ++i) {
    const auto& r = c.external_references[i];
    if (r.url.empty() || IsIdentifierReference(r.type)) continue;
    Json j = {{"url", r.url}};
    j["type"] = ReferenceType(r.type);
    std::string comment = r.comment;
    if (j["type"] == "other" && r.type != "other" && comment.empty()) comment = r.type;
    if (!comment.empty()) j["comment"] = comment;
    Json h = Hashes(r.hashes, location + "/externalReferences/" + std::to_string(i) + "/hashes");
    if (!h.empty()) j["hashes"] = std::move(h);
    out.push_back(std::move(j));
  }
  return out;
}

Json CycloneDxComponents::Entity(const Party& party) const {
  Json j = Json::object();
  if (!party.name.empty()) j["name"] = party.name;
  if (!party.urls.empty()) j["url"] = party.urls;
  Json contacts = Json::array();
  for (const auto& e : party.emails) contacts.push_back({{"email", e}});
  if (!contacts.empty()) j["contact"] = std::move(contacts);
  return j;
}

Json CycloneDxComponents::Contact(const Party& party) const {
  Json j = Json::object();
  if (!party.name.empty()) j["name"] = party.name;
  if (!party.emails.empty()) j["email"] = party.emails.front();
  if (party.emails.size() > 1 || !party.urls.empty())
    Warn(warnings_, "/metadata/authors",
         "a CycloneDX author has one e-mail address and no URL; the others are dropped");
  return j;
}

}  // namespace craft::sbom::write
