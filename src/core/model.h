#pragma once
// The evidence model: plain data, as stored and as the rules read it. No I/O, no third-party types.
// Identifiers are UUID strings; timestamps are Unix seconds (UTC); dates are calendar dates.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/vocabulary.h"

namespace craft::core {

struct PostalAddress {
  std::string line1;
  std::string line2;
  std::string city;
  std::string postal_code;
  std::string country;  // ISO 3166-1 alpha-2
};

// The tenant: a manufacturer (or importer, distributor) with the user information of Annex II.
struct Organisation {
  std::string id;
  std::string name;        // display name
  std::string legal_name;  // Annex II (1)
  PostalAddress address;
  std::string contact_email;
  std::string website;
  std::string vulnerability_contact_point;  // Annex II (2): single point of contact
  std::string csirt_member_state;           // product decision: CSIRT of main establishment
  int sbom_quality_threshold = 80;          // 0..100
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

struct Product {
  std::string id;
  std::string organisation_id;
  std::string name;
  std::string slug;  // unique within the organisation
  std::string description;
  std::string intended_purpose;
  Category category = Category::kDefault;
  std::optional<std::string> subcategory;
  ProductType product_type = ProductType::kSoftware;
  CraRole cra_role = CraRole::kManufacturer;
  std::vector<std::string> target_markets;  // EU member state codes
  // Article 32(5): free and open-source products of class I/II may self-assess when their
  // technical documentation is public.
  bool open_source = false;
  bool technical_documentation_public = false;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

struct HarmonisedStandard {
  std::string reference;  // e.g. "EN 18031-1:2024"
  std::string title;
  bool applied_in_full = true;
  std::string parts_applied;  // which parts, when not in full
};

// Either a list of standards, or an explicit "none" (the essential requirements were met
// otherwise, see the documentation). Unset means nobody said anything yet.
struct HarmonisedStandardsApplied {
  bool none = false;
  std::vector<HarmonisedStandard> standards;
};

struct CeMarking {
  bool applied = false;
  std::optional<Date> date;
  std::string applied_by;
};

struct Version {
  std::string id;
  std::string product_id;
  std::string version;  // unique within the product
  std::optional<Date> release_date;
  std::optional<Date> end_of_support;
  std::string support_period_justification;
  std::optional<HarmonisedStandardsApplied> harmonised_standards_applied;
  std::optional<ConformityAssessmentType> conformity_assessment_type;
  std::string notified_body;  // name and number, when third-party
  CeMarking ce_marking;
  bool secure_by_default = false;
  std::optional<Date> first_placed_on_market;
  std::optional<Date> last_placed_on_market;
  ReleaseState release_state = ReleaseState::kDraft;
  std::optional<std::string> supersedes;  // version id
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

struct Document {
  std::string id;
  std::string organisation_id;
  std::string version_id;  // the version it was uploaded to
  DocumentType type = DocumentType::kOther;
  std::string title;
  std::string file_name;
  std::string media_type;
  std::uint64_t size = 0;
  std::string sha256;  // lowercase hex
  std::string uploaded_by;
  std::int64_t uploaded_at = 0;
  // Set when listed for a version other than the one it was uploaded to (carried over).
  std::optional<std::string> inherited_from_version_id;
};

struct User {
  std::string id;
  std::string email;
  std::string name;
  std::int64_t created_at = 0;
};

struct Membership {
  std::string user_id;
  std::string organisation_id;
  Role role = Role::kViewer;
};

struct ApiKey {
  std::string id;
  std::string organisation_id;
  std::string user_id;
  std::string name;
  std::string prefix;  // the first characters of the secret, to recognise it in lists
  std::vector<std::string> scopes;
  std::optional<std::int64_t> expires_at;
  std::optional<std::int64_t> revoked_at;
  std::optional<std::int64_t> last_used_at;
  std::int64_t created_at = 0;
};

struct AuditEntry {
  std::int64_t seq = 0;  // position in the chain, from 1
  std::string id;
  std::string organisation_id;  // empty for installation-wide events
  std::int64_t at = 0;
  std::string actor;   // "user:<id>", "key:<id>" or "system"
  std::string action;  // e.g. "product.create"
  std::string entity_type;
  std::string entity_id;
  std::string before;     // JSON text, empty when created
  std::string after;      // JSON text, empty when deleted
  std::string prev_hash;  // hex SHA-256 of the previous entry ("" for the first)
  std::string hash;       // hex SHA-256 of this entry (see audit_chain.h)
};

}  // namespace craft::core
