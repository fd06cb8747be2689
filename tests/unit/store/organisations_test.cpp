// Organisations, their users and memberships.
#include <gtest/gtest.h>

#include "store/ids.h"
#include "store_test_support.h"

namespace craft::store::testing {
namespace {

using OrganisationTest = StoreTest;

TEST_F(OrganisationTest, CreateMakesTheOrganisationItsOwnerAndAnOwnerKey) {
  const CreatedApiKey created = NewOrganisation("Acme");
  const core::ApiKey& key = created.key;
  EXPECT_TRUE(IsUuid(key.id));
  EXPECT_EQ(key.name, "owner");
  EXPECT_EQ(key.scopes, std::vector<std::string>{"admin"});
  EXPECT_FALSE(key.expires_at);
  EXPECT_FALSE(key.revoked_at);
  EXPECT_EQ(key.created_at, kStartTime);

  const auto org = store_->GetOrganisation(key.organisation_id);
  ASSERT_TRUE(org);
  EXPECT_EQ(org->name, "Acme");
  EXPECT_EQ(org->legal_name, "");
  EXPECT_EQ(org->sbom_quality_threshold, 80);
  EXPECT_EQ(org->created_at, kStartTime);
  EXPECT_EQ(org->updated_at, kStartTime);

  const auto users = store_->ListUsers(org->id);
  ASSERT_EQ(users.size(), 1u);
  EXPECT_EQ(users[0].first.id, key.user_id);
  EXPECT_EQ(users[0].first.name, "Owner");
  EXPECT_EQ(users[0].first.email, "");
  EXPECT_EQ(users[0].second, core::Role::kOwner);
  EXPECT_EQ(store_->RoleOf(org->id, key.user_id), core::Role::kOwner);
  EXPECT_EQ(store_->CountOrganisations(), 1);
}

TEST_F(OrganisationTest, ListAndCountSeeEveryOrganisationInCreationOrder) {
  NewOrganisation("A");
  NewOrganisation("B");
  NewOrganisation("C");
  const auto list = store_->ListOrganisations();
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0].name, "A");
  EXPECT_EQ(list[1].name, "B");
  EXPECT_EQ(list[2].name, "C");
  EXPECT_EQ(store_->CountOrganisations(), 3);
}

TEST_F(OrganisationTest, UpdateStoresEveryFieldAndKeepsCreatedAt) {
  const std::string id = NewOrganisation().key.organisation_id;
  core::Organisation org = *store_->GetOrganisation(id);
  org.name = "Acme Devices";
  org.legal_name = "Acme Devices GmbH";
  org.address = {"Hauptstr. 1", "Aufgang B", "Berlin", "10115", "DE"};
  org.contact_email = "compliance@acme.example";
  org.website = "https://acme.example";
  org.vulnerability_contact_point = "security@acme.example";
  org.csirt_member_state = "DE";
  org.sbom_quality_threshold = 65;
  org.created_at = 42;  // ignored
  Advance(100);
  const core::Organisation updated = store_->UpdateOrganisation(org, actor_);
  EXPECT_EQ(updated.created_at, kStartTime);
  EXPECT_EQ(updated.updated_at, kStartTime + 100);

  const auto read = store_->GetOrganisation(id);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->name, "Acme Devices");
  EXPECT_EQ(read->legal_name, "Acme Devices GmbH");
  EXPECT_EQ(read->address.line1, "Hauptstr. 1");
  EXPECT_EQ(read->address.line2, "Aufgang B");
  EXPECT_EQ(read->address.city, "Berlin");
  EXPECT_EQ(read->address.postal_code, "10115");
  EXPECT_EQ(read->address.country, "DE");
  EXPECT_EQ(read->contact_email, "compliance@acme.example");
  EXPECT_EQ(read->website, "https://acme.example");
  EXPECT_EQ(read->vulnerability_contact_point, "security@acme.example");
  EXPECT_EQ(read->csirt_member_state, "DE");
  EXPECT_EQ(read->sbom_quality_threshold, 65);
  EXPECT_EQ(read->created_at, kStartTime);
  EXPECT_EQ(read->updated_at, kStartTime + 100);
}

TEST_F(OrganisationTest, UpdateOfAnUnknownOrganisationIsNotFound) {
  core::Organisation org;
  org.id = NewUuid();
  org.name = "Ghost";
  EXPECT_EQ(ErrorKindOf([&] { store_->UpdateOrganisation(org, actor_); }),
            StoreErrorKind::kNotFound);
  EXPECT_FALSE(store_->GetOrganisation(org.id));
}

TEST_F(OrganisationTest, UpdateRefusesAThresholdOutsideZeroToHundred) {
  core::Organisation org = *store_->GetOrganisation(NewOrganisation().key.organisation_id);
  org.sbom_quality_threshold = 101;
  EXPECT_EQ(ErrorKindOf([&] { store_->UpdateOrganisation(org, actor_); }),
            StoreErrorKind::kInvalid);
  org.sbom_quality_threshold = -1;
  EXPECT_EQ(ErrorKindOf([&] { store_->UpdateOrganisation(org, actor_); }),
            StoreErrorKind::kInvalid);
  EXPECT_EQ(store_->GetOrganisation(org.id)->sbom_quality_threshold, 80);
}

TEST_F(OrganisationTest, CreateUserWithPasswordSignsInWithItOnly) {
  const std::string org = NewOrganisation().key.organisation_id;
  const core::User user =
      store_->CreateUser(org, "alice@acme.example", "Alice", "correct horse battery staple",
                         core::Role::kMember, actor_);
  EXPECT_TRUE(IsUuid(user.id));
  EXPECT_EQ(user.created_at, kStartTime);
  EXPECT_EQ(store_->RoleOf(org, user.id), core::Role::kMember);

  const auto signed_in =
      store_->CheckPassword("alice@acme.example", "correct horse battery staple");
  ASSERT_TRUE(signed_in);
  EXPECT_EQ(signed_in->id, user.id);
  EXPECT_EQ(signed_in->name, "Alice");
  EXPECT_FALSE(store_->CheckPassword("alice@acme.example", "wrong"));
  EXPECT_FALSE(store_->CheckPassword("alice@acme.example", ""));
  EXPECT_FALSE(store_->CheckPassword("bob@acme.example", "correct horse battery staple"));
}

TEST_F(OrganisationTest, PasswordsAreStoredAsArgon2idHashes) {
  const std::string org = NewOrganisation().key.organisation_id;
  store_->CreateUser(org, "alice@acme.example", "Alice", "s3cret-passphrase", core::Role::kAdmin,
                     actor_);
  RawDb raw(db_path());
  const std::string hash =
      raw.Scalar("SELECT password_hash FROM users WHERE email = 'alice@acme.example'");
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u) << hash;
  EXPECT_EQ(hash.find("s3cret-passphrase"), std::string::npos);
  EXPECT_EQ(raw.Scalar("SELECT COUNT(*) FROM audit_log WHERE after_json LIKE '%argon2%' OR "
                       "after_json LIKE '%s3cret%'"),
            "0");
}

TEST_F(OrganisationTest, UserWithoutPasswordCannotSignIn) {
  const std::string org = NewOrganisation().key.organisation_id;
  store_->CreateUser(org, "carol@acme.example", "Carol", "", core::Role::kViewer, actor_);
  EXPECT_FALSE(store_->CheckPassword("carol@acme.example", ""));
  EXPECT_FALSE(store_->CheckPassword("carol@acme.example", "anything"));
}

TEST_F(OrganisationTest, DuplicateEmailIsAConflict) {
  const std::string org = NewOrganisation().key.organisation_id;
  store_->CreateUser(org, "dave@acme.example", "Dave", "", core::Role::kViewer, actor_);
  std::string message;
  EXPECT_EQ(ErrorKindOf(
                [&] {
                  store_->CreateUser(org, "dave@acme.example", "Other Dave", "",
                                     core::Role::kViewer, actor_);
                },
                &message),
            StoreErrorKind::kConflict);
  EXPECT_NE(message.find("dave@acme.example"), std::string::npos) << message;
  EXPECT_EQ(store_->ListUsers(org).size(), 2u);  // the owner and the first Dave
}

TEST_F(OrganisationTest, CreateUserInAnUnknownOrganisationIsNotFound) {
  EXPECT_EQ(ErrorKindOf([&] {
              store_->CreateUser(NewUuid(), "x@example.com", "X", "", core::Role::kViewer, actor_);
            }),
            StoreErrorKind::kNotFound);
}

TEST_F(OrganisationTest, ListUsersGivesEachUserWithRoleInCreationOrder) {
  const std::string org = NewOrganisation().key.organisation_id;
  store_->CreateUser(org, "a@acme.example", "A", "", core::Role::kAdmin, actor_);
  store_->CreateUser(org, "v@acme.example", "V", "", core::Role::kViewer, actor_);
  const auto users = store_->ListUsers(org);
  ASSERT_EQ(users.size(), 3u);
  EXPECT_EQ(users[0].second, core::Role::kOwner);
  EXPECT_EQ(users[1].first.email, "a@acme.example");
  EXPECT_EQ(users[1].second, core::Role::kAdmin);
  EXPECT_EQ(users[2].first.email, "v@acme.example");
  EXPECT_EQ(users[2].second, core::Role::kViewer);
}

TEST_F(OrganisationTest, RoleOfIsEmptyForAnotherOrganisationsUser) {
  const CreatedApiKey a = NewOrganisation("A");
  const CreatedApiKey b = NewOrganisation("B");
  EXPECT_FALSE(store_->RoleOf(b.key.organisation_id, a.key.user_id));
  EXPECT_TRUE(store_->ListUsers(NewUuid()).empty());
}

}  // namespace
}  // namespace craft::store::testing
