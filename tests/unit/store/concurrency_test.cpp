// Many threads share one store, as the thread-per-connection HTTP server does.
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "store_test_support.h"

namespace craft::store::testing {
namespace {

using ConcurrencyTest = StoreTest;

TEST_F(ConcurrencyTest, EightWritersProduceOneValidChain) {
  const CreatedApiKey owner = NewOrganisation();
  const std::string org = owner.key.organisation_id;
  constexpr int kThreads = 8;
  constexpr int kPerThread = 25;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      try {
        for (int i = 0; i < kPerThread; ++i) {
          const std::string slug = "t" + std::to_string(t) + "-" + std::to_string(i);
          core::Product p = NewProduct(org, slug);
          p.description = "updated";
          store_->UpdateProduct(p, Actor{"key:thread" + std::to_string(t)});
          // Readers interleave with the writers.
          if (!store_->GetProduct(org, p.id) || !store_->FindApiKey(owner.secret)) ++failures;
        }
      } catch (const std::exception& e) {
        ADD_FAILURE() << e.what();
        ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);

  const AuditVerification v = store_->VerifyAudit();
  EXPECT_TRUE(v.ok) << ::testing::PrintToString(v.problems);
  EXPECT_EQ(v.entries, 3 + kThreads * kPerThread * 2);

  std::set<std::string> slugs;
  PageRequest request{500, ""};
  const auto page = store_->ListProducts(org, request);
  for (const auto& p : page.items) slugs.insert(p.slug);
  EXPECT_EQ(slugs.size(), std::size_t{kThreads * kPerThread});
}

TEST_F(ConcurrencyTest, RacingForTheSameSlugLetsExactlyOneWin) {
  const std::string org = NewOrganisation().key.organisation_id;
  std::atomic<int> won{0};
  std::atomic<int> conflicts{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      try {
        NewProduct(org, "contested");
        ++won;
      } catch (const StoreError& e) {
        if (e.kind() == StoreErrorKind::kConflict) ++conflicts;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(won.load(), 1);
  EXPECT_EQ(conflicts.load(), 7);
  EXPECT_TRUE(store_->VerifyAudit().ok);
}

// Two stores on one file stand for two processes (a CLI command beside the server).
TEST_F(ConcurrencyTest, TwoStoresOnOneFileKeepOneChain) {
  const std::string org = NewOrganisation().key.organisation_id;
  std::unique_ptr<Store> second = Open();
  std::thread other([&] {
    for (int i = 0; i < 30; ++i) {
      core::Product p;
      p.organisation_id = org;
      p.name = "second";
      p.slug = "second-" + std::to_string(i);
      second->CreateProduct(p, actor_);
    }
  });
  for (int i = 0; i < 30; ++i) NewProduct(org, "first-" + std::to_string(i));
  other.join();
  const AuditVerification v = store_->VerifyAudit();
  EXPECT_TRUE(v.ok) << ::testing::PrintToString(v.problems);
  EXPECT_EQ(v.entries, 63);
}

}  // namespace
}  // namespace craft::store::testing
