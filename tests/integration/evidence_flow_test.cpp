// The full evidence flow over HTTP against a real `craft serve`: organisation details, product,
// version, documents, and the status moving from incomplete to ready (issue 2).

#include <gtest/gtest.h>

#include <algorithm>

#include "craft_server.h"

namespace craft::testing {
namespace {

using nlohmann::json;

std::vector<std::string> MissingKeys(const Reply& status) {
  std::vector<std::string> keys;
  for (const auto& item : status.json["cra_status"]["missing_items"]) keys.push_back(item["key"]);
  return keys;
}

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

TEST(EvidenceFlow, StatusMovesFromIncompleteToReady) {
  CraftServer server;
  ASSERT_EQ(server.owner_key().rfind("craft_", 0), 0u) << "first start prints the owner key";
  Api api(server, server.owner_key());

  auto product = api.Post("/api/v1/products", {{"name", "Acme Router X1"},
                                               {"category", "important_class_i"},
                                               {"subcategory", "routers_modems_switches"},
                                               {"product_type", "hardware"},
                                               {"target_markets", {"DE", "FR"}}});
  ASSERT_EQ(product.status, 201) << product.body;
  EXPECT_EQ(product.json["slug"], "acme-router-x1");
  const std::string product_id = product.json["id"];

  auto version = api.Post("/api/v1/products/" + product_id + "/versions", {{"version", "1.0.0"}});
  ASSERT_EQ(version.status, 201) << version.body;
  const std::string version_id = version.json["id"];
  EXPECT_EQ(version.json["release_state"], "draft");

  auto status = api.Get("/api/v1/versions/" + version_id + "/status");
  ASSERT_EQ(status.status, 200) << status.body;
  EXPECT_EQ(status.json["cra_status"]["status"], "incomplete");
  auto missing = MissingKeys(status);
  for (const char* key :
       {"organisation.legal_name", "release_date", "end_of_support", "harmonised_standards_applied",
        "conformity_assessment_type", "secure_by_default", "risk_assessment document",
        "eu_declaration_of_conformity document", "user_manual document",
        "vulnerability_policy document"}) {
    EXPECT_TRUE(Contains(missing, key)) << key;
  }
  for (const auto& item : status.json["cra_status"]["missing_items"]) {
    EXPECT_FALSE(item["label"].get<std::string>().empty());
  }

  auto org = api.Patch("/api/v1/organisation",
                       {{"legal_name", "Acme Devices GmbH"},
                        {"address",
                         {{"line1", "Hauptstraße 1"},
                          {"city", "Berlin"},
                          {"postal_code", "10115"},
                          {"country", "DE"}}},
                        {"contact_email", "compliance@acme.example"},
                        {"website", "https://acme.example"},
                        {"vulnerability_contact_point", "https://acme.example/security"},
                        {"csirt_member_state", "DE"}});
  ASSERT_EQ(org.status, 200) << org.body;
  EXPECT_EQ(org.json["address"]["city"], "Berlin");
  EXPECT_EQ(org.json["sbom_quality_threshold"], 80);

  // Class I with module A needs a standard applied in full.
  auto patched = api.Patch("/api/v1/versions/" + version_id,
                           {{"release_date", "2027-01-15"},
                            {"end_of_support", "2032-01-15"},
                            {"support_period_justification", "Expected use of five years."},
                            {"harmonised_standards_applied", "none"},
                            {"conformity_assessment_type", "self_assessment"},
                            {"secure_by_default", true}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  status = api.Get("/api/v1/versions/" + version_id + "/status");
  missing = MissingKeys(status);
  EXPECT_TRUE(Contains(missing, "conformity_assessment_type"));
  EXPECT_FALSE(Contains(missing, "release_date"));
  EXPECT_FALSE(Contains(missing, "organisation.legal_name"));

  patched = api.Patch(
      "/api/v1/versions/" + version_id,
      {{"harmonised_standards_applied", json::array({{{"reference", "EN 18031-1:2024"},
                                                      {"title", "Radio equipment cybersecurity"},
                                                      {"applied_in_full", true}}})}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.json["harmonised_standards_applied"][0]["reference"], "EN 18031-1:2024");

  for (const char* type : {"risk_assessment", "eu_declaration_of_conformity", "user_manual"}) {
    auto doc =
        api.Upload(version_id, type, std::string(type) + ".pdf", std::string("%PDF-1.7 ") + type);
    ASSERT_EQ(doc.status, 201) << doc.body;
  }
  auto other = api.Upload(version_id, "other", "policy.pdf", "not the policy");
  ASSERT_EQ(other.status, 201);
  status = api.Get("/api/v1/versions/" + version_id + "/status");
  EXPECT_EQ(MissingKeys(status),
            (std::vector<std::string>{"vulnerability_policy document", "sbom"}))
      << "a document of type other never satisfies a requirement";

  const std::string policy = "Coordinated vulnerability disclosure policy, version 3";
  auto doc = api.Upload(version_id, "vulnerability_policy", "cvd-policy.pdf", policy, "CVD policy");
  ASSERT_EQ(doc.status, 201) << doc.body;
  EXPECT_EQ(doc.json["sha256"], Sha256Hex(policy));
  EXPECT_EQ(doc.json["size"], policy.size());
  EXPECT_EQ(doc.json["title"], "CVD policy");

  status = api.Get("/api/v1/versions/" + version_id + "/status");
  EXPECT_EQ(MissingKeys(status), std::vector<std::string>{"sbom"}) << status.body;

  // An SBOM under the organisation's threshold (80) does not do; one at or above it does.
  const std::string corpora = CRAFT_CORPORA;
  auto weak = api.Raw("POST", "/api/v1/versions/" + version_id + "/sboms",
                      ReadFile(corpora + "/cyclonedx-spec/tools/src/test/resources/1.4/"
                                         "valid-component-types-1.4.json"),
                      "application/vnd.cyclonedx+json");
  ASSERT_EQ(weak.status, 201) << weak.body;
  ASSERT_LT(weak.json["quality_score"].get<double>(), 80) << weak.body;
  status = api.Get("/api/v1/versions/" + version_id + "/status");
  EXPECT_EQ(MissingKeys(status), std::vector<std::string>{"sbom_quality"}) << status.body;
  auto good =
      api.Raw("POST", "/api/v1/versions/" + version_id + "/sboms",
              ReadFile(corpora + "/sbomqs/testdata/bsi/cdx/validFullyCompliantBsiV21.cdx16.json"),
              "application/vnd.cyclonedx+json");
  ASSERT_EQ(good.status, 201) << good.body;

  status = api.Get("/api/v1/versions/" + version_id + "/status");
  EXPECT_EQ(status.json["cra_status"]["status"], "ready") << status.body;
  EXPECT_TRUE(status.json["cra_status"]["missing_items"].empty());

  auto content = api.Get("/api/v1/documents/" + doc.json["id"].get<std::string>() + "/content");
  ASSERT_EQ(content.status, 200);
  EXPECT_EQ(content.body, policy);
  EXPECT_NE(content.Header("Content-Disposition").find("cvd-policy.pdf"), std::string::npos);

  auto list = api.Get("/api/v1/versions/" + version_id + "/documents");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.json["items"].size(), 5u);

  // Placing it on the market asks for the CE marking.
  patched = api.Patch("/api/v1/versions/" + version_id,
                      {{"first_placed_on_market", "2026-01-20"}, {"release_state", "released"}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  status = api.Get("/api/v1/versions/" + version_id + "/status");
  EXPECT_EQ(MissingKeys(status), std::vector<std::string>{"ce_marking"});
  patched = api.Patch(
      "/api/v1/versions/" + version_id,
      {{"ce_marking",
        {{"applied", true}, {"date", "2026-01-19"}, {"applied_by", "Acme Devices GmbH"}}}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  status = api.Get("/api/v1/versions/" + version_id + "/status");
  EXPECT_EQ(status.json["cra_status"]["status"], "ready") << status.body;
  EXPECT_TRUE(status.json["retention"]["locked"]);
}

// Released versions keep their documentation: deleting is refused with the date it frees up;
// drafts stay editable.
TEST(EvidenceFlow, RetentionLocksReleasedVersions) {
  CraftServer server;
  Api api(server, server.owner_key());
  const std::string product_id = api.Post("/api/v1/products", {{"name", "Lock"}}).json["id"];
  const std::string draft_id =
      api.Post("/api/v1/products/" + product_id + "/versions", {{"version", "0.9"}}).json["id"];
  const std::string doc_id = api.Upload(draft_id, "test_report", "t.pdf", "x").json["id"];
  EXPECT_EQ(api.Delete("/api/v1/documents/" + doc_id).status, 204) << "drafts stay editable";
  EXPECT_EQ(api.Get("/api/v1/documents/" + doc_id).status, 404);

  const std::string released_id = api.Post("/api/v1/products/" + product_id + "/versions",
                                           {{"version", "1.0"},
                                            {"release_state", "released"},
                                            {"first_placed_on_market", "2025-03-01"},
                                            {"last_placed_on_market", "2026-02-28"},
                                            {"end_of_support", "2030-01-01"}})
                                      .json["id"];
  const std::string locked_doc =
      api.Upload(released_id, "risk_assessment", "r.pdf", "risk").json["id"];
  auto refused = api.Delete("/api/v1/documents/" + locked_doc);
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(refused.json["retain_until"], "2036-02-28");
  EXPECT_NE(refused.json["detail"].get<std::string>().find("2036-02-28"), std::string::npos);
  EXPECT_EQ(api.Delete("/api/v1/versions/" + released_id).status, 409);
  EXPECT_EQ(api.Delete("/api/v1/products/" + product_id).status, 409);
  EXPECT_EQ(api.Get("/api/v1/documents/" + locked_doc).status, 200);
  auto back = api.Patch("/api/v1/versions/" + released_id, {{"release_state", "draft"}});
  EXPECT_EQ(back.status, 422) << "a released version cannot return to draft";
}

// A new version can carry over the previous version's documents, recorded as inherited.
TEST(EvidenceFlow, DocumentsCarryOverAsInherited) {
  CraftServer server;
  Api api(server, server.owner_key());
  const std::string product_id = api.Post("/api/v1/products", {{"name", "Carry"}}).json["id"];
  const std::string v1 =
      api.Post("/api/v1/products/" + product_id + "/versions", {{"version", "1.0"}}).json["id"];
  const std::string doc = api.Upload(v1, "risk_assessment", "risk.pdf", "risk v1").json["id"];
  auto v2 = api.Post("/api/v1/products/" + product_id + "/versions",
                     {{"version", "1.1"}, {"supersedes", v1}, {"carry_over_documents_from", v1}});
  ASSERT_EQ(v2.status, 201) << v2.body;
  EXPECT_EQ(v2.json["supersedes"], v1);
  auto list = api.Get("/api/v1/versions/" + v2.json["id"].get<std::string>() + "/documents");
  ASSERT_EQ(list.json["items"].size(), 1u);
  EXPECT_EQ(list.json["items"][0]["id"], doc);
  EXPECT_EQ(list.json["items"][0]["inherited"], true);
  EXPECT_EQ(list.json["items"][0]["inherited_from_version_id"], v1);
  auto status = api.Get("/api/v1/versions/" + v2.json["id"].get<std::string>() + "/status");
  for (const auto& item : status.json["cra_status"]["missing_items"]) {
    EXPECT_NE(item["key"], "risk_assessment document") << "inherited documents count";
  }
  auto dup = api.Post("/api/v1/products/" + product_id + "/versions", {{"version", "1.1"}});
  EXPECT_EQ(dup.status, 409) << "version strings are unique in a product";
}

// Every change lands in the hash-chained audit log, and `craft admin audit verify` checks it.
TEST(EvidenceFlow, AuditLogRecordsChangesAndVerifies) {
  CraftServer server;
  Api api(server, server.owner_key());
  const std::string product_id = api.Post("/api/v1/products", {{"name", "Audited"}}).json["id"];
  api.Patch("/api/v1/products/" + product_id, {{"description", "now described"}});
  auto audit = api.Get("/api/v1/audit?limit=5");
  ASSERT_EQ(audit.status, 200) << audit.body;
  ASSERT_GE(audit.json["items"].size(), 2u);
  EXPECT_EQ(audit.json["items"][0]["action"], "product.update");
  EXPECT_EQ(audit.json["items"][0]["before"]["description"], "");
  EXPECT_EQ(audit.json["items"][0]["after"]["description"], "now described");
  EXPECT_EQ(audit.json["items"][0]["prev_hash"], audit.json["items"][1]["hash"]);
  auto verify = RunCraft({"admin", "audit", "verify", "--data", server.data_dir()});
  EXPECT_EQ(verify.exit_code, 0) << verify.output;
  EXPECT_NE(verify.output.find("intact"), std::string::npos);
}

// The owner key is printed on the first start of an empty data folder only.
TEST(EvidenceFlow, OwnerKeyPrintedOnFirstStartOnly) {
  const std::string dir = MakeTempDir();
  std::string first_key;
  {
    CraftServer first(dir, {});
    first_key = first.owner_key();
    EXPECT_FALSE(first_key.empty());
  }
  CraftServer second(dir, {});
  EXPECT_TRUE(second.owner_key().empty());
  Api api(second, first_key);
  EXPECT_EQ(api.Get("/api/v1/organisation").status, 200) << "the first key still works";
}

}  // namespace
}  // namespace craft::testing
