#include "sbom/ref_table.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace craft::sbom {
namespace {

// The first value given for a key stays; every key is found again after the table has grown many
// times; the empty string is a key like any other.
TEST(RefTable, KeepsTheFirstValueOfEachKeyThroughGrowth) {
  std::vector<std::string> refs;
  for (int i = 0; i < 10000; ++i) refs.push_back("pkg:npm/c" + std::to_string(i) + "@1.0.0");
  RefTable<std::size_t> table;
  for (std::size_t i = 0; i < refs.size(); ++i) EXPECT_TRUE(table.TryEmplace(refs[i], i).second);
  const auto [value, added] = table.TryEmplace(refs[7], 99);
  EXPECT_FALSE(added);
  EXPECT_EQ(*value, 7u);
  EXPECT_EQ(table.size(), refs.size());
  for (std::size_t i = 0; i < refs.size(); ++i) {
    const std::size_t* found = table.Find(refs[i]);
    ASSERT_NE(found, nullptr) << refs[i];
    EXPECT_EQ(*found, i);
  }
  EXPECT_EQ(table.Find("pkg:npm/c10000@1.0.0"), nullptr);
  EXPECT_FALSE(table.Contains(""));
  RefSet set(2);
  EXPECT_TRUE(set.Insert(""));
  EXPECT_FALSE(set.Insert(std::string()));
  EXPECT_TRUE(set.Contains(""));
  EXPECT_FALSE(set.Contains("a"));
}

}  // namespace
}  // namespace craft::sbom
