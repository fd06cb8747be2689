#include "sbom/validate/validate.h"

#include <iterator>

#include "sbom/parse/json_dom.h"
#include "sbom/validate/cyclonedx_json_schema.h"
#include "sbom/validate/cyclonedx_xml_schema.h"
#include "sbom/validate/spdx_rules.h"

namespace craft::sbom {
namespace {

std::vector<Diagnostic> ValidateBody(std::string_view bytes, const Document& doc,
                                     const parse::JsonDom* json) {
  switch (doc.format) {
    case Format::kCycloneDxXml:
      return ValidateCycloneDxXml(bytes, doc.spec_version);
    case Format::kCycloneDxJson:
      if (json != nullptr) return ValidateCycloneDxJson(json->root, doc.spec_version);
      return ValidateCycloneDxJson(bytes, doc.spec_version);
    case Format::kSpdxJson:
    case Format::kSpdxTagValue:
      return ValidateSpdx2(bytes, doc.format);
    case Format::kSpdx3JsonLd:
      return ValidateSpdx3(bytes);
  }
  return {};
}

}  // namespace

std::vector<Diagnostic> ValidateAgainstSpec(std::string_view bytes, const Document& doc) {
  return ValidateAgainstSpec(bytes, doc, nullptr);
}

std::vector<Diagnostic> ValidateAgainstSpec(std::string_view bytes, const Document& doc,
                                            const parse::JsonDom* json) {
  // A UTF-8 byte order mark is skipped, as the reader skips it (RFC 8259 lets a JSON parser
  // ignore one; XML allows it). Outside XML it earns a warning: other tools refuse such files.
  constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
  std::vector<Diagnostic> found;
  if (bytes.starts_with(kByteOrderMark)) {
    bytes.remove_prefix(kByteOrderMark.size());
    if (doc.format != Format::kCycloneDxXml) {
      found.push_back({Diagnostic::Severity::kWarning, "1:1",
                       "the file starts with a UTF-8 byte order mark (EF BB BF), which RFC 8259 "
                       "does not allow in JSON and SPDX does not expect; it was ignored, but "
                       "other tools may refuse the file"});
    }
  }
  std::vector<Diagnostic> rest = ValidateBody(bytes, doc, json);
  if (found.empty()) return rest;
  found.insert(found.end(), std::make_move_iterator(rest.begin()),
               std::make_move_iterator(rest.end()));
  return found;
}

}  // namespace craft::sbom
