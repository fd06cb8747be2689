#pragma once
// What the SPDX 2.x rules look at, read from JSON or tag-value with the place of every field
// (internal to spdx_*.cpp). A field that is absent keeps the location of the element that should
// have held it.

#include <string>
#include <string_view>
#include <vector>

#include "sbom/model.h"

namespace craft::sbom::spdx_rules {

struct Field {
  std::string value;
  std::string location;  // JSON pointer or "line N"
  bool present = false;
};

struct Checksum {
  Field algorithm;
  Field value;
};

struct Element {
  enum class Kind { kPackage, kFile, kSnippet };
  Kind kind = Kind::kPackage;
  std::string location;
  Field spdx_id, name, download_location, license_concluded, license_declared, copyright,
      verification_code, snippet_from_file, ranges;
  std::vector<Field> license_info;  // licenseInfoFromFiles / licenseInfoInFiles / ...InSnippets
  std::vector<Checksum> checksums;
  std::vector<Field> has_files;
  bool checksums_present = false;
};

struct Relationship {
  std::string location;
  Field from, type, to;
};

struct ExternalDocumentRef {
  std::string location;
  Field id, document;
  Checksum checksum;
};

struct Record {
  std::string root;      // "/" or "line 1"
  std::string creation;  // where creationInfo is (or should be)
  Field spdx_version, data_license, spdx_id, name, document_namespace, created;
  std::vector<Field> creators;
  std::vector<Field> describes;
  std::vector<ExternalDocumentRef> external_documents;
  std::vector<Element> elements;
  std::vector<Relationship> relationships;
  std::vector<Field> extracted_license_ids;
};

// Reading (spdx_record_json.cpp, spdx_record_tag_value.cpp). A JSON document that is not an object
// yields an empty record and an error.
Record ReadSpdxJsonRecord(std::string_view bytes, std::vector<Diagnostic>& out);
Record ReadSpdxTagValueRecord(std::string_view bytes);

// The rules of SPDX 2.2 / 2.3 over a record (spdx_rules.cpp).
void CheckRecord(const Record& record, std::vector<Diagnostic>& out);

}  // namespace craft::sbom::spdx_rules
