#include "store/model_json.h"

#include <gtest/gtest.h>

#include <set>

namespace craft::store {
namespace {

using nlohmann::json;
using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

std::set<std::string> Keys(const json& object) {
  std::set<std::string> keys;
  for (const auto& [key, value] : object.items()) keys.insert(key);
  return keys;
}

TEST(ModelJson, OrganisationShape) {
  core::Organisation o;
  o.id = "org-1";
  o.name = "Acme";
  o.legal_name = "Acme GmbH";
  o.address = {"Hauptstr. 1", "Hof", "Berlin", "10115", "DE"};
  o.sbom_quality_threshold = 75;
  o.created_at = 1750000000;
  o.updated_at = 1750000060;
  const json j = ToJson(o);
  EXPECT_EQ(Keys(j),
            (std::set<std::string>{"id", "name", "legal_name", "address", "contact_email",
                                   "website", "vulnerability_contact_point", "csirt_member_state",
                                   "sbom_quality_threshold", "created_at", "updated_at"}));
  EXPECT_EQ(j["address"], json({{"line1", "Hauptstr. 1"},
                                {"line2", "Hof"},
                                {"city", "Berlin"},
                                {"postal_code", "10115"},
                                {"country", "DE"}}));
  EXPECT_EQ(j["sbom_quality_threshold"], 75);
  EXPECT_EQ(j["created_at"], "2025-06-15T15:06:40Z");
  EXPECT_EQ(j["updated_at"], "2025-06-15T15:07:40Z");
}

TEST(ModelJson, ProductShape) {
  core::Product p;
  p.id = "p-1";
  p.organisation_id = "org-1";
  p.name = "Router";
  p.slug = "router";
  p.category = core::Category::kImportantClassI;
  p.subcategory = "routers_modems_switches";
  p.product_type = core::ProductType::kHardware;
  p.cra_role = core::CraRole::kImporter;
  p.target_markets = {"DE", "FR"};
  p.open_source = true;
  const json j = ToJson(p);
  EXPECT_EQ(Keys(j), (std::set<std::string>{
                         "id", "name", "slug", "description", "intended_purpose", "category",
                         "subcategory", "product_type", "cra_role", "target_markets", "open_source",
                         "technical_documentation_public", "created_at", "updated_at"}));
  EXPECT_EQ(j["category"], "important_class_i");
  EXPECT_EQ(j["subcategory"], "routers_modems_switches");
  EXPECT_EQ(j["product_type"], "hardware");
  EXPECT_EQ(j["cra_role"], "importer");
  EXPECT_EQ(j["target_markets"], json({"DE", "FR"}));
  EXPECT_EQ(j["open_source"], true);
  EXPECT_EQ(j["technical_documentation_public"], false);
  p.subcategory.reset();
  EXPECT_TRUE(ToJson(p)["subcategory"].is_null());
}

TEST(ModelJson, VersionShapeWithEverythingUnset) {
  core::Version v;
  v.id = "v-1";
  v.product_id = "p-1";
  v.version = "1.0.0";
  const json j = ToJson(v);
  EXPECT_EQ(Keys(j), (std::set<std::string>{
                         "id", "product_id", "version", "release_date", "end_of_support",
                         "support_period_justification", "harmonised_standards_applied",
                         "conformity_assessment_type", "notified_body", "ce_marking",
                         "secure_by_default", "first_placed_on_market", "last_placed_on_market",
                         "release_state", "supersedes", "created_at", "updated_at"}));
  for (const char* key : {"release_date", "end_of_support", "harmonised_standards_applied",
                          "conformity_assessment_type", "first_placed_on_market",
                          "last_placed_on_market", "supersedes"}) {
    EXPECT_TRUE(j[key].is_null()) << key;
  }
  EXPECT_EQ(j["ce_marking"], json({{"applied", false}, {"date", nullptr}, {"applied_by", ""}}));
  EXPECT_EQ(j["release_state"], "draft");
}

TEST(ModelJson, VersionShapeWithEverythingSet) {
  core::Version v;
  v.release_date = core::Date{year{2025}, month{3}, day{1}};
  v.end_of_support = core::Date{year{2030}, month{3}, day{1}};
  v.conformity_assessment_type = core::ConformityAssessmentType::kThirdPartyFullQa;
  v.ce_marking = {true, core::Date{year{2025}, month{2}, day{28}}, "Jane Doe"};
  v.release_state = core::ReleaseState::kReleased;
  v.supersedes = "v-0";
  v.harmonised_standards_applied = core::HarmonisedStandardsApplied{};
  const json j = ToJson(v);
  EXPECT_EQ(j["release_date"], "2025-03-01");
  EXPECT_EQ(j["end_of_support"], "2030-03-01");
  EXPECT_EQ(j["conformity_assessment_type"], "third_party_full_qa");
  EXPECT_EQ(j["ce_marking"],
            json({{"applied", true}, {"date", "2025-02-28"}, {"applied_by", "Jane Doe"}}));
  EXPECT_EQ(j["release_state"], "released");
  EXPECT_EQ(j["supersedes"], "v-0");
  EXPECT_EQ(j["harmonised_standards_applied"], json::array());
}

TEST(ModelJson, HarmonisedStandardsAreNoneOrAList) {
  core::HarmonisedStandardsApplied none;
  none.none = true;
  EXPECT_EQ(ToJson(none), "none");

  core::HarmonisedStandardsApplied some;
  some.standards.push_back({"EN 18031-1:2024", "Common security requirements", false, "6.1-6.3"});
  const json j = ToJson(some);
  EXPECT_EQ(j, json::parse(R"([{"reference":"EN 18031-1:2024",
      "title":"Common security requirements","applied_in_full":false,"parts_applied":"6.1-6.3"}])"));

  const auto back = HarmonisedStandardsAppliedFromJson(j);
  ASSERT_TRUE(back);
  EXPECT_FALSE(back->none);
  ASSERT_EQ(back->standards.size(), 1u);
  EXPECT_EQ(back->standards[0].reference, "EN 18031-1:2024");
  EXPECT_FALSE(back->standards[0].applied_in_full);
  EXPECT_EQ(back->standards[0].parts_applied, "6.1-6.3");
  EXPECT_TRUE(HarmonisedStandardsAppliedFromJson("none")->none);
}

TEST(ModelJson, HarmonisedStandardsRejectOtherShapes) {
  for (const char* bad :
       {R"("None")", "null", "{}", "42", R"([{"title":"no reference"}])", R"([{"reference":""}])",
        R"([{"reference":"EN 1","applied_in_full":1}])", R"(["EN 1"])"}) {
    EXPECT_FALSE(HarmonisedStandardsAppliedFromJson(json::parse(bad))) << bad;
  }
  const auto minimal = HarmonisedStandardsAppliedFromJson(json::parse(R"([{"reference":"EN 1"}])"));
  ASSERT_TRUE(minimal);
  EXPECT_TRUE(minimal->standards[0].applied_in_full);
}

TEST(ModelJson, DocumentShape) {
  core::Document d;
  d.id = "d-1";
  d.organisation_id = "org-1";
  d.version_id = "v-1";
  d.type = core::DocumentType::kEuDeclarationOfConformity;
  d.size = 1234;
  d.sha256 = std::string(64, 'a');
  d.uploaded_at = 1750000000;
  json j = ToJson(d);
  EXPECT_EQ(Keys(j),
            (std::set<std::string>{"id", "version_id", "type", "title", "file_name", "media_type",
                                   "size", "sha256", "uploaded_by", "uploaded_at", "inherited",
                                   "inherited_from_version_id"}));
  EXPECT_EQ(j["type"], "eu_declaration_of_conformity");
  EXPECT_EQ(j["size"], 1234);
  EXPECT_EQ(j["inherited"], false);
  EXPECT_TRUE(j["inherited_from_version_id"].is_null());
  d.inherited_from_version_id = "v-0";
  j = ToJson(d);
  EXPECT_EQ(j["inherited"], true);
  EXPECT_EQ(j["inherited_from_version_id"], "v-0");
}

TEST(ModelJson, ApiKeyShapeHasNoSecret) {
  core::ApiKey k;
  k.id = "k-1";
  k.name = "ci";
  k.prefix = "craft_AbCdEf";
  k.scopes = {"sbom:write"};
  k.user_id = "u-1";
  k.expires_at = 1750000000;
  const json j = ToJson(k);
  EXPECT_EQ(Keys(j),
            (std::set<std::string>{"id", "name", "prefix", "scopes", "user_id", "expires_at",
                                   "revoked_at", "last_used_at", "created_at"}));
  EXPECT_EQ(j["expires_at"], "2025-06-15T15:06:40Z");
  EXPECT_TRUE(j["revoked_at"].is_null());
  EXPECT_TRUE(j["last_used_at"].is_null());
  EXPECT_EQ(j["scopes"], json({"sbom:write"}));
}

TEST(ModelJson, AuditEntryShapeParsesBeforeAndAfter) {
  core::AuditEntry e;
  e.seq = 7;
  e.id = "a-7";
  e.at = 1750000000;
  e.action = "product.update";
  e.before = R"({"name":"old"})";
  e.after = "";
  const json j = ToJson(e);
  EXPECT_EQ(Keys(j), (std::set<std::string>{"seq", "id", "at", "actor", "action", "entity_type",
                                            "entity_id", "before", "after", "prev_hash", "hash"}));
  EXPECT_EQ(j["seq"], 7);
  EXPECT_EQ(j["before"], json({{"name", "old"}}));
  EXPECT_TRUE(j["after"].is_null());
}

TEST(ModelJson, UserShapeWithRole) {
  core::User u{"u-1", "", "Owner", 1750000000};
  json j = ToJson(u, core::Role::kOwner);
  EXPECT_EQ(j, json({{"id", "u-1"}, {"email", nullptr}, {"name", "Owner"}, {"role", "owner"}}));
  u.email = "a@example.com";
  EXPECT_EQ(ToJson(u, core::Role::kViewer)["email"], "a@example.com");
}

}  // namespace
}  // namespace craft::store
