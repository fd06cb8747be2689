#pragma once
// The closed vocabularies of the Cyber Resilience Act as craft records them (CRA.md): product
// categories and their subcategories, roles, conformity assessment types, release states,
// document types, user roles and API key scopes. Each has a stable snake_case spelling used in the
// API, the database and exports. Pure: no I/O.

#include <optional>
#include <span>
#include <string_view>

namespace craft::core {

enum class Category { kDefault, kImportantClassI, kImportantClassII, kCritical };
enum class ProductType { kSoftware, kHardware, kMixed };
enum class CraRole { kManufacturer, kImporter, kDistributor };
enum class ConformityAssessmentType {
  kSelfAssessment,             // module A
  kThirdPartyTypeExamination,  // modules B + C
  kThirdPartyFullQa,           // module H
  kEuCertification,            // European cybersecurity certification scheme
};
enum class ReleaseState { kDraft, kPendingReview, kApproved, kReleased, kDeprecated, kEndOfLife };
enum class DocumentType {
  kRiskAssessment,
  kEuDeclarationOfConformity,
  kUserManual,
  kTechnicalDocumentation,
  kHarmonisedStandards,
  kVulnerabilityPolicy,
  kCoordinatedDisclosurePolicy,
  kSecurityAdvisory,
  kUpdateMechanismDocumentation,
  kSecureDevelopmentPolicy,
  kUii,
  kTestReport,
  kThirdPartyAudit,
  kPenetrationTestReport,
  kArchitectureDiagram,
  kThreatModel,
  kConformityCertificate,
  kSupportPeriodJustification,
  kSupplierDueDiligence,
  kOther,
};
enum class Role { kViewer, kMember, kAdmin, kOwner };  // ordered: a higher role includes a lower

// Spellings, in enum order.
std::span<const std::string_view> CategoryNames();
std::span<const std::string_view> ProductTypeNames();
std::span<const std::string_view> CraRoleNames();
std::span<const std::string_view> ConformityAssessmentTypeNames();
std::span<const std::string_view> ReleaseStateNames();
std::span<const std::string_view> DocumentTypeNames();
std::span<const std::string_view> RoleNames();

std::string_view ToString(Category v);
std::string_view ToString(ProductType v);
std::string_view ToString(CraRole v);
std::string_view ToString(ConformityAssessmentType v);
std::string_view ToString(ReleaseState v);
std::string_view ToString(DocumentType v);
std::string_view ToString(Role v);

// Each returns nullopt for a spelling that is not in the vocabulary (case-sensitive).
std::optional<Category> ParseCategory(std::string_view s);
std::optional<ProductType> ParseProductType(std::string_view s);
std::optional<CraRole> ParseCraRole(std::string_view s);
std::optional<ConformityAssessmentType> ParseConformityAssessmentType(std::string_view s);
std::optional<ReleaseState> ParseReleaseState(std::string_view s);
std::optional<DocumentType> ParseDocumentType(std::string_view s);
std::optional<Role> ParseRole(std::string_view s);

// The subcategories of Annex III (classes I and II) and Annex IV (critical) allowed for a
// category; empty for `default`.
std::span<const std::string_view> SubcategoriesOf(Category category);

// True for the two-letter codes of the 27 EU member states (ISO 3166-1 alpha-2, with "GR" for
// Greece; "EL" is accepted as the EU's own spelling).
bool IsEuMemberState(std::string_view code);

// True when a released or later state: the version has left the drafting stage.
bool IsReleasedState(ReleaseState state);

}  // namespace craft::core
