// The read cache in front of the database: never serves what a committed change replaced.
#include "store/read_cache.h"

#include <gtest/gtest.h>

#include <thread>

#include "store_test_support.h"

namespace craft::store {
namespace {

core::Product Named(const std::string& name) {
  core::Product p;
  p.name = name;
  return p;
}

TEST(ReadCache, ReturnsWhatWasPutUnderTheKeyAndType) {
  ReadCache cache;
  cache.Put("p1", Named("router"), cache.generation());
  ASSERT_TRUE(cache.Get<core::Product>("p1"));
  EXPECT_EQ(cache.Get<core::Product>("p1")->name, "router");
  EXPECT_FALSE(cache.Get<core::Product>("p2"));
  EXPECT_FALSE(cache.Get<core::Version>("p1"));  // another type under the key is a miss
}

TEST(ReadCache, InvalidateForgetsEverything) {
  ReadCache cache;
  cache.Put("p1", Named("router"), cache.generation());
  cache.Invalidate();
  EXPECT_FALSE(cache.Get<core::Product>("p1"));
}

// A value read before a change committed must not be cached after it.
TEST(ReadCache, ValueReadBeforeAnInvalidationIsDropped) {
  ReadCache cache;
  const std::uint64_t seen = cache.generation();
  cache.Invalidate();  // a change commits while the reader queries
  cache.Put("p1", Named("stale"), seen);
  EXPECT_FALSE(cache.Get<core::Product>("p1"));
}

TEST(ReadCache, StartsOverWhenFull) {
  ReadCache cache(3);
  for (int i = 0; i < 3; ++i) cache.Put("p" + std::to_string(i), Named("x"), cache.generation());
  EXPECT_TRUE(cache.Get<core::Product>("p2"));
  cache.Put("p3", Named("y"), cache.generation());
  EXPECT_FALSE(cache.Get<core::Product>("p0"));
  EXPECT_TRUE(cache.Get<core::Product>("p3"));
}

}  // namespace

namespace testing {
namespace {

using CachedReadTest = StoreTest;

// Another process (here: a second store on the same file) changes rows this store has cached.
TEST_F(CachedReadTest, ChangesByAnotherProcessAreSeenWithinTheProbeInterval) {
  const CreatedApiKey owner = NewOrganisation("Before");
  const std::string org = owner.key.organisation_id;
  const core::Product product = NewProduct(org, "p");
  ASSERT_EQ(store_->GetOrganisation(org)->name, "Before");  // cached now
  ASSERT_FALSE(store_->FindApiKey(owner.secret)->key.revoked_at);
  ASSERT_TRUE(store_->GetProduct(org, product.id));

  std::unique_ptr<Store> other = Open();
  core::Organisation renamed = *other->GetOrganisation(org);
  renamed.name = "After";
  other->UpdateOrganisation(renamed, actor_);
  other->RevokeApiKey(org, owner.key.id, actor_);
  other->DeleteProduct(org, product.id, actor_);

  std::this_thread::sleep_for(std::chrono::milliseconds(120));
  EXPECT_EQ(store_->GetOrganisation(org)->name, "After");
  EXPECT_TRUE(store_->FindApiKey(owner.secret)->key.revoked_at);
  EXPECT_FALSE(store_->GetProduct(org, product.id));
}

TEST_F(CachedReadTest, OwnChangesAreSeenAtOnce) {
  const std::string org = NewOrganisation().key.organisation_id;
  const core::Product product = NewProduct(org, "p");
  const core::Version v = NewVersion(org, product.id, "1.0");
  EXPECT_TRUE(store_->DocumentTypesOf(org, v.id).empty());  // cached now
  NewDocument(org, v.id, core::DocumentType::kUserManual, "manual");
  EXPECT_EQ(store_->DocumentTypesOf(org, v.id),
            std::vector<core::DocumentType>{core::DocumentType::kUserManual});
  core::Version changed = *store_->GetVersion(org, v.id);
  changed.version = "1.0.1";
  store_->UpdateVersion(org, changed, actor_);
  EXPECT_EQ(store_->GetVersion(org, v.id)->version, "1.0.1");
}

// A row cached for its own organisation is still absent for another one.
TEST_F(CachedReadTest, CachedRowsStayScopedByOrganisation) {
  const std::string a = NewOrganisation("A").key.organisation_id;
  const std::string b = NewOrganisation("B").key.organisation_id;
  const core::Product product = NewProduct(a, "p");
  const core::Version v = NewVersion(a, product.id, "1.0");
  NewDocument(a, v.id, core::DocumentType::kUserManual, "manual");
  for (int round = 0; round < 2; ++round) {
    EXPECT_TRUE(store_->GetProduct(a, product.id));
    EXPECT_TRUE(store_->GetVersion(a, v.id));
    EXPECT_EQ(store_->DocumentTypesOf(a, v.id).size(), 1u);
    EXPECT_FALSE(store_->GetProduct(b, product.id));
    EXPECT_FALSE(store_->GetVersion(b, v.id));
    EXPECT_TRUE(store_->DocumentTypesOf(b, v.id).empty());
  }
}

}  // namespace
}  // namespace testing
}  // namespace craft::store
