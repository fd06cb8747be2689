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

// A reading saved beside the version and restored orders as the version itself, against strings
// and against other prepared versions.
TEST(PreparedVersion, SavedReadingsOrderAsCompareDoes) {
  for (const auto& [file, scheme] : ScalibrFixtures()) {
    for (const auto& c :
         LoadComparisons(Corpus("vuln/osv/osv-scalibr/semantic/testdata/" + file))) {
      const std::string saved_a = PreparedVersion(scheme, c.a).Saved();
      const std::string saved_b = PreparedVersion(scheme, c.b).Saved();
      EXPECT_EQ(saved_a.empty(), scheme != Scheme::kDebian) << c.where;
      const auto a = PreparedVersion::Restore(scheme, c.a, saved_a);
      const auto b = PreparedVersion::Restore(scheme, c.b, saved_b);
      EXPECT_EQ(a.CompareTo(b), Compare(scheme, c.a, c.b)) << c.where;
      EXPECT_EQ(b.CompareTo(a), Compare(scheme, c.b, c.a)) << c.where;
      EXPECT_EQ(a.CompareTo(c.b), Compare(scheme, c.a, c.b)) << c.where;
    }
  }
  // Bytes that are not a saved reading give some order, safely.
  const auto odd = PreparedVersion::Restore(Scheme::kDebian, "1.0-1", std::string(7, '\xff'));
  const int c = odd.CompareTo(PreparedVersion(Scheme::kDebian, "1.0-2"));
  EXPECT_TRUE(c >= -1 && c <= 1);
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
      const auto x =
          PreparedVersion::Restore(Scheme::kDebian, a, PreparedVersion(Scheme::kDebian, a).Saved());
      EXPECT_EQ(x.CompareTo(PreparedVersion(Scheme::kDebian, b)), Compare(Scheme::kDebian, a, b))
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
