#include "sbom/validate/validate.h"

#include "sbom/parse/json_dom.h"
#include "sbom/validate/cyclonedx_json_schema.h"
#include "sbom/validate/cyclonedx_xml_schema.h"
#include "sbom/validate/spdx_rules.h"

namespace craft::sbom {

std::vector<Diagnostic> ValidateAgainstSpec(std::string_view bytes, const Document& doc) {
  return ValidateAgainstSpec(bytes, doc, nullptr);
}

std::vector<Diagnostic> ValidateAgainstSpec(std::string_view bytes, const Document& doc,
                                            const parse::JsonDom* json) {
  switch (doc.format) {
    case Format::kCycloneDxXml:
      return ValidateCycloneDxXml(bytes, doc.spec_version);
    case Format::kCycloneDxJson:
      // The validator has always read the bytes as given, byte order mark included (which it
      // refuses as malformed JSON while the reader skips it): such input is still parsed again.
      if (json != nullptr && !bytes.starts_with("\xEF\xBB\xBF")) {
        return ValidateCycloneDxJson(json->root, doc.spec_version);
      }
      return ValidateCycloneDxJson(bytes, doc.spec_version);
    case Format::kSpdxJson:
    case Format::kSpdxTagValue:
      return ValidateSpdx2(bytes, doc.format);
    case Format::kSpdx3JsonLd:
      return ValidateSpdx3(bytes);
  }
  return {};
}

}  // namespace craft::sbom
