#include "core/vocabulary.h"

#include <algorithm>
#include <array>

namespace craft::core {
namespace {

constexpr std::array<std::string_view, 4> kCategories = {"default", "important_class_i",
                                                         "important_class_ii", "critical"};
constexpr std::array<std::string_view, 3> kProductTypes = {"software", "hardware", "mixed"};
constexpr std::array<std::string_view, 3> kCraRoles = {"manufacturer", "importer", "distributor"};
constexpr std::array<std::string_view, 4> kConformity = {
    "self_assessment", "third_party_type_examination", "third_party_full_qa", "eu_certification"};
constexpr std::array<std::string_view, 6> kReleaseStates = {
    "draft", "pending_review", "approved", "released", "deprecated", "end_of_life"};
constexpr std::array<std::string_view, 20> kDocumentTypes = {
    "risk_assessment",
    "eu_declaration_of_conformity",
    "user_manual",
    "technical_documentation",
    "harmonised_standards",
    "vulnerability_policy",
    "coordinated_disclosure_policy",
    "security_advisory",
    "update_mechanism_documentation",
    "secure_development_policy",
    "uii",
    "test_report",
    "third_party_audit",
    "penetration_test_report",
    "architecture_diagram",
    "threat_model",
    "conformity_certificate",
    "support_period_justification",
    "supplier_due_diligence",
    "other",
};
constexpr std::array<std::string_view, 4> kRoles = {"viewer", "member", "admin", "owner"};

// Annex III class I, 19 kinds.
constexpr std::array<std::string_view, 19> kClassI = {
    "identity_management_privileged_access",
    "browsers",
    "password_managers",
    "anti_malware",
    "vpn",
    "network_management_systems",
    "siem",
    "boot_managers",
    "pki_certificate_issuance",
    "network_interfaces",
    "operating_systems",
    "routers_modems_switches",
    "microprocessors_with_security_functions",
    "microcontrollers_with_security_functions",
    "asics_fpgas_with_security_functions",
    "smart_home_virtual_assistants",
    "smart_home_security_products",
    "connected_toys",
    "personal_wearables",
};
// Annex III class II, 4 kinds.
constexpr std::array<std::string_view, 4> kClassII = {
    "hypervisors_container_runtimes",
    "firewalls_intrusion_detection_prevention",
    "tamper_resistant_microprocessors",
    "tamper_resistant_microcontrollers",
};
// Annex IV, 3 kinds.
constexpr std::array<std::string_view, 3> kCritical = {
    "hardware_devices_with_security_boxes",
    "smart_meter_gateways",
    "smartcards_secure_elements",
};

constexpr std::array<std::string_view, 28> kMemberStates = {
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "EL", "HU",
    "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"};

template <typename E, std::size_t N>
std::optional<E> Lookup(const std::array<std::string_view, N>& names, std::string_view s) {
  const auto it = std::find(names.begin(), names.end(), s);
  if (it == names.end()) return std::nullopt;
  return static_cast<E>(it - names.begin());
}

}  // namespace

std::span<const std::string_view> CategoryNames() { return kCategories; }
std::span<const std::string_view> ProductTypeNames() { return kProductTypes; }
std::span<const std::string_view> CraRoleNames() { return kCraRoles; }
std::span<const std::string_view> ConformityAssessmentTypeNames() { return kConformity; }
std::span<const std::string_view> ReleaseStateNames() { return kReleaseStates; }
std::span<const std::string_view> DocumentTypeNames() { return kDocumentTypes; }
std::span<const std::string_view> RoleNames() { return kRoles; }

std::string_view ToString(Category v) { return kCategories[static_cast<int>(v)]; }
std::string_view ToString(ProductType v) { return kProductTypes[static_cast<int>(v)]; }
std::string_view ToString(CraRole v) { return kCraRoles[static_cast<int>(v)]; }
std::string_view ToString(ConformityAssessmentType v) { return kConformity[static_cast<int>(v)]; }
std::string_view ToString(ReleaseState v) { return kReleaseStates[static_cast<int>(v)]; }
std::string_view ToString(DocumentType v) { return kDocumentTypes[static_cast<int>(v)]; }
std::string_view ToString(Role v) { return kRoles[static_cast<int>(v)]; }

std::optional<Category> ParseCategory(std::string_view s) {
  return Lookup<Category>(kCategories, s);
}
std::optional<ProductType> ParseProductType(std::string_view s) {
  return Lookup<ProductType>(kProductTypes, s);
}
std::optional<CraRole> ParseCraRole(std::string_view s) { return Lookup<CraRole>(kCraRoles, s); }
std::optional<ConformityAssessmentType> ParseConformityAssessmentType(std::string_view s) {
  return Lookup<ConformityAssessmentType>(kConformity, s);
}
std::optional<ReleaseState> ParseReleaseState(std::string_view s) {
  return Lookup<ReleaseState>(kReleaseStates, s);
}
std::optional<DocumentType> ParseDocumentType(std::string_view s) {
  return Lookup<DocumentType>(kDocumentTypes, s);
}
std::optional<Role> ParseRole(std::string_view s) { return Lookup<Role>(kRoles, s); }

std::span<const std::string_view> SubcategoriesOf(Category category) {
  switch (category) {
    case Category::kImportantClassI:
      return kClassI;
    case Category::kImportantClassII:
      return kClassII;
    case Category::kCritical:
      return kCritical;
    case Category::kDefault:
      break;
  }
  return {};
}

bool IsEuMemberState(std::string_view code) {
  return std::find(kMemberStates.begin(), kMemberStates.end(), code) != kMemberStates.end();
}

bool IsReleasedState(ReleaseState state) {
  return state == ReleaseState::kReleased || state == ReleaseState::kDeprecated ||
         state == ReleaseState::kEndOfLife;
}

}  // namespace craft::core
