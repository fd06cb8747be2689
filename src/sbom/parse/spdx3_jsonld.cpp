// SPDX 3.0.x JSON-LD (the @graph serialisation) into sbom::Document. Elements refer to each other
// by id in any order, so the graph is read into plain records first and resolved afterwards.
//
#include <unordered_map>

#include "sbom/parse/json_reader.h"

namespace craft::sbom::parse::json {
namespace {

// The fields craft reads of any element of the graph (most are empty for a given type).
struct Element {
  std::string type, id, name, version, purl, download, purpose, supplier, originator;
  std::string copyright, description, expression, license_id;
  std::string from, relationship, completeness;  // Relationship
  std::vector<std::string> to, roots, created_by, created_using;
  std::string created, spec_version, creation_info, data_license;
  std::vector<Hash> hashes;
  std::vector<std::pair<std::string, std::string>> identifiers;  // (type, identifier)
  std::vector<ExternalReference> references;
};

bool IsPackageType(std::string_view t) {
  return t == "software_Package" || t == "ai_AIPackage" || t == "dataset_DatasetPackage" ||
         t == "Package";
}

template <class Json>
class Spdx3JsonLd {
 public:
  using Value = typename Json::Value;

  Spdx3JsonLd(JsonReader<Json>& r, Document& doc) : r_(r), doc_(doc) {}

  void Read(typename Json::Root& json) {
    doc_.format = Format::kSpdx3JsonLd;
    bool graph = false;
    r_.ForRootFields(json, [&](std::string_view key, Value v) {
      if (key != "@graph") return;
      graph = true;
      r_.ForEach(v, [this](Value e) { elements_.push_back(ReadElement(e)); });
    });
    if (!graph) r_.Error("an SPDX 3 JSON-LD document needs a @graph array");
    Build();
  }

 private:
  Element ReadElement(Value v) {
    Element e;
    r_.ForFields(v, [&](std::string_view k, Value x) { Field(e, k, x); });
    return e;
  }

  void Field(Element& e, std::string_view k, Value x) {
    if (k == "type" || k == "@type")
      e.type = r_.String(x);
    else if (k == "spdxId" || k == "@id")
      e.id = r_.String(x);
    else if (k == "name")
      e.name = r_.String(x);
    else if (k == "software_packageVersion")
      e.version = r_.String(x);
    else if (k == "software_packageUrl")
      e.purl = r_.String(x);
    else if (k == "software_downloadLocation")
      e.download = r_.String(x);
    else if (k == "software_primaryPurpose")
      e.purpose = r_.String(x);
    else if (k == "suppliedBy")
      e.supplier = r_.String(x);
    else if (k == "originatedBy")
      e.originator = FirstString(x);
    else if (k == "software_copyrightText")
      e.copyright = r_.String(x);
    else if (k == "description")
      e.description = r_.String(x);
    else if (k == "simplelicensing_licenseExpression" || k == "licenseExpression")
      e.expression = r_.String(x);
    else if (k == "licenseId" || k == "expandedlicensing_licenseId")
      e.license_id = r_.String(x);
    else if (k == "from")
      e.from = r_.String(x);
    else if (k == "relationshipType")
      e.relationship = r_.String(x);
    else if (k == "completeness")
      e.completeness = r_.String(x);
    else if (k == "to")
      e.to = StringOrStrings(x);
    else if (k == "rootElement")
      e.roots = StringOrStrings(x);
    else if (k == "createdBy")
      e.created_by = StringOrStrings(x);
    else if (k == "createdUsing")
      e.created_using = StringOrStrings(x);
    else if (k == "created")
      e.created = r_.String(x);
    else if (k == "specVersion")
      e.spec_version = r_.String(x);
    else if (k == "dataLicense")
      e.data_license = r_.String(x);
    else if (k == "creationInfo")
      CreationInfo(e, x);
    else if (k == "verifiedUsing")
      ReadHashes(e, x);
    else if (k == "externalIdentifier" || k == "externalIdentifiers")
      ReadIdentifiers(e, x);
    else if (k == "externalRef")
      ReadReferences(e, x);
  }

  std::vector<std::string> StringOrStrings(Value x) {
    if (r_.Type(x) == JsonType::kArray) return r_.Strings(x);
    return {r_.String(x)};
  }
  std::string FirstString(Value x) {
    auto all = StringOrStrings(x);
    return all.empty() ? std::string{} : all.front();
  }

  // creationInfo is a reference to a CreationInfo node ("_:creationInfo_0") or inline.
  void CreationInfo(Element& e, Value x) {
    if (r_.Type(x) != JsonType::kObject) {
      e.creation_info = r_.String(x);
      return;
    }
    Element inline_info = ReadElement(x);
    inline_info.type = "CreationInfo";
    if (inline_info.id.empty()) inline_info.id = "_:inline" + std::to_string(inline_count_++);
    e.creation_info = inline_info.id;
    elements_.push_back(std::move(inline_info));
  }

  void ReadHashes(Element& e, Value x) {
    r_.ForEach(x, [&](Value h) {
      Hash hash;
      r_.ForFields(h, [&](std::string_view k, Value hx) {
        if (k == "algorithm") hash.algorithm = r_.String(hx);
        if (k == "hashValue") hash.value = r_.String(hx);
      });
      if (!hash.value.empty()) e.hashes.push_back(std::move(hash));
    });
  }

  void ReadIdentifiers(Element& e, Value x) {
    r_.ForEach(x, [&](Value i) {
      std::string type, identifier;
      r_.ForFields(i, [&](std::string_view k, Value ix) {
        if (k == "externalIdentifierType") type = r_.String(ix);
        if (k == "identifier") identifier = r_.String(ix);
      });
      e.identifiers.emplace_back(std::move(type), std::move(identifier));
    });
  }

  void ReadReferences(Element& e, Value x) {
    r_.ForEach(x, [&](Value ref) {
      ExternalReference out;
      r_.ForFields(ref, [&](std::string_view k, Value rx) {
        if (k == "externalRefType") out.type = r_.String(rx);
        if (k == "locator") out.url = FirstString(rx);
        if (k == "comment") out.comment = r_.String(rx);
      });
      e.references.push_back(std::move(out));
    });
  }

  void Build();
  void BuildDocument();
  Component ToComponent(const Element& e);
  void AddLicenses(const Element& relationship, Component& c);
  std::string AgentName(const std::string& id) const;

  JsonReader<Json>& r_;
  Document& doc_;
  std::vector<Element> elements_;
  std::unordered_map<std::string, std::size_t> by_id_;
  std::size_t inline_count_ = 0;
};

template <class Json>
std::string Spdx3JsonLd<Json>::AgentName(const std::string& id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? id : elements_[it->second].name;
}

template <class Json>
Component Spdx3JsonLd<Json>::ToComponent(const Element& e) {
  Component c;
  c.ref = e.id;
  c.name = e.name;
  c.version = e.version;
  c.type = e.purpose.empty() ? "library" : e.purpose;
  c.purl = e.purl;
  c.copyright = e.copyright;
  c.description = e.description;
  c.hashes = e.hashes;
  c.external_references = e.references;
  if (!e.supplier.empty()) c.supplier = Party{AgentName(e.supplier), {}, {}};
  if (!e.originator.empty()) c.manufacturer = Party{AgentName(e.originator), {}, {}};
  for (const auto& [type, identifier] : e.identifiers) {
    if (type == "packageUrl" && c.purl.empty()) c.purl = identifier;
    if ((type == "cpe23" || type == "cpe22") && c.cpe.empty()) c.cpe = identifier;
    if (type == "swid" && c.swid_tag_id.empty()) c.swid_tag_id = identifier;
  }
  if (!e.download.empty() && e.download != "NOASSERTION") {
    c.external_references.push_back({"distribution", e.download, {}, {}});
  }
  return c;
}

// hasDeclaredLicense / hasConcludedLicense: the targets are licence elements (an expression, a
// listed licence, a custom licence) or the spdx.org URI of a listed licence.
template <class Json>
void Spdx3JsonLd<Json>::AddLicenses(const Element& rel, Component& c) {
  bool declared = rel.relationship == "hasDeclaredLicense";
  for (const auto& to : rel.to) {
    License l;
    auto it = by_id_.find(to);
    const Element* target = it == by_id_.end() ? nullptr : &elements_[it->second];
    static constexpr std::string_view kListed = "https://spdx.org/licenses/";
    if (target != nullptr && target->expression == "NOASSERTION") {
      continue;  // no statement, as in SPDX 2
    } else if (target != nullptr && !target->expression.empty()) {
      l.expression = target->expression;
    } else if (target != nullptr && !target->license_id.empty()) {
      l.id = target->license_id;
    } else if (std::string_view(to).starts_with(kListed)) {
      l.id = to.substr(kListed.size());
    } else if (target != nullptr && !target->name.empty()) {
      l.name = target->name;
    } else {
      continue;  // NoAssertionLicense / NoneLicense individuals and unknown targets
    }
    (declared ? c.declared_licenses : c.concluded_licenses).push_back(std::move(l));
  }
}

template <class Json>
void Spdx3JsonLd<Json>::BuildDocument() {
  const Element* info = nullptr;
  std::vector<std::string> roots;
  for (const auto& e : elements_) {
    if (e.type == "SpdxDocument") {
      doc_.serial_number = e.id;
      doc_.name = e.name;
      if (!e.data_license.empty()) doc_.licenses.push_back({e.data_license, {}, {}, {}, {}});
      if (auto it = by_id_.find(e.creation_info); it != by_id_.end()) info = &elements_[it->second];
      if (roots.empty()) roots = e.roots;
    } else if (e.type == "software_Sbom" && !e.roots.empty()) {
      roots = e.roots;
    }
  }
  for (const auto& e : elements_) {
    if (info == nullptr && e.type == "CreationInfo") info = &e;
  }
  if (info == nullptr) {
    r_.Error("no CreationInfo in the graph: specVersion and created are unknown");
    return;
  }
  doc_.spec_version = info->spec_version;
  if (!doc_.spec_version.starts_with("3.0")) {
    r_.Warn("SPDX " + doc_.spec_version + " is not a version craft supports (3.0.1)");
  }
  doc_.timestamp = info->created;
  for (const auto& id : info->created_by) doc_.authors.push_back(Party{AgentName(id), {}, {}});
  for (const auto& id : info->created_using) doc_.tools.push_back(Tool{{}, AgentName(id), {}});
  for (const auto& root : roots) {
    for (std::size_t i = 0; i < doc_.components.size() && !doc_.primary_component; ++i) {
      if (doc_.components[i].ref == root) doc_.primary_component = i;
    }
  }
}

template <class Json>
void Spdx3JsonLd<Json>::Build() {
  for (std::size_t i = 0; i < elements_.size(); ++i) by_id_.emplace(elements_[i].id, i);
  for (const auto& e : elements_) {
    if (!IsPackageType(e.type)) continue;
    if (!r_.CountComponent()) return;
    doc_.components.push_back(ToComponent(e));
  }
  std::unordered_map<std::string_view, std::size_t> component_index;
  for (std::size_t i = 0; i < doc_.components.size(); ++i) {
    component_index.emplace(doc_.components[i].ref, i);
  }
  std::unordered_map<std::string, std::size_t> node;
  for (const auto& e : elements_) {
    if (e.relationship.empty()) continue;
    for (const auto& to : e.to) doc_.relationships.push_back({e.from, e.relationship, to});
    auto licensed = component_index.find(e.from);
    if ((e.relationship == "hasDeclaredLicense" || e.relationship == "hasConcludedLicense") &&
        licensed != component_index.end()) {
      AddLicenses(e, doc_.components[licensed->second]);
    } else if (e.relationship == "dependsOn") {
      auto [it, added] = node.emplace(e.from, doc_.dependencies.size());
      if (added) doc_.dependencies.push_back({e.from, {}});
      auto& targets = doc_.dependencies[it->second].depends_on;
      targets.insert(targets.end(), e.to.begin(), e.to.end());
      // SPDX 3 states completeness on the relationship: "complete", "incomplete", "noAssertion".
      if (!e.completeness.empty()) doc_.compositions.push_back({e.completeness, {}, {e.from}});
    }
  }
  BuildDocument();
}

}  // namespace

template <class Json>
void ReadSpdx3JsonLd(typename Json::Root& json, JsonReader<Json>& reader, Document& out) {
  Spdx3JsonLd<Json>(reader, out).Read(json);
}

template void ReadSpdx3JsonLd<OnDemand>(ondemand::document&, JsonReader<OnDemand>&, Document&);
template void ReadSpdx3JsonLd<Dom>(simdjson::dom::element&, JsonReader<Dom>&, Document&);

}  // namespace craft::sbom::parse::json
