// PreparedVersion orders exactly as Compare does: on every comparison of osv-scalibr's fixtures
// (both ways round), and on the Debian strings whose parts a one-pass reading could confuse (a "-"
// inside the epoch, white space, several ":" and "-").

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "corpus_comparisons.h"
#include "vuln/version/compare.h"

namespace craft::vuln::version {
namespace {

using testing::Corpus;
using testing::LoadComparisons;
using testing::ScalibrFixtures;

TEST(PreparedVersion, OrdersEveryFixtureComparisonAsCompareDoes) {
  std::size_t checked = 0;
  for (const auto& [file, scheme] : ScalibrFixtures()) {
    for (const auto& c :
         LoadComparisons(Corpus("vuln/osv/osv-scalibr/semantic/testdata/" + file))) {
      EXPECT_EQ(PreparedVersion(scheme, c.a).CompareTo(c.b), Compare(scheme, c.a, c.b)) << c.where;
      EXPECT_EQ(PreparedVersion(scheme, c.b).CompareTo(c.a), Compare(scheme, c.b, c.a)) << c.where;
      ++checked;
    }
  }
  EXPECT_GT(checked, 70000u);
}

TEST(PreparedVersion, DebianOddShapesOrderAsCompareDoes) {
  const std::vector<std::string> versions = {
      "",          " ",          "1",      "1-",           "-1",           "1:",
      ":1",        "1-2:3",      "1:2-3",  "1:2-3-4",      "1:2:3-4",      "0:1.0-1",
      "1.0-1",     " 1.0-1 ",    "1.0 -1", "2147483647:1", "2147483648:1", "a:1",
      "1.0~rc1-1", "1.0-1~bpo1", "1-2-3"};
  for (const auto& a : versions) {
    for (const auto& b : versions) {
      EXPECT_EQ(PreparedVersion(Scheme::kDebian, a).CompareTo(b), Compare(Scheme::kDebian, a, b))
          << "'" << a << "' vs '" << b << "'";
    }
  }
  // The "-" inside an epoch is not the revision: dpkg rejects "1-2:3" (bad epoch).
  EXPECT_LT(Compare(Scheme::kDebian, "1-2:3", "0"), 0);
  EXPECT_FALSE(IsValid(Scheme::kDebian, "1-2:3"));
  EXPECT_EQ(Compare(Scheme::kDebian, "1:2-3-4", "1:2-3-4"), 0);
  EXPECT_LT(Compare(Scheme::kDebian, "1:2-3-4", "1:2-3-5"), 0);
}

}  // namespace
}  // namespace craft::vuln::version
