// The comparators as orders: whatever the input, Compare() answers -1, 0 or +1, answers the
// reverse when the arguments are swapped, and sorts consistently (transitively), both on garbage
// and on every fixture's own versions.

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "corpus_comparisons.h"
#include "vuln/version/compare.h"

namespace craft::vuln::version {
namespace {

using testing::Comparison;
using testing::Corpus;
using testing::LoadComparisons;
using testing::ScalibrFixtures;

constexpr Scheme kAllSchemes[] = {
    Scheme::kSemVer,    Scheme::kPyPI,    Scheme::kMaven,  Scheme::kNuGet,  Scheme::kRubyGems,
    Scheme::kPackagist, Scheme::kPub,     Scheme::kDebian, Scheme::kAlpine, Scheme::kRpm,
    Scheme::kCran,      Scheme::kHackage, Scheme::kGeneric};

// The two places where upstream's order itself is not transitive (compare.h states both), left out
// of the transitivity checks: Packagist's "#" equals every number, as in PHP's table; and Maven's
// ComparableVersion (3.8) orders a qualifier after "." (1.0.0.RC1) inconsistently against "-"
// qualifiers (1.0-pre14), see MavenVersion.IsIntransitiveLikeComparableVersion.
bool OrderedTransitively(Scheme scheme, const std::string& v) {
  if (scheme == Scheme::kPackagist) return v.find('#') == std::string::npos;
  if (scheme == Scheme::kMaven) {
    for (std::size_t i = 0; i + 1 < v.size(); ++i) {
      if (v[i] == '.' && std::isalpha(static_cast<unsigned char>(v[i + 1]))) return false;
    }
  }
  return true;
}

// A merge sort that only ever calls `Compare`, so a wrong comparator gives a wrong order that the
// checks below report, never undefined behaviour.
void MergeSort(Scheme scheme, std::vector<std::string>& v) {
  std::vector<std::string> tmp(v.size());
  for (std::size_t width = 1; width < v.size(); width *= 2) {
    for (std::size_t lo = 0; lo < v.size(); lo += 2 * width) {
      const std::size_t mid = std::min(lo + width, v.size()),
                        hi = std::min(lo + 2 * width, v.size());
      std::size_t i = lo, j = mid, k = lo;
      while (i < mid && j < hi) tmp[k++] = Compare(scheme, v[j], v[i]) < 0 ? v[j++] : v[i++];
      while (i < mid) tmp[k++] = v[i++];
      while (j < hi) tmp[k++] = v[j++];
    }
    std::swap(v, tmp);
  }
}

// Short strings: edge cases, version-like noise and random bytes (a fixed seed, so every run checks
// the same inputs).
std::vector<std::string> GarbagePool() {
  std::vector<std::string> pool = {
      "",
      " ",
      "\t",
      "v",
      "V",
      ".",
      "..",
      "-",
      "--",
      "+",
      "~",
      "^",
      ":",
      "_",
      "#",
      "!",
      "0",
      "00",
      "1",
      "01",
      "1.",
      ".1",
      "1-",
      "-1",
      "1:",
      ":1",
      "1:-",
      "a",
      "A",
      "1a",
      "a1",
      "1.0",
      "1.0.0",
      "1.0-",
      "1.0+",
      "1.0~",
      "1.0^",
      "1!",
      "1!1",
      "v1",
      "1-r",
      "-r1",
      "1_",
      "1_p",
      "1.2.3-alpha.1+build.5",
      "2:1.0~rc1-3ubuntu1",
      "1.0.0.RELEASE",
      "1.0-SNAPSHOT",
      "dev-main",
      "1.0a1.post2.dev3+local.7",
      "1.2.3-r0",
      "1.2.3_p1-r4",
      "3.10.0-229.el7",
      "0.0.0-0.0.0",
      std::string("1\0"
                  "2",
                  3),
      std::string("\xff\xfe", 2),
      "\xc3\xa9",
      "1 .0",
      " 1.0 ",
      "99999999999999999999999999",
      "1.99999999999999999999999999",
      "1-99999999999999999999999",
  };
  std::mt19937 rng(20260823);
  const std::string alphabet = "0123456789.-+~^_:!#abcdeprvxAZ ";
  for (int i = 0; i < 120; ++i) {
    std::string s(rng() % 14, ' ');
    for (char& c : s) c = alphabet[rng() % alphabet.size()];
    pool.push_back(s);
  }
  for (int i = 0; i < 60; ++i) {
    std::string s(rng() % 12, ' ');
    for (char& c : s) c = static_cast<char>(rng() % 256);
    pool.push_back(s);
  }
  return pool;
}

// 10,000-character versions, built to reach the deep or slow paths of each reader.
std::vector<std::string> LongPool() {
  const auto repeat = [](const std::string& unit, std::size_t total) {
    std::string s;
    while (s.size() < total) s += unit;
    return s.substr(0, total);
  };
  std::vector<std::string> pool;
  for (const char* unit :
       {"9",   "1.", "-",  "1-", "a1",  ".", "~",    "^",        "0.", "1-r",
        "dev", "+",  "_p", "a-", "1a.", "#", "\xff", "1.0.post", "-1", "1.0-ga-"}) {
    pool.push_back(repeat(unit, 10000));
  }
  pool.push_back("1" + std::string(9999, '0'));
  pool.push_back("1.0+" + repeat("a.", 9996));
  std::mt19937 rng(7);
  std::string noise(10000, ' ');
  for (char& c : noise) c = static_cast<char>(rng() % 256);
  pool.push_back(noise);
  return pool;
}

void ExpectAntisymmetric(Scheme scheme, const std::vector<std::string>& pool) {
  for (const std::string& a : pool) {
    EXPECT_EQ(Compare(scheme, a, a), 0) << SchemeName(scheme) << " [" << a << "]";
    for (const std::string& b : pool) {
      const int ab = Compare(scheme, a, b);
      ASSERT_TRUE(ab == -1 || ab == 0 || ab == 1) << SchemeName(scheme);
      ASSERT_EQ(Compare(scheme, b, a), -ab) << SchemeName(scheme) << " [" << a << "] [" << b << "]";
    }
  }
}

// Sorted, every earlier element must be <= every later one: any intransitive triple shows up.
void ExpectSortsConsistently(Scheme scheme, std::vector<std::string> pool) {
  std::erase_if(pool, [&](const std::string& v) { return !OrderedTransitively(scheme, v); });
  MergeSort(scheme, pool);
  for (std::size_t i = 0; i < pool.size(); ++i) {
    for (std::size_t j = i + 1; j < pool.size(); ++j) {
      ASSERT_LE(Compare(scheme, pool[i], pool[j]), 0)
          << SchemeName(scheme) << " [" << pool[i] << "] [" << pool[j] << "]";
    }
  }
}

// Empty strings, separators alone, NUL and non-ASCII bytes, random noise: every scheme answers,
// antisymmetrically, and sorts them consistently (the header's "never throws, never crashes").
TEST(VersionOrder, GarbageIsOrderedAntisymmetricallyAndTransitively) {
  const std::vector<std::string> pool = GarbagePool();
  for (Scheme scheme : kAllSchemes) {
    ExpectAntisymmetric(scheme, pool);
    ExpectSortsConsistently(scheme, pool);
    for (const std::string& v : pool) (void)IsValid(scheme, v);
  }
}

// 10,000-character versions (deep Maven nesting, long digit runs, long legacy PyPI keys) neither
// crash nor overflow, and compare antisymmetrically with each other and with short ones.
TEST(VersionOrder, TenThousandCharacterVersionsAreOrdered) {
  std::vector<std::string> pool = LongPool();
  for (const char* v : {"", "1", "1.0", "0", "a"}) pool.push_back(v);
  for (Scheme scheme : kAllSchemes) {
    ExpectAntisymmetric(scheme, pool);
    ExpectSortsConsistently(scheme, pool);
    for (const std::string& v : pool) (void)IsValid(scheme, v);
  }
}

// Each fixture's distinct versions, sorted with craft's comparator, come out in an order where
// neighbours agree with every relation the fixture states about them; and, apart from the two
// upstream exceptions above, sampled pairs (each version against its next 8 and 32 random later
// ones) never contradict the order: the comparator is transitive on real versions.
TEST(VersionOrder, FixtureVersionsSortTransitively) {
  std::mt19937 rng(42);
  for (const auto& fixture : ScalibrFixtures()) {
    const std::string& file = fixture.first;
    const Scheme scheme = fixture.second;
    const std::vector<Comparison> comparisons =
        LoadComparisons(Corpus("vuln/osv/osv-scalibr/semantic/testdata/" + file));
    std::map<std::pair<std::string, std::string>, int> known;
    std::set<std::string> distinct;
    for (const Comparison& c : comparisons) {
      known[{c.a, c.b}] = c.op;
      known[{c.b, c.a}] = -c.op;
      distinct.insert(c.a);
      distinct.insert(c.b);
    }
    std::vector<std::string> sorted(distinct.begin(), distinct.end());
    MergeSort(scheme, sorted);
    std::size_t agreed = 0;
    for (std::size_t i = 0; i + 1 < sorted.size(); ++i) {
      const int c = Compare(scheme, sorted[i], sorted[i + 1]);
      EXPECT_LE(c, 0) << file << ": [" << sorted[i] << "] [" << sorted[i + 1] << "]";
      if (const auto it = known.find({sorted[i], sorted[i + 1]}); it != known.end()) {
        EXPECT_EQ(it->second, c) << file << ": [" << sorted[i] << "] [" << sorted[i + 1] << "]";
        ++agreed;
      }
    }
    std::vector<std::string> transitive = sorted;
    std::erase_if(transitive,
                  [&](const std::string& v) { return !OrderedTransitively(scheme, v); });
    MergeSort(scheme, transitive);
    for (std::size_t i = 0; i + 1 < transitive.size(); ++i) {
      for (std::size_t k = 1; k <= 40; ++k) {
        const std::size_t j = k <= 8 ? i + k : i + 1 + rng() % (transitive.size() - i - 1);
        if (j >= transitive.size()) continue;
        ASSERT_LE(Compare(scheme, transitive[i], transitive[j]), 0)
            << file << ": [" << transitive[i] << "] [" << transitive[j] << "]";
      }
    }
    std::cout << "[ sorted   ] " << file << ": " << sorted.size() << " distinct versions, "
              << agreed << " neighbour pairs stated by the fixture, " << transitive.size()
              << " checked for transitivity\n";
  }
}

}  // namespace
}  // namespace craft::vuln::version
