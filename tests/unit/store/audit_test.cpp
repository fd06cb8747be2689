// The audit log: one entry per change, in the same transaction, hash-chained and append-only.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "store_test_support.h"

namespace craft::store::testing {
namespace {

using nlohmann::json;

class AuditTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    owner_ = NewOrganisation("Acme");
    org_ = owner_.key.organisation_id;
  }

  std::vector<core::AuditEntry> All() { return store_->ListAudit(org_, {500, ""}).items; }

  // A realistic history: every kind of change, 40 products' worth.
  void MakeHistory() {
    for (int i = 0; i < 40; ++i) {
      core::Product p = NewProduct(org_, "p" + std::to_string(i));
      p.description = "changed";
      store_->UpdateProduct(p, actor_);
      const core::Version v = NewVersion(org_, p.id, "1.0");
      NewDocument(org_, v.id, core::DocumentType::kUserManual, "doc" + std::to_string(i));
    }
  }

  // Tampering as someone with the database file would: drop the guard triggers first.
  void Tamper(const std::string& sql) {
    RawDb raw(db_path());
    ASSERT_EQ(raw.Exec("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;"), "");
    ASSERT_EQ(raw.Exec(sql), "");
  }

  static bool Mentions(const AuditVerification& v, const std::string& text) {
    for (const auto& p : v.problems) {
      if (p.find(text) != std::string::npos) return true;
    }
    return false;
  }

  CreatedApiKey owner_;
  std::string org_;
};

TEST_F(AuditTest, CreatingAnOrganisationRecordsItsOwnerAndKey) {
  const auto entries = All();
  ASSERT_EQ(entries.size(), 3u);  // newest first
  EXPECT_EQ(entries[2].action, "organisation.create");
  EXPECT_EQ(entries[2].entity_id, org_);
  EXPECT_EQ(entries[1].action, "user.create");
  EXPECT_EQ(entries[1].entity_id, owner_.key.user_id);
  EXPECT_EQ(entries[0].action, "api_key.create");
  EXPECT_EQ(entries[0].entity_id, owner_.key.id);
  EXPECT_EQ(entries[0].actor, "system");
  EXPECT_EQ(json::parse(entries[0].after)["scopes"], json({"admin"}));
  EXPECT_EQ(json::parse(entries[1].after)["role"], "owner");
  EXPECT_EQ(json::parse(entries[2].after)["name"], "Acme");
}

TEST_F(AuditTest, EveryChangeAppendsOneEntryWithBeforeAndAfter) {
  struct Step {
    std::string action;
    std::function<void()> change;
  };
  core::Product product;
  core::Version version;
  core::Document document;
  CreatedApiKey key;
  const std::vector<Step> steps = {
      {"organisation.update",
       [&] {
         auto o = *store_->GetOrganisation(org_);
         o.legal_name = "Acme GmbH";
         store_->UpdateOrganisation(o, actor_);
       }},
      {"user.create",
       [&] { store_->CreateUser(org_, "u@a.example", "U", "", core::Role::kAdmin, actor_); }},
      {"api_key.create",
       [&] {
         key = store_->CreateApiKey(org_, owner_.key.user_id, "ci", {"sbom:write"}, std::nullopt,
                                    actor_);
       }},
      {"api_key.revoke", [&] { store_->RevokeApiKey(org_, key.key.id, actor_); }},
      {"product.create", [&] { product = NewProduct(org_, "router"); }},
      {"product.update",
       [&] {
         product.name = "Router 2";
         store_->UpdateProduct(product, actor_);
       }},
      {"version.create", [&] { version = NewVersion(org_, product.id, "1.0"); }},
      {"version.update",
       [&] {
         version.secure_by_default = true;
         store_->UpdateVersion(org_, version, actor_);
       }},
      {"document.create",
       [&] { document = NewDocument(org_, version.id, core::DocumentType::kUserManual, "m"); }},
      {"document.delete", [&] { store_->DeleteDocument(org_, document.id, actor_); }},
      {"version.delete", [&] { store_->DeleteVersion(org_, version.id, actor_); }},
      {"product.delete", [&] { store_->DeleteProduct(org_, product.id, actor_); }},
  };
  for (const Step& step : steps) {
    const std::size_t before = All().size();
    Advance(1);
    step.change();
    const auto entries = All();
    ASSERT_EQ(entries.size(), before + 1) << step.action;
    const core::AuditEntry& e = entries.front();
    EXPECT_EQ(e.action, step.action);
    EXPECT_EQ(e.actor, "key:test") << step.action;
    EXPECT_EQ(e.at, now_.load()) << step.action;
    EXPECT_EQ(e.organisation_id, org_) << step.action;
    const bool creates = step.action.ends_with(".create");
    const bool deletes = step.action.ends_with(".delete");
    EXPECT_EQ(e.before.empty(), creates) << step.action;
    EXPECT_EQ(e.after.empty(), deletes) << step.action;
    const json record = json::parse(deletes ? e.before : e.after);
    EXPECT_EQ(record["id"], e.entity_id) << step.action;
    EXPECT_EQ(e.entity_type, step.action.substr(0, step.action.find('.'))) << step.action;
  }
  for (const auto& e : All()) {
    if (e.action != "product.update") continue;
    EXPECT_EQ(json::parse(e.before)["name"], "Product router");
    EXPECT_EQ(json::parse(e.after)["name"], "Router 2");
  }
}

TEST_F(AuditTest, AFailedChangeLeavesNoEntry) {
  NewProduct(org_, "router");
  const std::size_t before = All().size();
  EXPECT_EQ(ErrorKindOf([&] { NewProduct(org_, "router"); }), StoreErrorKind::kConflict);
  EXPECT_EQ(All().size(), before);
  EXPECT_TRUE(store_->VerifyAudit().ok);
}

TEST_F(AuditTest, ListAuditIsNewestFirstAndPaginates) {
  MakeHistory();  // 3 + 40 * 4 entries
  std::vector<std::int64_t> seqs;
  PageRequest request{50, ""};
  int pages = 0;
  do {
    const auto page = store_->ListAudit(org_, request);
    for (const auto& e : page.items) seqs.push_back(e.seq);
    request.cursor = page.next_cursor;
    ++pages;
  } while (!request.cursor.empty());
  EXPECT_EQ(pages, 4);
  ASSERT_EQ(seqs.size(), 163u);
  for (std::size_t i = 0; i < seqs.size(); ++i) EXPECT_EQ(seqs[i], 163 - std::int64_t(i));
}

TEST_F(AuditTest, ChainVerifiesAfterManyChanges) {
  MakeHistory();
  const AuditVerification v = store_->VerifyAudit();
  EXPECT_TRUE(v.ok);
  EXPECT_TRUE(v.problems.empty());
  EXPECT_EQ(v.entries, 163);
  const auto entries = All();
  for (std::size_t i = 0; i + 1 < entries.size(); ++i) {
    EXPECT_EQ(entries[i].prev_hash, entries[i + 1].hash);
  }
  EXPECT_EQ(entries.back().prev_hash, "");
}

TEST_F(AuditTest, ChainSurvivesReopening) {
  MakeHistory();
  store_.reset();
  store_ = Open();
  NewProduct(org_, "after-reopen");
  EXPECT_TRUE(store_->VerifyAudit().ok);
}

TEST_F(AuditTest, EditedEntryIsDetected) {
  MakeHistory();
  Tamper("UPDATE audit_log SET after_json = '{\"name\":\"forged\"}' WHERE seq = 17");
  const AuditVerification v = store_->VerifyAudit();
  EXPECT_FALSE(v.ok);
  EXPECT_TRUE(Mentions(v, "entry 17 was edited")) << ::testing::PrintToString(v.problems);
}

TEST_F(AuditTest, RemovedMiddleEntryIsDetected) {
  MakeHistory();
  Tamper("DELETE FROM audit_log WHERE seq = 50");
  const AuditVerification v = store_->VerifyAudit();
  EXPECT_FALSE(v.ok);
  EXPECT_TRUE(Mentions(v, "entries 50 to 50 are missing")) << ::testing::PrintToString(v.problems);
}

TEST_F(AuditTest, RemovedNewestEntriesAreDetected) {
  MakeHistory();
  Tamper("DELETE FROM audit_log WHERE seq > 160");
  const AuditVerification v = store_->VerifyAudit();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.entries, 160);
  EXPECT_TRUE(Mentions(v, "newest entries removed")) << ::testing::PrintToString(v.problems);
}

TEST_F(AuditTest, AppendOnlyTriggersRejectUpdateAndDelete) {
  RawDb raw(db_path());
  EXPECT_EQ(raw.Exec("UPDATE audit_log SET actor = 'someone else' WHERE seq = 1"),
            "audit log is append-only");
  EXPECT_EQ(raw.Exec("DELETE FROM audit_log WHERE seq = 1"), "audit log is append-only");
  EXPECT_EQ(raw.Exec("DELETE FROM audit_log"), "audit log is append-only");
  EXPECT_EQ(raw.Scalar("SELECT COUNT(*) FROM audit_log"), "3");
  EXPECT_EQ(raw.Scalar("SELECT actor FROM audit_log WHERE seq = 1"), "system");
  EXPECT_TRUE(store_->VerifyAudit().ok);
}

}  // namespace
}  // namespace craft::store::testing
