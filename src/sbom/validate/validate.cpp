#include "sbom/validate/validate.h"

#include "sbom/validate/cyclonedx_json_schema.h"
#include "sbom/validate/cyclonedx_xml_schema.h"
#include "sbom/validate/spdx_rules.h"

namespace craft::sbom {

std::vector<Diagnostic> ValidateAgainstSpec(std::string_view bytes, const Document& doc) {
  switch (doc.format) {
    case Format::kCycloneDxXml:
      return ValidateCycloneDxXml(bytes, doc.spec_version);
    case Format::kCycloneDxJson:
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
