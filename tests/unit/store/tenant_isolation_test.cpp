// Organisations are tenants: nothing of organisation A is visible to, or changeable by, B.
#include <gtest/gtest.h>

#include "store_test_support.h"

namespace craft::store::testing {
namespace {

class TenantIsolationTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    a_ = NewOrganisation("A");
    b_ = NewOrganisation("B").key.organisation_id;
    const std::string org = a_.key.organisation_id;
    product_ = NewProduct(org, "secret-product");
    version_ = NewVersion(org, product_.id, "1.0");
    document_ = NewDocument(org, version_.id, core::DocumentType::kRiskAssessment, "risk");
  }
  CreatedApiKey a_;
  std::string b_;
  core::Product product_;
  core::Version version_;
  core::Document document_;
};

TEST_F(TenantIsolationTest, ReadsOfAnotherOrganisationFindNothing) {
  EXPECT_FALSE(store_->GetProduct(b_, product_.id));
  EXPECT_TRUE(store_->ListProducts(b_, {}).items.empty());
  EXPECT_FALSE(store_->GetVersion(b_, version_.id));
  EXPECT_TRUE(store_->ListVersions(b_, product_.id, {}).items.empty());
  EXPECT_FALSE(store_->GetDocument(b_, document_.id));
  EXPECT_TRUE(store_->ListDocuments(b_, version_.id, {}).items.empty());
  EXPECT_TRUE(store_->DocumentTypesOf(b_, version_.id).empty());
  EXPECT_TRUE(store_->VersionsListingDocument(b_, document_.id).empty());
  EXPECT_FALSE(store_->GetApiKey(b_, a_.key.id));
  EXPECT_TRUE(store_->ListApiKeys(b_, a_.key.user_id, {}).items.empty());
  EXPECT_FALSE(store_->RoleOf(b_, a_.key.user_id));
  for (const auto& [user, role] : store_->ListUsers(b_)) EXPECT_NE(user.id, a_.key.user_id);
  for (const auto& key : store_->ListApiKeys(b_, std::nullopt, {}).items) {
    EXPECT_NE(key.id, a_.key.id);
  }
  // The same reads as A do find them, so the checks above can fail.
  const std::string a = a_.key.organisation_id;
  EXPECT_TRUE(store_->GetProduct(a, product_.id));
  EXPECT_TRUE(store_->GetVersion(a, version_.id));
  EXPECT_TRUE(store_->GetDocument(a, document_.id));
  EXPECT_EQ(store_->DocumentTypesOf(a, version_.id).size(), 1u);
  EXPECT_TRUE(store_->GetApiKey(a, a_.key.id));
}

TEST_F(TenantIsolationTest, AuditOfAnotherOrganisationIsNotListed) {
  const auto b_entries = store_->ListAudit(b_, {500, ""}).items;
  ASSERT_FALSE(b_entries.empty());  // B's own creation
  for (const auto& e : b_entries) {
    EXPECT_EQ(e.organisation_id, b_);
    EXPECT_NE(e.entity_id, product_.id);
    EXPECT_NE(e.entity_id, a_.key.id);
  }
  bool a_sees_product = false;
  for (const auto& e : store_->ListAudit(a_.key.organisation_id, {500, ""}).items) {
    a_sees_product = a_sees_product || e.entity_id == product_.id;
  }
  EXPECT_TRUE(a_sees_product);
}

TEST_F(TenantIsolationTest, ChangesFromAnotherOrganisationAreNotFound) {
  core::Product p = product_;
  p.organisation_id = b_;
  p.name = "Hijacked";
  EXPECT_EQ(ErrorKindOf([&] { store_->UpdateProduct(p, actor_); }), StoreErrorKind::kNotFound);
  EXPECT_EQ(ErrorKindOf([&] { store_->DeleteProduct(b_, product_.id, actor_); }),
            StoreErrorKind::kNotFound);
  EXPECT_EQ(ErrorKindOf([&] { store_->UpdateVersion(b_, version_, actor_); }),
            StoreErrorKind::kNotFound);
  EXPECT_EQ(ErrorKindOf([&] { store_->DeleteVersion(b_, version_.id, actor_); }),
            StoreErrorKind::kNotFound);
  EXPECT_EQ(ErrorKindOf([&] { store_->DeleteDocument(b_, document_.id, actor_); }),
            StoreErrorKind::kNotFound);
  EXPECT_EQ(ErrorKindOf([&] { store_->RevokeApiKey(b_, a_.key.id, actor_); }),
            StoreErrorKind::kNotFound);
  EXPECT_EQ(ErrorKindOf([&] { NewVersion(b_, product_.id, "2.0"); }), StoreErrorKind::kNotFound);
  EXPECT_EQ(ErrorKindOf(
                [&] { NewDocument(b_, version_.id, core::DocumentType::kUserManual, "planted"); }),
            StoreErrorKind::kNotFound);
  EXPECT_EQ(ErrorKindOf([&] {
              store_->CreateApiKey(b_, a_.key.user_id, "x", {"sbom:read"}, std::nullopt, actor_);
            }),
            StoreErrorKind::kNotFound);

  const std::string a = a_.key.organisation_id;
  EXPECT_EQ(store_->GetProduct(a, product_.id)->name, product_.name);
  EXPECT_TRUE(store_->GetVersion(a, version_.id));
  EXPECT_TRUE(store_->GetDocument(a, document_.id));
  EXPECT_FALSE(store_->GetApiKey(a, a_.key.id)->revoked_at);
  EXPECT_EQ(store_->ListDocuments(a, version_.id, {}).items.size(), 1u);
}

// B cannot carry A's documents over into a version of its own.
TEST_F(TenantIsolationTest, CarryOverFromAnotherOrganisationIsRefused) {
  const core::Product mine = NewProduct(b_, "mine");
  EXPECT_EQ(ErrorKindOf([&] { NewVersion(b_, mine.id, "1.0", version_.id); }),
            StoreErrorKind::kInvalid);
  EXPECT_TRUE(store_->ListVersions(b_, mine.id, {}).items.empty());
}

}  // namespace
}  // namespace craft::store::testing
