#include "store/ids.h"

#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <string>
#include <vector>

namespace craft::store {
namespace {

TEST(NewUuid, IsACanonicalVersion7Uuid) {
  const std::string id = NewUuid();
  ASSERT_TRUE(IsUuid(id)) << id;
  EXPECT_EQ(id[14], '7') << id;                                          // version
  EXPECT_NE(std::string("89ab").find(id[19]), std::string::npos) << id;  // RFC 9562 variant
  for (char c : id) EXPECT_TRUE(c == '-' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) << id;
}

// The first 48 bits are the Unix time in milliseconds.
TEST(NewUuid, CarriesTheCurrentTime) {
  const auto before = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  const std::string id = NewUuid();
  const std::string hex = id.substr(0, 8) + id.substr(9, 4);
  const long long ms = std::stoll(hex, nullptr, 16);
  EXPECT_GE(ms, before);
  EXPECT_LE(ms, before + 5000);
}

TEST(NewUuid, IdsAreUniqueAndIncreasing) {
  std::vector<std::string> ids;
  for (int i = 0; i < 20000; ++i) ids.push_back(NewUuid());
  const std::set<std::string> distinct(ids.begin(), ids.end());
  EXPECT_EQ(distinct.size(), ids.size());
  for (std::size_t i = 1; i < ids.size(); ++i) ASSERT_LT(ids[i - 1], ids[i]) << i;
}

TEST(IsUuid, AcceptsTheCanonicalFormOnly) {
  EXPECT_TRUE(IsUuid("0190b7e4-3c4d-7a1b-8c2d-0123456789ab"));
  EXPECT_TRUE(IsUuid("0190B7E4-3C4D-7A1B-8C2D-0123456789AB"));
  EXPECT_FALSE(IsUuid(""));
  EXPECT_FALSE(IsUuid("0190b7e4-3c4d-7a1b-8c2d-0123456789a"));    // short
  EXPECT_FALSE(IsUuid("0190b7e4-3c4d-7a1b-8c2d-0123456789abc"));  // long
  EXPECT_FALSE(IsUuid("0190b7e43c4d-7a1b-8c2d-0123456789ab-"));   // hyphens misplaced
  EXPECT_FALSE(IsUuid("0190b7e4-3c4d-7a1b-8c2d-0123456789ag"));   // not hex
  EXPECT_FALSE(IsUuid("{190b7e4-3c4d-7a1b-8c2d-0123456789ab}"));
  EXPECT_FALSE(IsUuid("../../../../etc/passwd-xxxxxxxxxxxxxxxx"));
}

}  // namespace
}  // namespace craft::store
