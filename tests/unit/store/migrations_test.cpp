// Schema migrations: applied once, in order, recorded; a newer database is refused.
#include "store/migrations.h"

#include <gtest/gtest.h>

#include "store_test_support.h"

namespace craft::store::testing {
namespace {

using MigrationTest = StoreTest;

TEST(Migrations, AreNumberedInAscendingOrderFromOne) {
  const auto& all = Migrations();
  ASSERT_FALSE(all.empty());
  EXPECT_EQ(all.front().number, 1);
  EXPECT_EQ(all.front().name, "0001_initial");
  for (std::size_t i = 1; i < all.size(); ++i) EXPECT_LT(all[i - 1].number, all[i].number);
}

TEST_F(MigrationTest, OpeningAgainAppliesNothingTwiceAndKeepsTheData) {
  const CreatedApiKey owner = NewOrganisation();
  store_.reset();
  store_ = Open();
  store_.reset();
  store_ = Open();
  RawDb raw(db_path());
  EXPECT_EQ(raw.Scalar("SELECT COUNT(*) FROM schema_migrations"),
            std::to_string(Migrations().size()));
  EXPECT_EQ(raw.Scalar("SELECT name FROM schema_migrations WHERE number = 1"), "0001_initial");
  EXPECT_EQ(raw.Scalar("SELECT applied_at FROM schema_migrations WHERE number = 1"),
            std::to_string(kStartTime));
  EXPECT_EQ(store_->CountOrganisations(), 1);
  EXPECT_TRUE(store_->FindApiKey(owner.secret));
  EXPECT_TRUE(store_->VerifyAudit().ok);
}

TEST_F(MigrationTest, DatabaseFromANewerCraftIsRefused) {
  store_.reset();
  {
    RawDb raw(db_path());
    ASSERT_EQ(raw.Exec("INSERT INTO schema_migrations (number, name, applied_at) "
                       "VALUES (9999, '9999_future', 0)"),
              "");
  }
  std::string message;
  EXPECT_EQ(ErrorKindOf([&] { Open(); }, &message), StoreErrorKind::kUnavailable);
  EXPECT_NE(message.find("newer craft"), std::string::npos) << message;
  EXPECT_NE(message.find("9999"), std::string::npos) << message;
}

TEST_F(MigrationTest, ConnectionsUseWalAndForeignKeys) {
  RawDb raw(db_path());
  EXPECT_EQ(raw.Scalar("PRAGMA journal_mode"), "wal");
  // Foreign keys are per connection: show the store's own connections enforce them, by deleting
  // a product whose versions must go with it.
  const std::string org = NewOrganisation().key.organisation_id;
  const core::Product p = NewProduct(org, "p");
  NewVersion(org, p.id, "1.0");
  store_->DeleteProduct(org, p.id, actor_);
  EXPECT_EQ(raw.Scalar("SELECT COUNT(*) FROM versions"), "0");
}

TEST_F(MigrationTest, SchemaHasTheTablesOfTheContract) {
  RawDb raw(db_path());
  for (const char* table :
       {"organisations", "users", "memberships", "api_keys", "products", "versions", "documents",
        "version_documents", "audit_log", "audit_head", "schema_migrations"}) {
    EXPECT_EQ(raw.Scalar(std::string("SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' "
                                     "AND name = '") +
                         table + "'"),
              "1")
        << table;
  }
  EXPECT_EQ(raw.Scalar("SELECT seq || ':' || hash FROM audit_head"), "0:");
}

TEST_F(MigrationTest, UnopenableDatabaseIsUnavailable) {
  std::string message;
  EXPECT_EQ(
      ErrorKindOf([&] { OpenSqliteStore((dir_.path() / "no/such/dir/x.db").string()); }, &message),
      StoreErrorKind::kUnavailable);
  EXPECT_FALSE(message.empty());
}

}  // namespace
}  // namespace craft::store::testing
