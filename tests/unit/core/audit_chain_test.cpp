#include "core/audit_chain.h"

#include <gtest/gtest.h>

namespace craft::core {
namespace {

std::vector<AuditEntry> Chain(int n) {
  std::vector<AuditEntry> entries;
  std::string prev;
  for (int i = 1; i <= n; ++i) {
    AuditEntry e;
    e.seq = i;
    e.id = "id" + std::to_string(i);
    e.at = 1700000000 + i;
    e.actor = "key:k";
    e.action = "product.update";
    e.after = "{\"n\":" + std::to_string(i) + "}";
    e.prev_hash = prev;
    e.hash = AuditEntryHash(e);
    prev = e.hash;
    entries.push_back(e);
  }
  return entries;
}

AuditHead HeadOf(const std::vector<AuditEntry>& e) { return {e.back().seq, e.back().hash}; }

TEST(AuditChain, IntactChainVerifies) {
  const auto c = Chain(5);
  EXPECT_TRUE(VerifyAuditChain(c, HeadOf(c)).empty());
}

TEST(AuditChain, EditedEntryIsDetected) {
  auto c = Chain(5);
  const auto head = HeadOf(c);
  c[2].after = "{\"n\":99}";
  const auto problems = VerifyAuditChain(c, head);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("entry 3 was edited"), std::string::npos);
}

// Rehashing the edited entry does not help: the next entry's link breaks.
TEST(AuditChain, RehashedEditBreaksTheNextLink) {
  auto c = Chain(5);
  const auto head = HeadOf(c);
  c[2].actor = "system";
  c[2].hash = AuditEntryHash(c[2]);
  const auto problems = VerifyAuditChain(c, head);
  ASSERT_FALSE(problems.empty());
  EXPECT_NE(problems[0].find("entry 4 does not link"), std::string::npos);
}

TEST(AuditChain, RemovedEntryIsDetected) {
  auto c = Chain(5);
  const auto head = HeadOf(c);
  c.erase(c.begin() + 1);
  const auto problems = VerifyAuditChain(c, head);
  ASSERT_GE(problems.size(), 2u);
  EXPECT_NE(problems[0].find("entries 2 to 2 are missing"), std::string::npos);
}

TEST(AuditChain, RemovedNewestEntriesAreDetectedAgainstHead) {
  auto c = Chain(5);
  const auto head = HeadOf(c);
  c.pop_back();
  c.pop_back();
  const auto problems = VerifyAuditChain(c, head);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("newest entries removed"), std::string::npos);
}

// A log damaged throughout lists the first problems and counts the rest, so that the answer of
// `GET /api/v1/audit/verify` stays readable (and bounded) for a log of any length.
TEST(AuditChain, ManyProblemsAreCappedAndCounted) {
  auto c = Chain(250);
  const auto head = HeadOf(c);
  for (auto& e : c) e.after = "{\"edited\":true}";
  const auto problems = VerifyAuditChain(c, head);
  ASSERT_EQ(problems.size(), AuditChainVerifier::kMaxProblems + 1);
  EXPECT_NE(problems[0].find("entry 1 was edited"), std::string::npos);
  EXPECT_EQ(problems.back(), "and 150 more problems");  // 250 edited entries, 100 listed
}

TEST(AuditChain, FieldBoundariesAreUnambiguous) {
  AuditEntry a;
  a.action = "ab";
  a.entity_type = "c";
  AuditEntry b = a;
  b.action = "a";
  b.entity_type = "bc";
  EXPECT_NE(AuditEntryHash(a), AuditEntryHash(b));
}

}  // namespace
}  // namespace craft::core
