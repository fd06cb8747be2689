// The matcher's shortcut for versions made only of numbers (src/vuln/match/simple_version.h) must
// order them exactly as version::Compare does, scheme by scheme: checked on every pair of a set of
// such versions chosen to hit the edges (trailing zeros, different lengths, equal prefixes, large
// numbers), and on random pairs.

#include "vuln/match/simple_version.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace craft::vuln::match::simple {
namespace {

using version::Scheme;

constexpr Scheme kSchemes[] = {
    Scheme::kSemVer,    Scheme::kPyPI,    Scheme::kMaven,  Scheme::kNuGet,  Scheme::kRubyGems,
    Scheme::kPackagist, Scheme::kPub,     Scheme::kDebian, Scheme::kAlpine, Scheme::kRpm,
    Scheme::kCran,      Scheme::kHackage, Scheme::kGeneric};

TEST(SimpleVersion, ReadsOnlyDottedNumbersWithoutLeadingZeros) {
  auto read = [](std::string_view v) {
    auto s = Read(v);
    if (!s) return std::string("none");
    std::string out;
    for (std::size_t i = 0; i < s->count; ++i) {
      out += (i ? "," : "") + std::to_string(s->numbers[i]);
    }
    return out;
  };
  EXPECT_EQ(read("1.2.3"), "1,2,3");
  EXPECT_EQ(read("0"), "0");
  EXPECT_EQ(read("10.0.100"), "10,0,100");
  EXPECT_EQ(read("1.2.3.4.5.6"), "1,2,3,4,5,6");
  EXPECT_EQ(read("999999999999999999"), "999999999999999999");
  for (std::string_view no : {"", "1.", ".1", "1..2", "v1.2", "1.02", "01", "1.2.3-rc1", "1.2.3+b",
                              "1.2.3.4.5.6.7", "1000000000000000000", "1_2", " 1.2", "1.2a"}) {
    EXPECT_EQ(read(no), "none") << no;
  }
}

std::vector<std::string> EdgeVersions() {
  return {"0",
          "0.0",
          "0.0.0",
          "0.0.1",
          "0.1",
          "1",
          "1.0",
          "1.0.0",
          "1.0.0.0",
          "1.0.0.1",
          "1.0.1",
          "1.1",
          "1.2",
          "1.2.0",
          "1.2.3",
          "1.2.3.0",
          "1.2.10",
          "1.10",
          "1.9",
          "2",
          "2.0.0.0.0",
          "10.0",
          "9.99",
          "100",
          "1.2.3.4.5.6",
          "123456789012345678",
          "123456789012345678.1"};
}

std::string RandomSimple(std::mt19937_64& rng) {
  std::string out;
  const int count = 1 + static_cast<int>(rng() % kMaxNumbers);
  for (int i = 0; i < count; ++i) {
    if (i) out += '.';
    const auto pick = rng() % 10;
    out += std::to_string(pick < 4 ? 0 : pick < 8 ? rng() % 12 : rng() % 100000);
  }
  return out;
}

TEST(SimpleVersion, OrdersAsEverySchemesComparator) {
  std::mt19937_64 rng(3);
  std::vector<std::string> versions = EdgeVersions();
  for (int i = 0; i < 300; ++i) versions.push_back(RandomSimple(rng));
  for (Scheme scheme : kSchemes) {
    const SimpleOrder order = OrderOf(scheme);
    if (scheme == Scheme::kAlpine) {
      EXPECT_EQ(order, SimpleOrder::kNone) << "apk: 0.0 == 0, neither rule";
      continue;
    }
    ASSERT_NE(order, SimpleOrder::kNone) << version::SchemeName(scheme);
    std::size_t wrong = 0;
    for (const auto& a : versions) {
      for (const auto& b : versions) {
        const int want = version::Compare(scheme, a, b);
        const int got = Compare(order, *Read(a), *Read(b));
        if (got != want && ++wrong <= 5) {
          ADD_FAILURE() << version::SchemeName(scheme) << ": " << a << " vs " << b << ": " << got
                        << ", Compare says " << want;
        }
      }
    }
    EXPECT_EQ(wrong, 0u) << version::SchemeName(scheme);
  }
}

TEST(SimpleVersion, RoundTripsThroughBlockBytes) {
  std::string bytes;
  Append(Read("1.200.3000000"), bytes);
  Append(std::nullopt, bytes);
  const char* at = bytes.data();
  auto back = Load(at);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->count, 3);
  EXPECT_EQ(back->numbers[2], 3000000u);
  EXPECT_FALSE(Load(at));
  EXPECT_EQ(at, bytes.data() + bytes.size());
}

}  // namespace
}  // namespace craft::vuln::match::simple
