#include "core/conformity.h"

namespace craft::core {

bool AppliedInFull(const HarmonisedStandardsApplied& standards) {
  if (standards.none) return false;
  for (const auto& s : standards.standards) {
    if (s.applied_in_full) return true;
  }
  return false;
}

bool NeedsNotifiedBody(ConformityAssessmentType type) {
  return type == ConformityAssessmentType::kThirdPartyTypeExamination ||
         type == ConformityAssessmentType::kThirdPartyFullQa;
}

ConformityVerdict AssessConformityType(const Product& product, ConformityAssessmentType type,
                                       const std::optional<HarmonisedStandardsApplied>& standards) {
  if (type != ConformityAssessmentType::kSelfAssessment) return {};
  const bool foss_exemption = product.open_source && product.technical_documentation_public;
  switch (product.category) {
    case Category::kDefault:
      return {};
    case Category::kImportantClassI:
      if (standards && AppliedInFull(*standards)) return {};
      if (foss_exemption) return {};
      return {false,
              "an important product of class I may use self-assessment (module A) only when "
              "harmonised standards, common specifications or a certification scheme were "
              "applied in full (Article 32(2)); otherwise use modules B+C, H or certification"};
    case Category::kImportantClassII:
      if (foss_exemption) return {};
      return {false,
              "an important product of class II may not use self-assessment (module A); use "
              "modules B+C, H or a European cybersecurity certification scheme (Article 32(3))"};
    case Category::kCritical:
      return {false,
              "a critical product needs a European cybersecurity certification scheme where a "
              "delegated act requires one, otherwise modules B+C or H; self-assessment is not "
              "allowed (Article 32(4))"};
  }
  return {};
}

}  // namespace craft::core
