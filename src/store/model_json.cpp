#include "store/model_json.h"

#include "core/date.h"
#include "core/vocabulary.h"

namespace craft::store {
namespace {

using nlohmann::json;

json DateOrNull(const std::optional<core::Date>& date) {
  return date ? json(core::FormatDate(*date)) : json(nullptr);
}

json TimestampOrNull(const std::optional<std::int64_t>& at) {
  return at ? json(core::FormatTimestamp(*at)) : json(nullptr);
}

json StringOrNull(const std::optional<std::string>& text) {
  return text ? json(*text) : json(nullptr);
}

json ParsedOrNull(const std::string& text) {
  if (text.empty()) return nullptr;
  json parsed = json::parse(text, nullptr, false);
  return parsed.is_discarded() ? json(text) : parsed;
}

}  // namespace

json ToJson(const core::Organisation& org) {
  return {
      {"id", org.id},
      {"name", org.name},
      {"legal_name", org.legal_name},
      {"address",
       {{"line1", org.address.line1},
        {"line2", org.address.line2},
        {"city", org.address.city},
        {"postal_code", org.address.postal_code},
        {"country", org.address.country}}},
      {"contact_email", org.contact_email},
      {"website", org.website},
      {"vulnerability_contact_point", org.vulnerability_contact_point},
      {"csirt_member_state", org.csirt_member_state},
      {"sbom_quality_threshold", org.sbom_quality_threshold},
      {"created_at", core::FormatTimestamp(org.created_at)},
      {"updated_at", core::FormatTimestamp(org.updated_at)},
  };
}

json ToJson(const core::Product& product) {
  return {
      {"id", product.id},
      {"name", product.name},
      {"slug", product.slug},
      {"description", product.description},
      {"intended_purpose", product.intended_purpose},
      {"category", core::ToString(product.category)},
      {"subcategory", StringOrNull(product.subcategory)},
      {"product_type", core::ToString(product.product_type)},
      {"cra_role", core::ToString(product.cra_role)},
      {"target_markets", product.target_markets},
      {"open_source", product.open_source},
      {"technical_documentation_public", product.technical_documentation_public},
      {"created_at", core::FormatTimestamp(product.created_at)},
      {"updated_at", core::FormatTimestamp(product.updated_at)},
  };
}

json ToJson(const core::HarmonisedStandardsApplied& applied) {
  if (applied.none) return "none";
  json list = json::array();
  for (const core::HarmonisedStandard& s : applied.standards) {
    list.push_back({{"reference", s.reference},
                    {"title", s.title},
                    {"applied_in_full", s.applied_in_full},
                    {"parts_applied", s.parts_applied}});
  }
  return list;
}

std::optional<core::HarmonisedStandardsApplied> HarmonisedStandardsAppliedFromJson(
    const json& value) {
  core::HarmonisedStandardsApplied applied;
  if (value.is_string() && value.get_ref<const std::string&>() == "none") {
    applied.none = true;
    return applied;
  }
  if (!value.is_array()) return std::nullopt;
  for (const json& item : value) {
    if (!item.is_object()) return std::nullopt;
    core::HarmonisedStandard s;
    const auto reference = item.find("reference");
    if (reference == item.end() || !reference->is_string()) return std::nullopt;
    s.reference = reference->get<std::string>();
    if (s.reference.empty()) return std::nullopt;
    const auto title = item.find("title");
    const auto in_full = item.find("applied_in_full");
    const auto parts = item.find("parts_applied");
    if (title != item.end() && !title->is_null()) {
      if (!title->is_string()) return std::nullopt;
      s.title = title->get<std::string>();
    }
    if (in_full != item.end() && !in_full->is_null()) {
      if (!in_full->is_boolean()) return std::nullopt;
      s.applied_in_full = in_full->get<bool>();
    }
    if (parts != item.end() && !parts->is_null()) {
      if (!parts->is_string()) return std::nullopt;
      s.parts_applied = parts->get<std::string>();
    }
    applied.standards.push_back(std::move(s));
  }
  return applied;
}

json ToJson(const core::Version& v) {
  json conformity = nullptr;
  if (v.conformity_assessment_type) conformity = core::ToString(*v.conformity_assessment_type);
  json standards = nullptr;
  if (v.harmonised_standards_applied) standards = ToJson(*v.harmonised_standards_applied);
  return {
      {"id", v.id},
      {"product_id", v.product_id},
      {"version", v.version},
      {"release_date", DateOrNull(v.release_date)},
      {"end_of_support", DateOrNull(v.end_of_support)},
      {"support_period_justification", v.support_period_justification},
      {"harmonised_standards_applied", std::move(standards)},
      {"conformity_assessment_type", std::move(conformity)},
      {"notified_body", v.notified_body},
      {"ce_marking",
       {{"applied", v.ce_marking.applied},
        {"date", DateOrNull(v.ce_marking.date)},
        {"applied_by", v.ce_marking.applied_by}}},
      {"secure_by_default", v.secure_by_default},
      {"first_placed_on_market", DateOrNull(v.first_placed_on_market)},
      {"last_placed_on_market", DateOrNull(v.last_placed_on_market)},
      {"release_state", core::ToString(v.release_state)},
      {"supersedes", StringOrNull(v.supersedes)},
      {"created_at", core::FormatTimestamp(v.created_at)},
      {"updated_at", core::FormatTimestamp(v.updated_at)},
  };
}

json ToJson(const core::Document& d) {
  return {
      {"id", d.id},
      {"version_id", d.version_id},
      {"type", core::ToString(d.type)},
      {"title", d.title},
      {"file_name", d.file_name},
      {"media_type", d.media_type},
      {"size", d.size},
      {"sha256", d.sha256},
      {"uploaded_by", d.uploaded_by},
      {"uploaded_at", core::FormatTimestamp(d.uploaded_at)},
      {"inherited", d.inherited_from_version_id.has_value()},
      {"inherited_from_version_id", StringOrNull(d.inherited_from_version_id)},
  };
}

json ToJson(const core::ApiKey& key) {
  return {
      {"id", key.id},
      {"name", key.name},
      {"prefix", key.prefix},
      {"scopes", key.scopes},
      {"user_id", key.user_id},
      {"expires_at", TimestampOrNull(key.expires_at)},
      {"revoked_at", TimestampOrNull(key.revoked_at)},
      {"last_used_at", TimestampOrNull(key.last_used_at)},
      {"created_at", core::FormatTimestamp(key.created_at)},
  };
}

json ToJson(const core::AuditEntry& e) {
  return {
      {"seq", e.seq},
      {"id", e.id},
      {"at", core::FormatTimestamp(e.at)},
      {"actor", e.actor},
      {"action", e.action},
      {"entity_type", e.entity_type},
      {"entity_id", e.entity_id},
      {"before", ParsedOrNull(e.before)},
      {"after", ParsedOrNull(e.after)},
      {"prev_hash", e.prev_hash},
      {"hash", e.hash},
  };
}

json ToJson(const core::User& user, core::Role role) {
  return {
      {"id", user.id},
      {"email", user.email.empty() ? json(nullptr) : json(user.email)},
      {"name", user.name},
      {"role", core::ToString(role)},
  };
}

}  // namespace craft::store
