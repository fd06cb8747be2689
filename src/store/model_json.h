#pragma once
// The JSON shapes of the evidence model, as the API returns them and as the audit log records them
// (`before` / `after`). Timestamps are RFC 3339 UTC strings, dates "YYYY-MM-DD", vocabulary values
// their snake_case spelling; an absent optional value is null. Secrets, password hashes and the
// owning organisation id never appear. Pure functions.

#include <nlohmann/json.hpp>
#include <optional>

#include "core/model.h"

namespace craft::store {

// {id, name, legal_name, address:{line1, line2, city, postal_code, country}, contact_email,
//  website, vulnerability_contact_point, csirt_member_state, sbom_quality_threshold, created_at,
//  updated_at}
nlohmann::json ToJson(const core::Organisation& org);

// {id, name, slug, description, intended_purpose, category, subcategory, product_type, cra_role,
//  target_markets, open_source, technical_documentation_public, created_at, updated_at}
nlohmann::json ToJson(const core::Product& product);

// The string "none" when `none` is set, else an array of
// {reference, title, applied_in_full, parts_applied}.
nlohmann::json ToJson(const core::HarmonisedStandardsApplied& applied);

// The inverse of ToJson(HarmonisedStandardsApplied): accepts "none" or an array of objects with a
// non-empty string `reference` (the other members optional, `applied_in_full` defaulting to true).
// Returns nullopt for anything else.
std::optional<core::HarmonisedStandardsApplied> HarmonisedStandardsAppliedFromJson(
    const nlohmann::json& json);

// {id, product_id, version, release_date, end_of_support, support_period_justification,
//  harmonised_standards_applied (null when unset), conformity_assessment_type, notified_body,
//  ce_marking:{applied, date, applied_by}, secure_by_default, first_placed_on_market,
//  last_placed_on_market, release_state, supersedes, created_at, updated_at}
nlohmann::json ToJson(const core::Version& version);

// {id, version_id, type, title, file_name, media_type, size, sha256, uploaded_by, uploaded_at,
//  inherited, inherited_from_version_id}
nlohmann::json ToJson(const core::Document& document);

// {id, name, prefix, scopes, user_id, expires_at, revoked_at, last_used_at, created_at}
nlohmann::json ToJson(const core::ApiKey& key);

// {seq, id, at, actor, action, entity_type, entity_id, before, after, prev_hash, hash}; `before`
// and `after` are the recorded JSON parsed (null when empty; the raw text if it is not JSON).
nlohmann::json ToJson(const core::AuditEntry& entry);

// {id, email (null when the user has none), name, role}
nlohmann::json ToJson(const core::User& user, core::Role role);

}  // namespace craft::store
