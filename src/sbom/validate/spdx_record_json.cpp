// Reading an SPDX 2.x JSON document into a Record, every field with its JSON pointer.

#include <simdjson.h>

#include "core/json_pointer.h"
#include "sbom/validate/spdx_record.h"

namespace craft::sbom::spdx_rules {
namespace {

using simdjson::dom::element;
using simdjson::dom::object;

std::string Join(const std::string& base, std::string_view key) {
  return (base == "/" ? "" : base) + "/" + core::JsonPointerToken(key);
}

std::string Join(const std::string& base, std::size_t index) {
  return (base == "/" ? "" : base) + "/" + std::to_string(index);
}

// The field `key` of `o` (at `at`). A boolean or number is kept as written.
Field Get(object o, const std::string& at, std::string_view key) {
  Field f;
  f.location = at;
  element v;
  if (o.at_key(key).get(v) != simdjson::SUCCESS || v.is_null()) return f;
  f.present = true;
  f.location = Join(at, key);
  std::string_view text;
  if (!v.get(text)) {
    f.value = std::string(text);
  } else if (!v.is_array() && !v.is_object()) {
    f.value = simdjson::minify(v);
  }
  return f;
}

// Each string of the array `key` of `o`.
std::vector<Field> GetList(object o, const std::string& at, std::string_view key) {
  std::vector<Field> list;
  simdjson::dom::array items;
  if (o.at_key(key).get(items) != simdjson::SUCCESS) return list;
  const std::string base = Join(at, key);
  std::size_t i = 0;
  for (element item : items) {
    std::string_view text;
    Field f{"", Join(base, i++), true};
    if (!item.get(text)) f.value = std::string(text);
    list.push_back(std::move(f));
  }
  return list;
}

// Calls `each(object, pointer)` for every object of the array `key` of `o`.
template <class Each>
void ForEach(object o, const std::string& at, std::string_view key, Each&& each) {
  simdjson::dom::array items;
  if (o.at_key(key).get(items) != simdjson::SUCCESS) return;
  const std::string base = Join(at, key);
  std::size_t i = 0;
  for (element item : items) {
    object member;
    if (!item.get(member)) each(member, Join(base, i));
    ++i;
  }
}

Checksum GetChecksum(object o, const std::string& at) {
  return {Get(o, at, "algorithm"), Get(o, at, "checksumValue")};
}

void ReadChecksums(object o, const std::string& at, Element& e) {
  element list;
  e.checksums_present = o.at_key("checksums").get(list) == simdjson::SUCCESS;
  ForEach(o, at, "checksums",
          [&](object c, const std::string& p) { e.checksums.push_back(GetChecksum(c, p)); });
}

Element ReadElement(object o, const std::string& at, Element::Kind kind) {
  Element e;
  e.kind = kind;
  e.location = at;
  e.spdx_id = Get(o, at, "SPDXID");
  e.name = Get(o, at, kind == Element::Kind::kFile ? "fileName" : "name");
  e.license_concluded = Get(o, at, "licenseConcluded");
  e.copyright = Get(o, at, "copyrightText");
  ReadChecksums(o, at, e);
  if (kind == Element::Kind::kPackage) {
    e.download_location = Get(o, at, "downloadLocation");
    e.license_declared = Get(o, at, "licenseDeclared");
    e.license_info = GetList(o, at, "licenseInfoFromFiles");
    e.has_files = GetList(o, at, "hasFiles");
    object code;
    if (!o["packageVerificationCode"].get(code)) {
      e.verification_code =
          Get(code, Join(at, "packageVerificationCode"), "packageVerificationCodeValue");
    }
  } else if (kind == Element::Kind::kFile) {
    e.license_info = GetList(o, at, "licenseInfoInFiles");
  } else {
    e.license_info = GetList(o, at, "licenseInfoInSnippets");
    e.snippet_from_file = Get(o, at, "snippetFromFile");
    element ranges;
    if (o.at_key("ranges").get(ranges) == simdjson::SUCCESS) {
      e.ranges = {"ranges", Join(at, "ranges"), true};
    } else {
      e.ranges.location = at;
    }
  }
  return e;
}

void ReadDocument(object root, Record& r) {
  r.root = "/";
  r.spdx_version = Get(root, "/", "spdxVersion");
  r.data_license = Get(root, "/", "dataLicense");
  r.spdx_id = Get(root, "/", "SPDXID");
  r.name = Get(root, "/", "name");
  r.document_namespace = Get(root, "/", "documentNamespace");
  r.creation = "/";
  object creation;
  if (!root["creationInfo"].get(creation)) {
    r.creation = "/creationInfo";
    r.created = Get(creation, r.creation, "created");
    r.creators = GetList(creation, r.creation, "creators");
  } else {
    r.created.location = "/";
  }
  r.describes = GetList(root, "/", "documentDescribes");
  ForEach(root, "/", "externalDocumentRefs", [&](object o, const std::string& at) {
    ExternalDocumentRef ref{at, Get(o, at, "externalDocumentId"), Get(o, at, "spdxDocument"), {}};
    object checksum;
    if (!o["checksum"].get(checksum)) {
      ref.checksum = GetChecksum(checksum, Join(at, "checksum"));
    } else {
      ref.checksum.algorithm.location = ref.checksum.value.location = at;
    }
    r.external_documents.push_back(std::move(ref));
  });
}

}  // namespace

Record ReadSpdxJsonRecord(std::string_view bytes, std::vector<Diagnostic>& out) {
  Record r;
  simdjson::dom::parser parser;
  object root;
  if (parser.parse(bytes.data(), bytes.size()).get(root)) {
    out.push_back({Diagnostic::Severity::kError, "1:1", "the SPDX document is not a JSON object"});
    return r;
  }
  ReadDocument(root, r);
  ForEach(root, "/", "packages", [&](object o, const std::string& at) {
    r.elements.push_back(ReadElement(o, at, Element::Kind::kPackage));
  });
  ForEach(root, "/", "files", [&](object o, const std::string& at) {
    r.elements.push_back(ReadElement(o, at, Element::Kind::kFile));
  });
  ForEach(root, "/", "snippets", [&](object o, const std::string& at) {
    r.elements.push_back(ReadElement(o, at, Element::Kind::kSnippet));
  });
  ForEach(root, "/", "relationships", [&](object o, const std::string& at) {
    r.relationships.push_back({at, Get(o, at, "spdxElementId"), Get(o, at, "relationshipType"),
                               Get(o, at, "relatedSpdxElement")});
  });
  ForEach(root, "/", "hasExtractedLicensingInfos", [&](object o, const std::string& at) {
    r.extracted_license_ids.push_back(Get(o, at, "licenseId"));
  });
  return r;
}

}  // namespace craft::sbom::spdx_rules
