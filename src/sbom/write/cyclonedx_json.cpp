// sbom::Document -> CycloneDX 1.6 JSON. Metadata, dependencies, compositions and vulnerabilities
// here; components in cyclonedx_component.cpp.
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "sbom/write/cyclonedx_parts.h"
#include "sbom/write/mapping.h"
#include "sbom/write/write.h"

namespace craft::sbom {
namespace {

using write::Json;

bool IsUrnUuid(std::string_view s) {
  if (s.size() != 45 || !s.starts_with("urn:uuid:")) return false;
  for (std::size_t i = 9; i < s.size(); ++i) {
    const char c = s[i];
    const bool dash = i == 17 || i == 22 || i == 27 || i == 32;
    if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

Json Lifecycles(const std::vector<std::string>& phases) {
  static const std::vector<std::string> kPhases = {
      "design", "pre-build", "build", "post-build", "operations", "discovery", "decommission"};
  Json out = Json::array();
  for (const auto& p : phases) {
    if (std::find(kPhases.begin(), kPhases.end(), p) != kPhases.end()) {
      out.push_back({{"phase", p}});
    } else if (!p.empty()) {
      out.push_back({{"name", p}});
    }
  }
  return out;
}

Json Tools(const std::vector<Tool>& tools) {
  Json components = Json::array();
  for (const auto& t : tools) {
    if (t.name.empty()) continue;
    Json c = {{"type", "application"}};
    if (!t.vendor.empty()) c["manufacturer"] = {{"name", t.vendor}};
    c["name"] = t.name;
    if (!t.version.empty()) c["version"] = t.version;
    components.push_back(std::move(c));
  }
  return {{"components", std::move(components)}};
}

class CycloneDxDocumentWriter {
 public:
  CycloneDxDocumentWriter(const Document& doc, std::vector<Diagnostic>* warnings)
      : doc_(doc), components_(doc, warnings), warnings_(warnings) {}

  std::string Write() {
    Json bom = {{"bomFormat", "CycloneDX"}, {"specVersion", "1.6"}};
    const bool keep_serial = IsUrnUuid(doc_.serial_number);
    bom["serialNumber"] = keep_serial ? Json(doc_.serial_number) : Json();
    bom["version"] = doc_.document_version > 0 ? doc_.document_version : 1;
    bom["metadata"] = Metadata(keep_serial);
    bom["components"] = components_.TopLevel();
    Json dependencies = Dependencies();
    if (!dependencies.empty()) bom["dependencies"] = std::move(dependencies);
    Json compositions = Compositions();
    if (!compositions.empty()) bom["compositions"] = std::move(compositions);
    Json vulnerabilities = write::CycloneDxVulnerabilities(doc_.vulnerabilities);
    if (!vulnerabilities.empty()) bom["vulnerabilities"] = std::move(vulnerabilities);
    if (!keep_serial) {
      if (!doc_.serial_number.empty()) {
        write::Warn(
            warnings_, "/serialNumber",
            "\"" + doc_.serial_number +
                "\" is not a urn:uuid: kept as the metadata property craft:spdx:documentNamespace, "
                "and a serial number derived from the content is written");
      }
      bom["serialNumber"] = "urn:uuid:" + write::ContentUuid(bom.dump());
    }
    return bom.dump(2) + "\n";
  }

 private:
  Json Metadata(bool keep_serial) {
    Json m = Json::object();
    if (write::IsRfc3339(doc_.timestamp)) {
      m["timestamp"] = doc_.timestamp;
    } else if (!doc_.timestamp.empty()) {
      write::Warn(warnings_, "/metadata/timestamp",
                  "\"" + doc_.timestamp + "\" is not an RFC 3339 date-time; dropped");
    }
    if (Json l = Lifecycles(doc_.lifecycle_phases); !l.empty()) m["lifecycles"] = std::move(l);
    if (!doc_.tools.empty()) m["tools"] = Tools(doc_.tools);
    Json authors = Json::array();
    for (const auto& a : doc_.authors) authors.push_back(components_.Contact(a));
    if (!authors.empty()) m["authors"] = std::move(authors);
    if (auto primary = components_.MetadataComponent()) m["component"] = std::move(*primary);
    if (doc_.manufacturer) m["manufacturer"] = components_.Entity(*doc_.manufacturer);
    if (doc_.supplier) m["supplier"] = components_.Entity(*doc_.supplier);
    if (Json l = components_.Licenses(doc_.licenses, {}, "/metadata"); !l.empty())
      m["licenses"] = std::move(l);
    std::vector<Property> properties = doc_.properties;
    auto add = [&](std::string_view name, const std::string& value) {
      const bool present = std::any_of(properties.begin(), properties.end(),
                                       [&](const Property& p) { return p.name == name; });
      if (!present && !value.empty()) properties.push_back({std::string(name), value});
    };
    if (!keep_serial) add(write::kSpdxNamespaceProperty, doc_.serial_number);
    add(write::kSpdxNameProperty, doc_.name);
    if (Json p = write::CycloneDxProperties(properties); !p.empty()) m["properties"] = std::move(p);
    return m;
  }

  // One node per ref (nodes of the same ref merged), each target once, in source order.
  Json Dependencies() const {
    std::vector<std::string> order;
    std::map<std::string, std::vector<std::string>> targets;
    for (const auto& d : doc_.dependencies) {
      if (d.ref.empty()) continue;
      auto [it, added] = targets.try_emplace(d.ref);
      if (added) order.push_back(d.ref);
      for (const auto& t : d.depends_on) {
        if (!t.empty() && std::find(it->second.begin(), it->second.end(), t) == it->second.end())
          it->second.push_back(t);
      }
    }
    Json out = Json::array();
    for (const auto& ref : order) {
      Json node = {{"ref", ref}};
      if (!targets[ref].empty()) node["dependsOn"] = targets[ref];
      out.push_back(std::move(node));
    }
    return out;
  }

  // One composition per aggregate (the schema wants unique items), refs each once.
  Json Compositions() const {
    std::vector<std::string> order;
    std::map<std::string, std::pair<std::vector<std::string>, std::vector<std::string>>> merged;
    auto add_unique = [](std::vector<std::string>& to, const std::vector<std::string>& from) {
      for (const auto& r : from) {
        if (!r.empty() && std::find(to.begin(), to.end(), r) == to.end()) to.push_back(r);
      }
    };
    for (const auto& c : doc_.compositions) {
      if (c.aggregate.empty()) continue;
      const std::string aggregate = write::CycloneDxAggregate(c.aggregate);
      auto [it, added] = merged.try_emplace(aggregate);
      if (added) order.push_back(aggregate);
      add_unique(it->second.first, c.assemblies);
      add_unique(it->second.second, c.dependencies);
    }
    Json out = Json::array();
    for (const auto& aggregate : order) {
      Json j = {{"aggregate", aggregate}};
      if (!merged[aggregate].first.empty()) j["assemblies"] = merged[aggregate].first;
      if (!merged[aggregate].second.empty()) j["dependencies"] = merged[aggregate].second;
      out.push_back(std::move(j));
    }
    return out;
  }

  const Document& doc_;
  write::CycloneDxComponents components_;
  std::vector<Diagnostic>* warnings_;
};

}  // namespace

std::string WriteCycloneDxJson(const Document& doc, std::vector<Diagnostic>* warnings) {
  return CycloneDxDocumentWriter(doc, warnings).Write();
}

}  // namespace craft::sbom
