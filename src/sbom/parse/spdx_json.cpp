// SPDX 2.2 / 2.3 JSON into sbom::Document. Packages are the components; files and snippets are
// not, but relationships naming them are kept.
#include "sbom/parse/json_reader.h"
#include "sbom/parse/spdx_common.h"

namespace craft::sbom::parse::json {
namespace {

template <class Json>
class SpdxJson {
 public:
  using Value = typename Json::Value;

  SpdxJson(JsonReader<Json>& r, Document& doc) : r_(r), doc_(doc) {}

  void Read(typename Json::Root& json) {
    doc_.format = Format::kSpdxJson;
    r_.ForRootFields(json, [this](std::string_view key, Value v) { Top(key, v); });
    if (doc_.serial_number.empty()) r_.Error("documentNamespace is missing");
    // The JSON-only shorthands, as the relationships the other serialisations write.
    for (const auto& id : described_) doc_.relationships.push_back({document_id_, "DESCRIBES", id});
    for (auto& [package, file] : has_files_)
      doc_.relationships.push_back({package, "CONTAINS", file});
    ResolveSpdxRelationships(doc_, described_);
  }

 private:
  void Top(std::string_view key, Value v) {
    if (key == "spdxVersion") {
      std::string problem;
      bool is_error = false;
      doc_.spec_version = SpdxSpecVersion(r_.String(v), problem, is_error);
      if (!problem.empty())
        r_.Add(is_error ? Diagnostic::Severity::kError : Diagnostic::Severity::kWarning, problem);
    } else if (key == "SPDXID") {
      document_id_ = r_.String(v);
    } else if (key == "documentNamespace") {
      doc_.serial_number = r_.String(v);
    } else if (key == "name") {
      doc_.name = r_.String(v);
    } else if (key == "dataLicense") {
      AddSpdxLicense(r_.String(v), doc_.licenses);
    } else if (key == "creationInfo") {
      r_.ForFields(v, [this](std::string_view k, Value x) {
        if (k == "created") doc_.timestamp = r_.String(x);
        if (k == "creators") {
          for (const auto& c : r_.Strings(x)) AddSpdxCreator(c, doc_);
        }
      });
    } else if (key == "documentDescribes") {
      described_ = r_.Strings(v);
    } else if (key == "packages") {
      r_.ForEach(v, [this](Value p) { ReadPackage(p); });
    } else if (key == "relationships") {
      r_.ForEach(v, [this](Value rel) { ReadRelationship(rel); });
    }
  }

  void ReadPackage(Value v) {
    if (!r_.CountComponent()) return;
    Component c;
    c.type = "library";
    r_.ForFields(v, [&](std::string_view k, Value x) { PackageField(c, k, x); });
    if (c.ref.empty()) r_.Warn("a package has no SPDXID");
    doc_.components.push_back(std::move(c));
  }

  void PackageField(Component& c, std::string_view k, Value x) {
    if (k == "SPDXID")
      c.ref = r_.String(x);
    else if (k == "name")
      c.name = r_.String(x);
    else if (k == "versionInfo")
      c.version = r_.String(x);
    else if (k == "packageFileName")
      c.file_name = r_.String(x);
    else if (k == "primaryPackagePurpose")
      c.type = Lower(r_.String(x));
    else if (k == "supplier")
      Actor(r_.String(x), c.supplier);
    else if (k == "originator")
      Actor(r_.String(x), c.manufacturer);
    else if (k == "licenseDeclared")
      AddSpdxLicense(r_.String(x), c.declared_licenses);
    else if (k == "licenseConcluded")
      AddSpdxLicense(r_.String(x), c.concluded_licenses);
    else if (k == "copyrightText")
      c.copyright = r_.String(x);
    else if (k == "description")
      c.description = r_.String(x);
    else if (k == "hasFiles") {
      for (auto& file : r_.Strings(x)) has_files_.emplace_back(c.ref, std::move(file));
    } else if (k == "checksums") {
      r_.ForEach(x, [&](Value h) {
        Hash hash;
        r_.ForFields(h, [&](std::string_view hk, Value hx) {
          if (hk == "algorithm") hash.algorithm = r_.String(hx);
          if (hk == "checksumValue") hash.value = r_.String(hx);
        });
        c.hashes.push_back(std::move(hash));
      });
    } else if (k == "externalRefs") {
      r_.ForEach(x, [&](Value e) {
        std::string category, type, locator, comment;
        r_.ForFields(e, [&](std::string_view ek, Value ex) {
          if (ek == "referenceCategory") category = r_.String(ex);
          if (ek == "referenceType") type = r_.String(ex);
          if (ek == "referenceLocator") locator = r_.String(ex);
          if (ek == "comment") comment = r_.String(ex);
        });
        AddSpdxExternalRef(category, type, locator, comment, c);
      });
    } else if (k == "downloadLocation") {
      std::string url = r_.String(x);
      if (url != "NOASSERTION" && url != "NONE")
        c.external_references.push_back({"distribution", url, {}, {}});
    }
  }

  static std::string Lower(std::string s) {
    for (char& ch : s) {
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
      if (ch == '_') ch = '-';
    }
    return s;
  }

  void Actor(const std::string& text, std::optional<Party>& out) {
    SpdxActor actor = ParseSpdxActor(text);
    if (!actor.kind.empty()) out = ToParty(actor);
  }

  void ReadRelationship(Value v) {
    Relationship rel;
    r_.ForFields(v, [&](std::string_view k, Value x) {
      if (k == "spdxElementId") rel.from = r_.String(x);
      if (k == "relationshipType") rel.type = r_.String(x);
      if (k == "relatedSpdxElement") rel.to = r_.String(x);
    });
    if (rel.from.empty() || rel.type.empty() || rel.to.empty()) {
      r_.Warn("a relationship needs spdxElementId, relationshipType and relatedSpdxElement");
    }
    doc_.relationships.push_back(std::move(rel));
  }

  JsonReader<Json>& r_;
  Document& doc_;
  std::vector<std::string> described_;
  std::string document_id_ = "SPDXRef-DOCUMENT";
  std::vector<std::pair<std::string, std::string>> has_files_;  // (package SPDXID, file SPDXID)
};

}  // namespace

template <class Json>
void ReadSpdxJson(typename Json::Root& json, JsonReader<Json>& reader, Document& out) {
  SpdxJson<Json>(reader, out).Read(json);
}

template void ReadSpdxJson<OnDemand>(ondemand::document&, JsonReader<OnDemand>&, Document&);
template void ReadSpdxJson<Dom>(simdjson::dom::element&, JsonReader<Dom>&, Document&);

}  // namespace craft::sbom::parse::json
