// Reading an SPDX 2.x tag-value document into a Record, every field with its line number.

#include <cctype>

#include "sbom/validate/spdx_record.h"

namespace craft::sbom::spdx_rules {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// One "Tag: value" line (a <text>...</text> value may span lines; `line` is where it starts).
struct TagLine {
  std::string_view tag;
  std::string_view value;
  std::size_t line = 0;
};

std::vector<TagLine> Lines(std::string_view bytes) {
  std::vector<TagLine> out;
  std::size_t at = 0, line = 0;
  while (at < bytes.size()) {
    std::size_t end = bytes.find('\n', at);
    if (end == std::string_view::npos) end = bytes.size();
    std::string_view text = bytes.substr(at, end - at);
    ++line;
    at = end + 1;
    std::size_t colon = text.find(':');
    if (Trim(text).empty() || Trim(text).front() == '#' || colon == std::string_view::npos)
      continue;
    TagLine t{Trim(text.substr(0, colon)), Trim(text.substr(colon + 1)), line};
    if (t.value.starts_with("<text>") && t.value.find("</text>") == std::string_view::npos) {
      std::size_t close = bytes.find("</text>", at);
      std::size_t stop = close == std::string_view::npos ? bytes.size() : close;
      for (std::size_t i = at; i < stop; ++i) line += bytes[i] == '\n';
      std::size_t next = bytes.find('\n', stop);
      at = next == std::string_view::npos ? bytes.size() : next + 1;
    }
    out.push_back(t);
  }
  return out;
}

Field At(const TagLine& t) {
  return {std::string(t.value), "line " + std::to_string(t.line), true};
}

// "SHA1: abc" into a checksum.
Checksum ChecksumOf(const TagLine& t, std::string_view text) {
  Checksum c;
  std::size_t colon = text.find(':');
  c.algorithm = At(t);
  c.value = At(t);
  c.algorithm.value = std::string(Trim(text.substr(0, colon)));
  c.value.value = colon == std::string_view::npos ? "" : std::string(Trim(text.substr(colon + 1)));
  return c;
}

class Reader {
 public:
  explicit Reader(Record& r) : r_(r) {}
  void Read(const TagLine& t);

 private:
  void Start(const TagLine& t, Element::Kind kind) {
    Element e;
    e.kind = kind;
    e.location = "line " + std::to_string(t.line);
    for (Field* f :
         {&e.spdx_id, &e.name, &e.download_location, &e.license_concluded, &e.license_declared,
          &e.copyright, &e.verification_code, &e.snippet_from_file, &e.ranges}) {
      f->location = e.location;
    }
    r_.elements.push_back(std::move(e));
    current_ = &r_.elements.back();
  }
  bool DocumentTag(const TagLine& t);
  bool ElementTag(const TagLine& t);

  Record& r_;
  Element* current_ = nullptr;
};

bool Reader::DocumentTag(const TagLine& t) {
  const std::string_view tag = t.tag;
  if (tag == "SPDXVersion") return (r_.spdx_version = At(t)), true;
  if (tag == "DataLicense") return (r_.data_license = At(t)), true;
  if (tag == "DocumentName") return (r_.name = At(t)), true;
  if (tag == "DocumentNamespace") return (r_.document_namespace = At(t)), true;
  if (tag == "Created") return (r_.created = At(t)), true;
  if (tag == "Creator") return r_.creators.push_back(At(t)), true;
  if (tag == "ExternalDocumentRef") {
    // DocumentRef-x <uri> SHA1: <hex>
    ExternalDocumentRef ref;
    ref.location = "line " + std::to_string(t.line);
    std::string_view v = t.value;
    std::size_t space = v.find(' ');
    ref.id = At(t);
    ref.id.value = std::string(v.substr(0, space));
    std::string_view rest = space == std::string_view::npos ? "" : Trim(v.substr(space + 1));
    space = rest.find(' ');
    ref.document = At(t);
    ref.document.value = std::string(rest.substr(0, space));
    ref.checksum = ChecksumOf(t, space == std::string_view::npos ? "" : rest.substr(space + 1));
    r_.external_documents.push_back(std::move(ref));
    return true;
  }
  if (tag == "Relationship") {
    Relationship rel{"line " + std::to_string(t.line), At(t), At(t), At(t)};
    std::string_view v = t.value;
    Field* parts[] = {&rel.from, &rel.type, &rel.to};
    for (Field* part : parts) {
      v = Trim(v);
      std::size_t space = v.find_first_of(" \t");
      part->value = std::string(v.substr(0, space));
      part->present = !part->value.empty();
      v = space == std::string_view::npos ? "" : v.substr(space);
    }
    r_.relationships.push_back(std::move(rel));
    return true;
  }
  if (tag == "LicenseID") {
    r_.extracted_license_ids.push_back(At(t));
    current_ = nullptr;
    return true;
  }
  return false;
}

bool Reader::ElementTag(const TagLine& t) {
  const std::string_view tag = t.tag;
  if (tag == "PackageName") return Start(t, Element::Kind::kPackage), current_->name = At(t), true;
  if (tag == "FileName") return Start(t, Element::Kind::kFile), current_->name = At(t), true;
  if (tag == "SnippetSPDXID") {
    return Start(t, Element::Kind::kSnippet), current_->spdx_id = At(t), true;
  }
  if (current_ == nullptr) return false;
  Element& e = *current_;
  if (tag == "SPDXID") return (e.spdx_id = At(t)), true;
  if (tag == "PackageDownloadLocation") return (e.download_location = At(t)), true;
  if (tag == "PackageLicenseConcluded" || tag == "LicenseConcluded" ||
      tag == "SnippetLicenseConcluded") {
    return (e.license_concluded = At(t)), true;
  }
  if (tag == "PackageLicenseDeclared") return (e.license_declared = At(t)), true;
  if (tag == "PackageCopyrightText" || tag == "FileCopyrightText" ||
      tag == "SnippetCopyrightText") {
    return (e.copyright = At(t)), true;
  }
  if (tag == "PackageLicenseInfoFromFiles" || tag == "LicenseInfoInFile" ||
      tag == "LicenseInfoInSnippet") {
    return e.license_info.push_back(At(t)), true;
  }
  if (tag == "PackageChecksum" || tag == "FileChecksum") {
    e.checksums_present = true;
    return e.checksums.push_back(ChecksumOf(t, t.value)), true;
  }
  if (tag == "PackageVerificationCode") {
    e.verification_code = At(t);  // "<hex> (excludes: ...)" keeps only the hex
    e.verification_code.value = std::string(t.value.substr(0, t.value.find_first_of(" \t(")));
    return true;
  }
  if (tag == "SnippetFromFileSPDXID") return (e.snippet_from_file = At(t)), true;
  if (tag == "SnippetByteRange") return (e.ranges = At(t)), true;
  if (tag == "SnippetName") return (e.name = At(t)), true;
  return false;
}

void Reader::Read(const TagLine& t) {
  if (t.tag == "SPDXID" && current_ == nullptr) {
    r_.spdx_id = At(t);
    return;
  }
  if (!ElementTag(t)) DocumentTag(t);
}

}  // namespace

Record ReadSpdxTagValueRecord(std::string_view bytes) {
  Record r;
  r.root = r.creation = "line 1";
  for (Field* f :
       {&r.spdx_version, &r.data_license, &r.spdx_id, &r.name, &r.document_namespace, &r.created}) {
    f->location = "line 1";
  }
  Reader reader(r);
  for (const TagLine& t : Lines(bytes)) reader.Read(t);
  return r;
}

}  // namespace craft::sbom::spdx_rules
