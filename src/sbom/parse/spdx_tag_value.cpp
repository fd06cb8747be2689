// SPDX 2.2 / 2.3 tag-value into sbom::Document. One "Tag: value" a line; a value may span lines
// inside <text>...</text>; '#' starts a comment line. Package fields follow a PackageName line
// until the next PackageName, FileName, SnippetSPDXID or LicenseID line.
#include <string>

#include "sbom/parse/formats.h"
#include "sbom/parse/spdx_common.h"

namespace craft::sbom::parse {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// Splits "A B C" on runs of spaces into at most `n` parts (the last keeps the rest).
std::vector<std::string_view> Words(std::string_view s, std::size_t n) {
  std::vector<std::string_view> out;
  s = Trim(s);
  while (!s.empty() && out.size() + 1 < n) {
    auto space = s.find_first_of(" \t");
    out.push_back(s.substr(0, space));
    if (space == std::string_view::npos) return out;
    s = Trim(s.substr(space));
  }
  if (!s.empty()) out.push_back(s);
  return out;
}

class TagValue {
 public:
  TagValue(std::string_view text, const Limits& limits, Parsed<Document>& out)
      : text_(text), limits_(limits), out_(out) {}

  bool Read(Document& doc) {
    doc.format = Format::kSpdxTagValue;
    std::size_t pos = 0;
    while (pos < text_.size() && !failed_) {
      std::size_t end = text_.find('\n', pos);
      if (end == std::string_view::npos) end = text_.size();
      ++line_;
      std::string_view line = text_.substr(pos, end - pos);
      pos = end + 1;
      Line(line, pos, doc);
    }
    if (failed_) return false;
    if (doc.spec_version.empty())
      Diagnose(Diagnostic::Severity::kError, 1, 1, "SPDXVersion is missing");
    if (doc.serial_number.empty())
      Diagnose(Diagnostic::Severity::kError, 1, 1, "DocumentNamespace is missing");
    ResolveSpdxRelationships(doc, described_);
    return true;
  }

 private:
  void Diagnose(Diagnostic::Severity s, std::size_t line, std::size_t column, std::string message) {
    out_.diagnostics.push_back(
        {s, std::to_string(line) + ":" + std::to_string(column), std::move(message)});
  }

  // One line; a <text> value that continues on later lines advances `pos` past its end.
  void Line(std::string_view line, std::size_t& pos, Document& doc) {
    std::string_view trimmed = Trim(line);
    if (trimmed.empty() || trimmed.front() == '#') return;
    auto colon = line.find(':');
    if (colon == std::string_view::npos) {
      Diagnose(Diagnostic::Severity::kError, line_, 1,
               "expected \"Tag: value\", found \"" + std::string(trimmed.substr(0, 60)) + "\"");
      return;
    }
    std::string_view tag = Trim(line.substr(0, colon));
    std::string value(Trim(line.substr(colon + 1)));
    if (value.starts_with("<text>")) {
      std::size_t start = static_cast<std::size_t>(line.data() - text_.data()) + colon + 1;
      start = text_.find("<text>", start) + 6;
      std::size_t close = text_.find("</text>", start);
      if (close == std::string_view::npos) {
        Diagnose(Diagnostic::Severity::kError, line_, colon + 2,
                 "<text> is never closed by </text>: the file is truncated");
        failed_ = true;
        return;
      }
      value = text_.substr(start, close - start);
      for (std::size_t i = pos - 1; i < close && i < text_.size(); ++i) line_ += text_[i] == '\n';
      std::size_t after = text_.find('\n', close);
      pos = after == std::string_view::npos ? text_.size() : after + 1;
    }
    Field(tag, value, doc);
  }

  Component* Package(Document& doc) {
    return in_package_ && !doc.components.empty() ? &doc.components.back() : nullptr;
  }

  void Field(std::string_view tag, const std::string& value, Document& doc) {
    if (tag == "PackageName") {
      in_package_ = false;
      file_owner_.clear();
      if (doc.components.size() >= limits_.max_components) {
        Diagnose(Diagnostic::Severity::kError, line_, 1,
                 "more than " + std::to_string(limits_.max_components) +
                     " packages: refused (limit max_components)");
        failed_ = true;
        return;
      }
      in_package_ = true;
      doc.components.emplace_back();
      doc.components.back().type = "library";
      doc.components.back().name = value;
    } else if (tag == "FileName" || tag == "SnippetSPDXID" || tag == "LicenseID") {
      // A file that follows a package is contained in it (SPDX 2 tag-value).
      file_owner_ = tag == "FileName" && !doc.components.empty() ? doc.components.back().ref : "";
      in_package_ = false;
      in_other_ = true;
    } else if (tag == "SPDXID" && !file_owner_.empty()) {
      doc.relationships.push_back({file_owner_, "CONTAINS", value});
      file_owner_.clear();
    } else if (Component* c = Package(doc)) {
      PackageField(tag, value, *c);
    } else if (!in_other_) {
      DocumentField(tag, value, doc);
    }
    if (tag == "Relationship") Relationship_(value, doc);
  }

  void DocumentField(std::string_view tag, const std::string& value, Document& doc) {
    if (tag == "SPDXVersion") {
      std::string problem;
      bool is_error = false;
      doc.spec_version = SpdxSpecVersion(value, problem, is_error);
      if (!problem.empty()) {
        Diagnose(is_error ? Diagnostic::Severity::kError : Diagnostic::Severity::kWarning, line_, 1,
                 problem);
      }
    } else if (tag == "DocumentNamespace") {
      doc.serial_number = value;
    } else if (tag == "DocumentName") {
      doc.name = value;
    } else if (tag == "DataLicense") {
      AddSpdxLicense(value, doc.licenses);
    } else if (tag == "Creator") {
      AddSpdxCreator(value, doc);
    } else if (tag == "Created") {
      doc.timestamp = value;
    }
  }

  void PackageField(std::string_view tag, const std::string& value, Component& c) {
    if (tag == "SPDXID")
      c.ref = value;
    else if (tag == "PackageVersion")
      c.version = value;
    else if (tag == "PackageFileName")
      c.file_name = value;
    else if (tag == "PackageSupplier")
      Actor(value, c.supplier);
    else if (tag == "PackageOriginator")
      Actor(value, c.manufacturer);
    else if (tag == "PackageLicenseDeclared")
      AddSpdxLicense(value, c.declared_licenses);
    else if (tag == "PackageLicenseConcluded")
      AddSpdxLicense(value, c.concluded_licenses);
    else if (tag == "PackageCopyrightText")
      c.copyright = value;
    else if (tag == "PackageDescription")
      c.description = value;
    else if (tag == "PrimaryPackagePurpose")
      c.type = Lower(value);
    else if (tag == "PackageChecksum") {
      auto colon = value.find(':');
      if (colon == std::string::npos) {
        Diagnose(Diagnostic::Severity::kWarning, line_, 1,
                 "PackageChecksum needs \"ALGORITHM: value\"");
        return;
      }
      c.hashes.push_back({std::string(Trim(std::string_view(value).substr(0, colon))),
                          std::string(Trim(std::string_view(value).substr(colon + 1)))});
    } else if (tag == "ExternalRef") {
      auto words = Words(value, 3);
      if (words.size() != 3) {
        Diagnose(Diagnostic::Severity::kWarning, line_, 1,
                 "ExternalRef needs \"CATEGORY TYPE LOCATOR\"");
        return;
      }
      AddSpdxExternalRef(words[0], words[1], words[2], {}, c);
    } else if (tag == "ExternalRefComment" && !c.external_references.empty()) {
      c.external_references.back().comment = value;
    } else if (tag == "PackageDownloadLocation" && value != "NOASSERTION" && value != "NONE") {
      c.external_references.push_back({"distribution", value, {}, {}});
    }
  }

  static std::string Lower(std::string s) {
    for (char& ch : s) {
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
      if (ch == '_') ch = '-';
    }
    return s;
  }

  static void Actor(const std::string& text, std::optional<Party>& out) {
    SpdxActor actor = ParseSpdxActor(text);
    if (!actor.kind.empty()) out = ToParty(actor);
  }

  void Relationship_(const std::string& value, Document& doc) {
    auto words = Words(value, 3);
    if (words.size() != 3) {
      Diagnose(Diagnostic::Severity::kError, line_, 1,
               "Relationship needs \"SPDXID TYPE SPDXID\", found \"" + value + "\"");
      return;
    }
    doc.relationships.push_back(
        {std::string(words[0]), std::string(words[1]), std::string(words[2])});
  }

  std::string_view text_;
  const Limits& limits_;
  Parsed<Document>& out_;
  std::size_t line_ = 0;
  bool in_package_ = false;
  bool in_other_ = false;
  std::string file_owner_;  // the package the file being read belongs to
  bool failed_ = false;
  std::vector<std::string> described_;
};

}  // namespace

void ReadSpdxTagValue(std::string_view bytes, const Limits& limits, Parsed<Document>& out) {
  Document doc;
  if (TagValue(bytes, limits, out).Read(doc)) out.value = std::move(doc);
}

}  // namespace craft::sbom::parse
