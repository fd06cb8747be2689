#include "store/sqlite/rows.h"

#include <nlohmann/json.hpp>

#include "core/vocabulary.h"
#include "store/model_json.h"
#include "store/store.h"

namespace craft::store::sqlite {
namespace {

constexpr std::string_view kOrganisationFields =
    "name, legal_name, address_line1, address_line2, address_city, address_postal_code, "
    "address_country, contact_email, website, vulnerability_contact_point, csirt_member_state, "
    "sbom_quality_threshold";
constexpr std::string_view kProductFields =
    "name, slug, description, intended_purpose, category, subcategory, product_type, cra_role, "
    "target_markets, open_source, technical_documentation_public";
constexpr std::string_view kVersionFields =
    "version, release_date, end_of_support, support_period_justification, "
    "harmonised_standards_applied, conformity_assessment_type, notified_body, "
    "ce_marking_applied, ce_marking_date, ce_marking_applied_by, secure_by_default, "
    "first_placed_on_market, last_placed_on_market, release_state, supersedes";

std::string Qualified(std::string_view alias, std::string_view columns) {
  std::string out;
  while (!columns.empty()) {
    const auto comma = columns.find(',');
    std::string_view name = columns.substr(0, comma);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    if (!out.empty()) out += ", ";
    out += alias;
    out += '.';
    out += name;
    columns = comma == std::string_view::npos ? std::string_view() : columns.substr(comma + 1);
  }
  return out;
}

[[noreturn]] void Corrupt(std::string_view what, std::string_view text) {
  throw StoreError(
      StoreErrorKind::kUnavailable,
      "the database holds an unreadable " + std::string(what) + ": '" + std::string(text) + "'");
}

template <typename E>
E Vocabulary(std::optional<E> (*parse)(std::string_view), const Statement& st, int column,
             std::string_view what) {
  const std::string_view text = st.TextView(column);
  const std::optional<E> value = parse(text);
  if (!value) Corrupt(what, text);
  return *value;
}

std::optional<core::Date> OptDate(const Statement& st, int column) {
  if (st.IsNull(column)) return std::nullopt;
  const auto date = core::ParseDate(st.TextView(column));
  if (!date) Corrupt("date", st.TextView(column));
  return date;
}

std::optional<std::string> OptDateText(const std::optional<core::Date>& date) {
  if (!date) return std::nullopt;
  return core::FormatDate(*date);
}

std::optional<core::HarmonisedStandardsApplied> OptStandards(const Statement& st, int column) {
  if (st.IsNull(column)) return std::nullopt;
  const auto parsed = nlohmann::json::parse(st.TextView(column), nullptr, false);
  auto standards = HarmonisedStandardsAppliedFromJson(parsed);
  if (!standards) Corrupt("list of harmonised standards", st.TextView(column));
  return standards;
}

}  // namespace

std::string OrganisationColumns(std::string_view alias) {
  return Qualified(alias,
                   "seq, id, " + std::string(kOrganisationFields) + ", created_at, updated_at");
}
std::string UserColumns(std::string_view alias) {
  return Qualified(alias, "seq, id, email, name, created_at");
}
std::string ApiKeyColumns(std::string_view alias) {
  return Qualified(alias,
                   "seq, id, organisation_id, user_id, name, prefix, scopes, expires_at, "
                   "revoked_at, last_used_at, created_at");
}
std::string ProductColumns(std::string_view alias) {
  return Qualified(alias, "seq, id, organisation_id, " + std::string(kProductFields) +
                              ", created_at, updated_at");
}
std::string VersionColumns(std::string_view alias) {
  return Qualified(
      alias, "seq, id, product_id, " + std::string(kVersionFields) + ", created_at, updated_at");
}
std::string DocumentColumns(std::string_view alias) {
  return Qualified(alias,
                   "seq, id, organisation_id, version_id, type, title, file_name, media_type, "
                   "size, sha256, uploaded_by, uploaded_at");
}
std::string AuditColumns(std::string_view alias) {
  return Qualified(alias,
                   "seq, id, organisation_id, at, actor, action, entity_type, entity_id, "
                   "before_json, after_json, prev_hash, hash");
}

std::string_view OrganisationFieldColumns() { return kOrganisationFields; }
std::string_view ProductFieldColumns() { return kProductFields; }
std::string_view VersionFieldColumns() { return kVersionFields; }

std::string Placeholders(std::string_view columns) {
  std::string out = "?";
  for (char c : columns) {
    if (c == ',') out += ", ?";
  }
  return out;
}

void BindOrganisationFields(Statement& st, const core::Organisation& o) {
  st.Bind(o.name).Bind(o.legal_name).Bind(o.address.line1).Bind(o.address.line2);
  st.Bind(o.address.city).Bind(o.address.postal_code).Bind(o.address.country);
  st.Bind(o.contact_email).Bind(o.website).Bind(o.vulnerability_contact_point);
  st.Bind(o.csirt_member_state).Bind(o.sbom_quality_threshold);
}

void BindProductFields(Statement& st, const core::Product& p) {
  st.Bind(p.name).Bind(p.slug).Bind(p.description).Bind(p.intended_purpose);
  st.Bind(core::ToString(p.category)).Bind(p.subcategory).Bind(core::ToString(p.product_type));
  st.Bind(core::ToString(p.cra_role)).Bind(StringListToJson(p.target_markets));
  st.Bind(p.open_source).Bind(p.technical_documentation_public);
}

void BindVersionFields(Statement& st, const core::Version& v) {
  std::optional<std::string> standards;
  if (v.harmonised_standards_applied) {
    standards = ToJson(*v.harmonised_standards_applied).dump();
  }
  std::optional<std::string> conformity;
  if (v.conformity_assessment_type) {
    conformity = std::string(core::ToString(*v.conformity_assessment_type));
  }
  st.Bind(v.version).Bind(OptDateText(v.release_date)).Bind(OptDateText(v.end_of_support));
  st.Bind(v.support_period_justification).Bind(standards).Bind(conformity).Bind(v.notified_body);
  st.Bind(v.ce_marking.applied).Bind(OptDateText(v.ce_marking.date));
  st.Bind(v.ce_marking.applied_by).Bind(v.secure_by_default);
  st.Bind(OptDateText(v.first_placed_on_market)).Bind(OptDateText(v.last_placed_on_market));
  st.Bind(core::ToString(v.release_state)).Bind(v.supersedes);
}

core::Organisation ReadOrganisation(const Statement& st) {
  core::Organisation o;
  o.id = st.Text(1);
  o.name = st.Text(2);
  o.legal_name = st.Text(3);
  o.address.line1 = st.Text(4);
  o.address.line2 = st.Text(5);
  o.address.city = st.Text(6);
  o.address.postal_code = st.Text(7);
  o.address.country = st.Text(8);
  o.contact_email = st.Text(9);
  o.website = st.Text(10);
  o.vulnerability_contact_point = st.Text(11);
  o.csirt_member_state = st.Text(12);
  o.sbom_quality_threshold = static_cast<int>(st.Int(13));
  o.created_at = st.Int(14);
  o.updated_at = st.Int(15);
  return o;
}

core::User ReadUser(const Statement& st) {
  core::User u;
  u.id = st.Text(1);
  u.email = st.Text(2);  // NULL reads as ""
  u.name = st.Text(3);
  u.created_at = st.Int(4);
  return u;
}

core::ApiKey ReadApiKey(const Statement& st) {
  core::ApiKey k;
  k.id = st.Text(1);
  k.organisation_id = st.Text(2);
  k.user_id = st.Text(3);
  k.name = st.Text(4);
  k.prefix = st.Text(5);
  k.scopes = StringListFromJson(st.TextView(6));
  k.expires_at = st.OptInt(7);
  k.revoked_at = st.OptInt(8);
  k.last_used_at = st.OptInt(9);
  k.created_at = st.Int(10);
  return k;
}

core::Product ReadProduct(const Statement& st) {
  core::Product p;
  p.id = st.Text(1);
  p.organisation_id = st.Text(2);
  p.name = st.Text(3);
  p.slug = st.Text(4);
  p.description = st.Text(5);
  p.intended_purpose = st.Text(6);
  p.category = Vocabulary(core::ParseCategory, st, 7, "category");
  p.subcategory = st.OptText(8);
  p.product_type = Vocabulary(core::ParseProductType, st, 9, "product type");
  p.cra_role = Vocabulary(core::ParseCraRole, st, 10, "CRA role");
  p.target_markets = StringListFromJson(st.TextView(11));
  p.open_source = st.Bool(12);
  p.technical_documentation_public = st.Bool(13);
  p.created_at = st.Int(14);
  p.updated_at = st.Int(15);
  return p;
}

core::Version ReadVersion(const Statement& st) {
  core::Version v;
  v.id = st.Text(1);
  v.product_id = st.Text(2);
  v.version = st.Text(3);
  v.release_date = OptDate(st, 4);
  v.end_of_support = OptDate(st, 5);
  v.support_period_justification = st.Text(6);
  v.harmonised_standards_applied = OptStandards(st, 7);
  if (!st.IsNull(8)) {
    v.conformity_assessment_type =
        Vocabulary(core::ParseConformityAssessmentType, st, 8, "conformity assessment type");
  }
  v.notified_body = st.Text(9);
  v.ce_marking.applied = st.Bool(10);
  v.ce_marking.date = OptDate(st, 11);
  v.ce_marking.applied_by = st.Text(12);
  v.secure_by_default = st.Bool(13);
  v.first_placed_on_market = OptDate(st, 14);
  v.last_placed_on_market = OptDate(st, 15);
  v.release_state = Vocabulary(core::ParseReleaseState, st, 16, "release state");
  v.supersedes = st.OptText(17);
  v.created_at = st.Int(18);
  v.updated_at = st.Int(19);
  return v;
}

core::Document ReadDocument(const Statement& st) {
  core::Document d;
  d.id = st.Text(1);
  d.organisation_id = st.Text(2);
  d.version_id = st.Text(3);
  d.type = Vocabulary(core::ParseDocumentType, st, 4, "document type");
  d.title = st.Text(5);
  d.file_name = st.Text(6);
  d.media_type = st.Text(7);
  d.size = static_cast<std::uint64_t>(st.Int(8));
  d.sha256 = st.Text(9);
  d.uploaded_by = st.Text(10);
  d.uploaded_at = st.Int(11);
  return d;
}

core::AuditEntry ReadAuditEntry(const Statement& st) {
  core::AuditEntry e;
  e.seq = st.Int(0);
  e.id = st.Text(1);
  e.organisation_id = st.Text(2);
  e.at = st.Int(3);
  e.actor = st.Text(4);
  e.action = st.Text(5);
  e.entity_type = st.Text(6);
  e.entity_id = st.Text(7);
  e.before = st.Text(8);
  e.after = st.Text(9);
  e.prev_hash = st.Text(10);
  e.hash = st.Text(11);
  return e;
}

std::string StringListToJson(const std::vector<std::string>& list) {
  return nlohmann::json(list).dump();
}

std::vector<std::string> StringListFromJson(std::string_view text) {
  const auto parsed = nlohmann::json::parse(text, nullptr, false);
  if (!parsed.is_array()) Corrupt("list", text);
  std::vector<std::string> list;
  list.reserve(parsed.size());
  for (const auto& item : parsed) {
    if (!item.is_string()) Corrupt("list", text);
    list.push_back(item.get<std::string>());
  }
  return list;
}

}  // namespace craft::store::sqlite
