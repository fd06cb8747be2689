// sbom::Document -> SPDX 2.3 JSON: the document, its creation info and its relationships;
// packages in spdx_package.cpp.
#include <algorithm>
#include <array>
#include <set>

#include "sbom/write/spdx_parts.h"
#include "sbom/write/write.h"

namespace craft::sbom {
namespace {

using write::OrderedJson;

constexpr std::array<std::string_view, 45> kRelationshipTypes = {"VARIANT_OF",
                                                                 "COPY_OF",
                                                                 "PATCH_FOR",
                                                                 "TEST_DEPENDENCY_OF",
                                                                 "CONTAINED_BY",
                                                                 "DATA_FILE_OF",
                                                                 "OPTIONAL_COMPONENT_OF",
                                                                 "ANCESTOR_OF",
                                                                 "GENERATES",
                                                                 "CONTAINS",
                                                                 "OPTIONAL_DEPENDENCY_OF",
                                                                 "FILE_ADDED",
                                                                 "REQUIREMENT_DESCRIPTION_FOR",
                                                                 "DEV_DEPENDENCY_OF",
                                                                 "DEPENDENCY_OF",
                                                                 "BUILD_DEPENDENCY_OF",
                                                                 "DESCRIBES",
                                                                 "PREREQUISITE_FOR",
                                                                 "HAS_PREREQUISITE",
                                                                 "PROVIDED_DEPENDENCY_OF",
                                                                 "DYNAMIC_LINK",
                                                                 "DESCRIBED_BY",
                                                                 "METAFILE_OF",
                                                                 "DEPENDENCY_MANIFEST_OF",
                                                                 "PATCH_APPLIED",
                                                                 "RUNTIME_DEPENDENCY_OF",
                                                                 "TEST_OF",
                                                                 "TEST_TOOL_OF",
                                                                 "DEPENDS_ON",
                                                                 "SPECIFICATION_FOR",
                                                                 "FILE_MODIFIED",
                                                                 "DISTRIBUTION_ARTIFACT",
                                                                 "AMENDS",
                                                                 "DOCUMENTATION_OF",
                                                                 "GENERATED_FROM",
                                                                 "STATIC_LINK",
                                                                 "OTHER",
                                                                 "BUILD_TOOL_OF",
                                                                 "TEST_CASE_OF",
                                                                 "PACKAGE_OF",
                                                                 "DESCENDANT_OF",
                                                                 "FILE_DELETED",
                                                                 "EXPANDED_FROM_ARCHIVE",
                                                                 "DEV_TOOL_OF",
                                                                 "EXAMPLE_OF"};

bool IsDependencyOf(std::string_view type) {
  return type == "DEPENDENCY_OF" ||
         (type.ends_with("_DEPENDENCY_OF") && type != "DEPENDENCY_MANIFEST_OF");
}

const std::string* FindProperty(const Document& doc, std::string_view name) {
  for (const auto& p : doc.properties) {
    if (p.name == name && !p.value.empty()) return &p.value;
  }
  return nullptr;
}

bool IsNamespaceUri(std::string_view s) {
  const auto colon = s.find(':');
  return colon != std::string_view::npos && colon > 0 && s.find('#') == std::string_view::npos &&
         s.find_first_of(" \t\r\n") == std::string_view::npos;
}

class SpdxDocumentWriter {
 public:
  SpdxDocumentWriter(const Document& doc, std::vector<Diagnostic>* warnings)
      : doc_(doc), warnings_(warnings), packages_(doc, warnings) {}

  std::string Write() {
    OrderedJson out = {{"spdxVersion", "SPDX-2.3"},
                       {"dataLicense", "CC0-1.0"},
                       {"SPDXID", "SPDXRef-DOCUMENT"},
                       {"name", Name()}};
    const std::string* kept_namespace = FindProperty(doc_, write::kSpdxNamespaceProperty);
    if (!kept_namespace && IsNamespaceUri(doc_.serial_number)) kept_namespace = &doc_.serial_number;
    out["documentNamespace"] = kept_namespace ? OrderedJson(*kept_namespace) : OrderedJson();
    out["creationInfo"] = {{"created", Created()}, {"creators", Creators()}};
    out["packages"] = packages_.Packages();
    if (OrderedJson e = packages_.ExtractedLicenses(); !e.empty())
      out["hasExtractedLicensingInfos"] = std::move(e);
    out["relationships"] = Relationships();
    if (!kept_namespace) out["documentNamespace"] = "urn:uuid:" + write::ContentUuid(out.dump());
    return out.dump(2) + "\n";
  }

 private:
  std::string Name() const {
    if (!doc_.name.empty()) return doc_.name;
    if (const std::string* kept = FindProperty(doc_, write::kSpdxNameProperty)) return *kept;
    if (const Component* p = doc_.Primary(); p && !p->name.empty())
      return p->version.empty() ? p->name : p->name + "-" + p->version;
    return "sbom";
  }

  std::string Created() const {
    if (auto utc = write::ToSpdxTimestamp(doc_.timestamp)) return *utc;
    if (!doc_.timestamp.empty()) {
      write::Warn(warnings_, "/creationInfo/created",
                  "\"" + doc_.timestamp + "\" is not an RFC 3339 date-time; written as it is");
      return doc_.timestamp;
    }
    write::Warn(warnings_, "/creationInfo/created",
                "the source has no timestamp; 1970-01-01T00:00:00Z written");
    return "1970-01-01T00:00:00Z";
  }

  std::vector<std::string> Creators() const {
    std::vector<std::string> out;
    auto add = [&](std::string c) {
      if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(std::move(c));
    };
    for (const auto& a : doc_.authors) {
      if (a.name.empty() && a.emails.empty()) continue;
      add("Person: " + a.name + (a.emails.empty() ? "" : " (" + a.emails.front() + ")"));
    }
    if (doc_.manufacturer && !doc_.manufacturer->name.empty())
      add("Organization: " + doc_.manufacturer->name);
    for (const auto& t : doc_.tools) {
      if (t.name.empty()) continue;
      const bool versioned = t.version.empty() || t.name.ends_with(t.version);
      add("Tool: " + t.name + (versioned ? "" : "-" + t.version));
    }
    if (out.empty()) add("Tool: craft");
    return out;
  }

  // An endpoint of a relationship as written: a package's SPDXID, the document, NONE or
  // NOASSERTION; "" for anything this document does not hold (files, snippets, other documents).
  std::string Endpoint(const std::string& ref) const {
    if (const std::string* id = packages_.IdOf(ref)) return *id;
    if (ref == "SPDXRef-DOCUMENT" || ref == "NONE" || ref == "NOASSERTION") return ref;
    return "";
  }

  OrderedJson Relationships() {
    std::vector<std::array<std::string, 3>> out;
    std::set<std::array<std::string, 3>> seen;
    auto add = [&](std::string from, std::string type, std::string to) {
      std::array<std::string, 3> r{std::move(from), std::move(type), std::move(to)};
      if (seen.insert(r).second) out.push_back(std::move(r));
    };
    std::size_t dropped = 0;
    for (const auto& r : doc_.relationships) {
      const std::string from = Endpoint(r.from), to = Endpoint(r.to);
      const bool known = std::find(kRelationshipTypes.begin(), kRelationshipTypes.end(), r.type) !=
                         kRelationshipTypes.end();
      if (from.empty() || to.empty() || !known) {
        ++dropped;
        continue;
      }
      add(from, r.type, to);
    }
    if (dropped > 0)
      write::Warn(
          warnings_, "/relationships",
          std::to_string(dropped) +
              " relationships name elements or types SPDX 2.3 packages cannot hold; dropped");
    if (!packages_.PrimaryId().empty()) add("SPDXRef-DOCUMENT", "DESCRIBES", packages_.PrimaryId());
    AddNesting(add);
    AddDependencies(add, seen);
    OrderedJson json = OrderedJson::array();
    for (const auto& [from, type, to] : out)
      json.push_back(
          {{"spdxElementId", from}, {"relationshipType", type}, {"relatedSpdxElement", to}});
    return json;
  }

  template <class Add>
  void AddNesting(Add& add) const {
    const auto& sources = packages_.Sources();
    const auto& ids = packages_.Ids();
    const std::size_t offset = sources.size() - doc_.components.size();
    for (std::size_t i = 0; i < doc_.components.size(); ++i) {
      const auto parent = doc_.components[i].parent;
      if (parent && *parent < doc_.components.size())
        add(ids[offset + *parent], "CONTAINS", ids[offset + i]);
    }
  }

  template <class Add>
  void AddDependencies(Add& add, const std::set<std::array<std::string, 3>>& seen) {
    std::size_t dropped = 0;
    // Edges the kept relationships already state (DEPENDS_ON, or *_DEPENDENCY_OF reversed).
    std::set<std::pair<std::string, std::string>> stated;
    for (const auto& [from, type, to] : seen) {
      if (type == "DEPENDS_ON") stated.emplace(from, to);
      if (IsDependencyOf(type)) stated.emplace(to, from);
    }
    auto covered = [&](const std::string& from, const std::string& to) {
      return stated.count({from, to}) > 0;
    };
    for (const auto& d : doc_.dependencies) {
      for (const auto& target : d.depends_on) {
        const std::string from = Endpoint(d.ref), to = Endpoint(target);
        if (from.empty() || to.empty() || from == "SPDXRef-DOCUMENT") {
          ++dropped;
        } else if (!covered(from, to)) {
          add(from, "DEPENDS_ON", to);
        }
      }
    }
    if (dropped > 0)
      write::Warn(warnings_, "/dependencies",
                  std::to_string(dropped) +
                      " dependency edges name something that is not a package; dropped");
  }

  const Document& doc_;
  std::vector<Diagnostic>* warnings_;
  write::SpdxPackages packages_;
};

}  // namespace

std::string WriteSpdxJson(const Document& doc, std::vector<Diagnostic>* warnings) {
  return SpdxDocumentWriter(doc, warnings).Write();
}

}  // namespace craft::sbom
