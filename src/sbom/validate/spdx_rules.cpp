// The rules of SPDX 2.2 / 2.3 over a Record (see spdx_rules.h).

#include "sbom/validate/spdx_rules.h"

#include <algorithm>
#include <array>
#include <unordered_map>
#include <unordered_set>

#include "sbom/license/expression.h"
#include "sbom/validate/spdx_record.h"
#include "sbom/validate/text_formats.h"

namespace craft::sbom::spdx_rules {
namespace {

using Severity = Diagnostic::Severity;

// The relationship types of SPDX 2.3 section 11.1 (2.2 has all but the last two).
constexpr std::array<std::string_view, 45> kRelationshipTypes = {"DESCRIBES",
                                                                 "DESCRIBED_BY",
                                                                 "CONTAINS",
                                                                 "CONTAINED_BY",
                                                                 "DEPENDS_ON",
                                                                 "DEPENDENCY_OF",
                                                                 "DEPENDENCY_MANIFEST_OF",
                                                                 "BUILD_DEPENDENCY_OF",
                                                                 "DEV_DEPENDENCY_OF",
                                                                 "OPTIONAL_DEPENDENCY_OF",
                                                                 "PROVIDED_DEPENDENCY_OF",
                                                                 "TEST_DEPENDENCY_OF",
                                                                 "RUNTIME_DEPENDENCY_OF",
                                                                 "EXAMPLE_OF",
                                                                 "GENERATES",
                                                                 "GENERATED_FROM",
                                                                 "ANCESTOR_OF",
                                                                 "DESCENDANT_OF",
                                                                 "VARIANT_OF",
                                                                 "DISTRIBUTION_ARTIFACT",
                                                                 "PATCH_FOR",
                                                                 "PATCH_APPLIED",
                                                                 "COPY_OF",
                                                                 "FILE_ADDED",
                                                                 "FILE_DELETED",
                                                                 "FILE_MODIFIED",
                                                                 "EXPANDED_FROM_ARCHIVE",
                                                                 "DYNAMIC_LINK",
                                                                 "STATIC_LINK",
                                                                 "DATA_FILE_OF",
                                                                 "TEST_CASE_OF",
                                                                 "BUILD_TOOL_OF",
                                                                 "DEV_TOOL_OF",
                                                                 "TEST_OF",
                                                                 "TEST_TOOL_OF",
                                                                 "DOCUMENTATION_OF",
                                                                 "OPTIONAL_COMPONENT_OF",
                                                                 "METAFILE_OF",
                                                                 "PACKAGE_OF",
                                                                 "AMENDS",
                                                                 "PREREQUISITE_FOR",
                                                                 "HAS_PREREQUISITE",
                                                                 "OTHER",
                                                                 "REQUIREMENT_DESCRIPTION_FOR",
                                                                 "SPECIFICATION_FOR"};

// Checksum algorithms (SPDX 2.3 section 7.10; 2.2 has the first nine) and their hex lengths (0:
// variable).
struct Algorithm {
  std::string_view name;
  std::size_t hex_length;
  bool since_2_3;
};
constexpr std::array<Algorithm, 17> kAlgorithms = {{{"SHA1", 40, false},
                                                    {"SHA224", 56, false},
                                                    {"SHA256", 64, false},
                                                    {"SHA384", 96, false},
                                                    {"SHA512", 128, false},
                                                    {"MD2", 32, false},
                                                    {"MD4", 32, false},
                                                    {"MD5", 32, false},
                                                    {"MD6", 0, false},
                                                    {"SHA3-256", 64, true},
                                                    {"SHA3-384", 96, true},
                                                    {"SHA3-512", 128, true},
                                                    {"BLAKE2b-256", 64, true},
                                                    {"BLAKE2b-384", 96, true},
                                                    {"BLAKE2b-512", 128, true},
                                                    {"BLAKE3", 0, true},
                                                    {"ADLER32", 8, true}}};

bool IsHex(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  });
}

// SPDXRef-[A-Za-z0-9.-]+ (or DocumentRef-[A-Za-z0-9.-]+ for `prefix` "DocumentRef-").
bool WellFormedId(std::string_view id, std::string_view prefix = "SPDXRef-") {
  if (!id.starts_with(prefix) || id.size() == prefix.size()) return false;
  return std::all_of(id.begin() + prefix.size(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-';
  });
}

class Checker {
 public:
  Checker(const Record& r, std::vector<Diagnostic>& out)
      : r_(r), out_(out), v2_2_(r.spdx_version.value == "SPDX-2.2") {}
  void Run();

 private:
  void Error(const std::string& at, std::string message) {
    out_.push_back({Severity::kError, at, std::move(message)});
  }
  void Warn(const std::string& at, std::string message) {
    out_.push_back({Severity::kWarning, at, std::move(message)});
  }
  bool Required(const Field& f, std::string_view what) {
    if (f.present && !f.value.empty()) return true;
    Error(f.location, std::string(f.present ? "the field " : "the required field ") +
                          std::string(what) + (f.present ? " is empty" : " is missing"));
    return false;
  }
  void CheckDocumentFields();
  void CheckCreation();
  void CheckElement(const Element& e);
  void CheckChecksum(const Checksum& c);
  void CheckLicense(const Field& f, std::string_view what);
  void CheckReference(const Field& f, std::string_view what, bool allow_none);
  void CollectIds();

  const Record& r_;
  std::vector<Diagnostic>& out_;
  bool v2_2_;
  std::unordered_map<std::string, std::string> ids_;  // SPDXID -> where it is defined
  std::unordered_set<std::string> external_;          // declared DocumentRef- ids
  std::unordered_set<std::string> extracted_;         // declared LicenseRef- ids
};

void Checker::CheckDocumentFields() {
  if (Required(r_.spdx_version, "spdxVersion") && r_.spdx_version.value != "SPDX-2.2" &&
      r_.spdx_version.value != "SPDX-2.3") {
    Error(r_.spdx_version.location,
          "spdxVersion '" + r_.spdx_version.value + "' is not SPDX-2.2 or SPDX-2.3");
  }
  if (Required(r_.data_license, "dataLicense") && r_.data_license.value != "CC0-1.0") {
    Error(r_.data_license.location,
          "dataLicense must be CC0-1.0 (SPDX 2 section 6.2), not '" + r_.data_license.value + "'");
  }
  if (Required(r_.spdx_id, "SPDXID") && r_.spdx_id.value != "SPDXRef-DOCUMENT") {
    Error(r_.spdx_id.location,
          "the document's SPDXID must be SPDXRef-DOCUMENT, not '" + r_.spdx_id.value + "'");
  }
  Required(r_.name, "name");
  const Field& ns = r_.document_namespace;
  if (Required(ns, "documentNamespace")) {
    if (!json_schema::IsUri(ns.value)) {
      Error(ns.location, "documentNamespace '" + ns.value + "' is not an absolute URI");
    } else if (ns.value.find('#') != std::string::npos) {
      Error(ns.location, "documentNamespace '" + ns.value + "' must not contain '#'");
    }
  }
  for (const auto& ref : r_.external_documents) {
    if (!WellFormedId(ref.id.value, "DocumentRef-")) {
      Error(ref.id.location, "externalDocumentId '" + ref.id.value +
                                 "' is not of the form DocumentRef-[A-Za-z0-9.-]+");
    }
    if (!json_schema::IsUri(ref.document.value)) {
      Error(ref.document.location,
            "the external document '" + ref.document.value + "' is not an absolute URI");
    }
    CheckChecksum(ref.checksum);
  }
}

void Checker::CheckCreation() {
  if (Required(r_.created, "creationInfo.created")) {
    const std::string& c = r_.created.value;
    if (!json_schema::IsDateTime(c) || (c.back() != 'Z' && c.back() != 'z')) {
      Error(r_.created.location,
            "created '" + c + "' is not an RFC 3339 UTC time such as 2024-05-01T12:00:00Z");
    }
  }
  if (r_.creators.empty()) {
    Error(r_.creation, "the required field creationInfo.creators is missing or empty");
  }
  for (const Field& creator : r_.creators) {
    std::string_view v = creator.value;
    bool ok = false;
    for (std::string_view kind : {"Tool:", "Organization:", "Person:"}) {
      ok = ok || (v.starts_with(kind) && v.find_first_not_of(' ', kind.size()) != v.npos);
    }
    if (!ok) {
      Error(creator.location, "the creator '" + creator.value +
                                  "' does not start with \"Tool: \", \"Organization: \" or "
                                  "\"Person: \" followed by a name");
    }
  }
}

void Checker::CheckChecksum(const Checksum& c) {
  auto it = std::find_if(kAlgorithms.begin(), kAlgorithms.end(),
                         [&](const Algorithm& a) { return a.name == c.algorithm.value; });
  if (it == kAlgorithms.end() || (v2_2_ && it->since_2_3)) {
    Error(c.algorithm.location, "the checksum algorithm '" + c.algorithm.value +
                                    "' is not one of " + (v2_2_ ? "SPDX 2.2's" : "SPDX 2.3's") +
                                    " algorithms");
    return;
  }
  const std::string& v = c.value.value;
  if (!IsHex(v) || (it->hex_length != 0 && v.size() != it->hex_length)) {
    Error(c.value.location, "the " + std::string(it->name) + " checksum '" + v + "' is not " +
                                (it->hex_length ? std::to_string(it->hex_length) + " " : "") +
                                "hexadecimal digits");
  }
}

void Checker::CheckLicense(const Field& f, std::string_view what) {
  if (!f.present || f.value == "NONE" || f.value == "NOASSERTION") return;
  LicenseExpression e = ParseLicenseExpression(f.value);
  if (e.root == nullptr) {
    std::string why = e.issues.empty() ? "it cannot be parsed" : e.issues[0].message;
    Error(f.location,
          std::string(what) + " '" + f.value + "' is not a valid SPDX licence expression: " + why);
    return;
  }
  for (const LicenseTerm& t : e.terms) {
    if (t.is_reference) {
      if (t.id.starts_with("LicenseRef-") && extracted_.count(t.id) == 0) {
        Warn(f.location, std::string(what) + " refers to " + t.id +
                             ", which hasExtractedLicensingInfos does not declare");
      }
    } else if (!t.on_list) {
      Warn(f.location,
           std::string(what) + ": '" + t.id +
               "' is not on the SPDX licence list (use LicenseRef- for other licences)");
    } else if (t.deprecated) {
      Warn(f.location, std::string(what) + ": '" + t.id + "' is a deprecated SPDX licence id");
    }
  }
}

// `f` names an element of this document, or one of a declared external document
// (DocumentRef-x:SPDXRef-y); NONE and NOASSERTION when `allow_none`.
void Checker::CheckReference(const Field& f, std::string_view what, bool allow_none) {
  if (!Required(f, what)) return;
  const std::string& v = f.value;
  if (allow_none && (v == "NONE" || v == "NOASSERTION")) return;
  if (v.starts_with("DocumentRef-")) {
    std::string document = v.substr(0, v.find(':'));
    if (external_.count(document) == 0) {
      Error(f.location, std::string(what) + " '" + v + "' refers to " + document +
                            ", which externalDocumentRefs does not declare");
    }
    return;
  }
  if (ids_.count(v) == 0) {
    Error(f.location,
          std::string(what) + " '" + v + "' is not the SPDXID of any element of the document");
  }
}

void Checker::CollectIds() {
  if (r_.spdx_id.present) ids_.emplace(r_.spdx_id.value, r_.spdx_id.location);
  for (const auto& ref : r_.external_documents) external_.insert(ref.id.value);
  for (const Field& f : r_.extracted_license_ids) extracted_.insert(f.value);
  for (const Element& e : r_.elements) {
    if (!e.spdx_id.present) continue;
    if (!WellFormedId(e.spdx_id.value)) {
      Error(e.spdx_id.location,
            "the SPDXID '" + e.spdx_id.value + "' is not of the form SPDXRef-[A-Za-z0-9.-]+");
    }
    auto [it, fresh] = ids_.emplace(e.spdx_id.value, e.spdx_id.location);
    if (!fresh) {
      Error(e.spdx_id.location,
            "the SPDXID '" + e.spdx_id.value + "' is already used at " + it->second);
    }
  }
}

void Checker::CheckElement(const Element& e) {
  using Kind = Element::Kind;
  Required(e.spdx_id, "SPDXID");
  if (e.kind == Kind::kPackage) {
    Required(e.name, "name");
    Required(e.download_location, "downloadLocation");
    if (v2_2_) {
      Required(e.license_concluded, "licenseConcluded");
      Required(e.license_declared, "licenseDeclared");
      Required(e.copyright, "copyrightText");
    }
    if (e.verification_code.present &&
        (!IsHex(e.verification_code.value) || e.verification_code.value.size() != 40)) {
      Error(e.verification_code.location, "the package verification code '" +
                                              e.verification_code.value +
                                              "' is not 40 hexadecimal digits (a SHA1)");
    }
    for (const Field& f : e.has_files) CheckReference(f, "hasFiles", false);
  } else if (e.kind == Kind::kFile) {
    Required(e.name, "fileName");
    if (!e.checksums_present) Error(e.location, "the required field checksums is missing");
    if (v2_2_) {
      Required(e.license_concluded, "licenseConcluded");
      Required(e.copyright, "copyrightText");
    }
  } else {
    CheckReference(e.snippet_from_file, "snippetFromFile", false);
    Required(e.ranges, "ranges");
  }
  for (const Checksum& c : e.checksums) CheckChecksum(c);
  CheckLicense(e.license_concluded, "licenseConcluded");
  CheckLicense(e.license_declared, "licenseDeclared");
  for (const Field& f : e.license_info) CheckLicense(f, "licenseInfo");
}

void Checker::Run() {
  CheckDocumentFields();
  CheckCreation();
  CollectIds();
  for (const Element& e : r_.elements) CheckElement(e);
  for (const Field& f : r_.describes) CheckReference(f, "documentDescribes", false);
  for (const Relationship& rel : r_.relationships) {
    CheckReference(rel.from, "spdxElementId", false);
    if (Required(rel.type, "relationshipType") &&
        std::find(kRelationshipTypes.begin(), kRelationshipTypes.end(), rel.type.value) ==
            kRelationshipTypes.end()) {
      Error(rel.type.location,
            "'" + rel.type.value + "' is not a relationship type of the SPDX specification");
    }
    CheckReference(rel.to, "relatedSpdxElement", true);
  }
}

}  // namespace

void CheckRecord(const Record& record, std::vector<Diagnostic>& out) { Checker(record, out).Run(); }

}  // namespace craft::sbom::spdx_rules

namespace craft::sbom {

std::vector<Diagnostic> ValidateSpdx2(std::string_view bytes, Format format) {
  std::vector<Diagnostic> out;
  spdx_rules::Record record = format == Format::kSpdxTagValue
                                  ? spdx_rules::ReadSpdxTagValueRecord(bytes)
                                  : spdx_rules::ReadSpdxJsonRecord(bytes, out);
  if (out.empty()) spdx_rules::CheckRecord(record, out);
  return out;
}

}  // namespace craft::sbom
