// Version ordering against the fixtures of the tools craft competes with: every comparison in
// osv-scalibr's semantic/testdata/*-versions*.txt and in osv.dev's Packagist cases must hold in
// both directions, and osv.dev's Alpine version lists must be classified as they say.

#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <string>

#include "corpus_comparisons.h"
#include "vuln/version/compare.h"

namespace craft::vuln::version {
namespace {

using testing::Comparison;
using testing::Corpus;
using testing::LoadComparisons;
using testing::OpText;
using testing::ScalibrFixtures;

const std::string kScalibr = "vuln/osv/osv-scalibr/semantic/testdata/";

// Checks Compare(A, B) == op and Compare(B, A) == -op for every line of a fixture; returns how many
// lines were checked, which is also printed so that a run shows the size of the bar.
std::size_t ExpectFixtureHolds(Scheme scheme, const std::string& relative) {
  const std::vector<Comparison> comparisons = LoadComparisons(Corpus(relative));
  std::size_t failures = 0;
  for (const Comparison& c : comparisons) {
    const int forward = Compare(scheme, c.a, c.b);
    const int backward = Compare(scheme, c.b, c.a);
    if (forward != c.op || backward != -c.op) {
      ++failures;
      ADD_FAILURE() << c.where << "\n  got " << c.a << " " << OpText(forward) << " " << c.b
                    << " and " << c.b << " " << OpText(backward) << " " << c.a;
    }
  }
  std::cout << "[ fixture  ] " << relative << ": " << comparisons.size() << " comparisons, "
            << failures << " failed (" << SchemeName(scheme) << ")\n";
  EXPECT_FALSE(comparisons.empty()) << relative;
  return comparisons.size();
}

std::size_t ExpectScalibrFixtureHolds(const std::string& file) {
  return ExpectFixtureHolds(ScalibrFixtures().at(file), kScalibr + file);
}

// Every *-versions*.txt file osv-scalibr ships is mapped above, so none can be left out.
TEST(VersionFixtures, EveryScalibrFixtureIsMapped) {
  const std::filesystem::path dir = Corpus(kScalibr);
  ASSERT_TRUE(std::filesystem::is_directory(dir)) << dir;
  std::size_t found = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (name.find("-versions") == std::string::npos || entry.path().extension() != ".txt") continue;
    ++found;
    EXPECT_TRUE(ScalibrFixtures().count(name)) << "unmapped fixture " << name;
  }
  EXPECT_EQ(found, ScalibrFixtures().size());
}

// apk's order of Alpine versions, hand-written cases and apk-tools' version.data (osv-scalibr).
TEST(AlpineVersion, AgreesWithScalibrFixture) { ExpectScalibrFixtureHolds("alpine-versions.txt"); }

// Every comparison that osv-scalibr sorted with `apk version -t` itself (Alpine 3.10).
TEST(AlpineVersion, AgreesWithApkOnGeneratedFixture) {
  ExpectScalibrFixtureHolds("alpine-versions-generated.txt");
}

// R's package_version order on hand-written cases (osv-scalibr).
TEST(CranVersion, AgreesWithScalibrFixture) { ExpectScalibrFixtureHolds("cran-versions.txt"); }

// Every comparison that osv-scalibr sorted with R's package_version() from CRAN archives.
TEST(CranVersion, AgreesWithRGeneratedFixture) {
  ExpectScalibrFixtureHolds("cran-versions-generated.txt");
}

// dpkg's order on hand-written cases: epochs, "~", revisions (osv-scalibr).
TEST(DebianVersion, AgreesWithScalibrFixture) { ExpectScalibrFixtureHolds("debian-versions.txt"); }

// Every comparison that osv-scalibr sorted with dpkg itself.
TEST(DebianVersion, AgreesWithDpkgOnGeneratedFixture) {
  ExpectScalibrFixtureHolds("debian-versions-generated.txt");
}

// Haskell's Data.Version order (1.0 < 1.0.0) on osv-scalibr's cases.
TEST(HackageVersion, AgreesWithScalibrFixture) {
  ExpectScalibrFixtureHolds("hackage-versions.txt");
}

// ComparableVersion's order on the Maven project's own test cases (MNG-5568, MNG-6572, ...).
TEST(MavenVersion, AgreesWithScalibrFixture) { ExpectScalibrFixtureHolds("maven-versions.txt"); }

// Every comparison that osv-scalibr sorted with maven-artifact 3.8.6's ComparableVersion.
TEST(MavenVersion, AgreesWithComparableVersionOnGeneratedFixture) {
  ExpectScalibrFixtureHolds("maven-versions-generated.txt");
}

// NuGet's order (four numbers, case-insensitive labels) on osv-scalibr's cases.
TEST(NuGetVersion, AgreesWithScalibrFixture) { ExpectScalibrFixtureHolds("nuget-versions.txt"); }

// PHP's version_compare order on php-src's and composer/semver's cases (osv-scalibr).
TEST(PackagistVersion, AgreesWithScalibrFixture) {
  ExpectScalibrFixtureHolds("packagist-versions.txt");
}

// Every comparison that osv-scalibr sorted with PHP's version_compare itself.
TEST(PackagistVersion, AgreesWithPhpOnGeneratedFixture) {
  ExpectScalibrFixtureHolds("packagist-versions-generated.txt");
}

// osv.dev's Packagist cases (osv/ecosystems/testdata/packagist_test_cases.txt, same format).
TEST(PackagistVersion, AgreesWithOsvDevFixture) {
  ExpectFixtureHolds(Scheme::kPackagist,
                     "vuln/osv/osv.dev/osv/ecosystems/testdata/packagist_test_cases.txt");
}

// pub_semver's order, build metadata included, on osv-scalibr's cases.
TEST(PubVersion, AgreesWithScalibrFixture) { ExpectScalibrFixtureHolds("pub-versions.txt"); }

// PEP 440 and legacy versions on osv-scalibr's hand-written cases.
TEST(PyPIVersion, AgreesWithScalibrFixture) { ExpectScalibrFixtureHolds("pypi-versions.txt"); }

// Every comparison that osv-scalibr sorted with Python's `packaging`.
TEST(PyPIVersion, AgreesWithPackagingOnGeneratedFixture) {
  ExpectScalibrFixtureHolds("pypi-versions-generated.txt");
}

// rpmvercmp's order (epochs, "~", "^", releases) on osv-scalibr's Red Hat cases.
TEST(RpmVersion, AgreesWithScalibrFixture) { ExpectScalibrFixtureHolds("redhat-versions.txt"); }

// Gem::Version's order on osv-scalibr's hand-written cases.
TEST(RubyGemsVersion, AgreesWithScalibrFixture) {
  ExpectScalibrFixtureHolds("rubygems-versions.txt");
}

// Every comparison that osv-scalibr sorted with Gem::Version itself.
TEST(RubyGemsVersion, AgreesWithGemVersionOnGeneratedFixture) {
  ExpectScalibrFixtureHolds("rubygems-versions-generated.txt");
}

// SemVer 2.0.0's precedence rules (semver.org item 11 examples and more) on osv-scalibr's cases.
TEST(SemVerVersion, AgreesWithScalibrFixture) { ExpectScalibrFixtureHolds("semver-versions.txt"); }

// The versions osv.dev's Alpine converter accepts and rejects
// (vulnfeeds/cmd/converters/alpine/fixtures/{valid,invalid}_versions.txt, one version a line).
TEST(AlpineVersion, ValidityAgreesWithOsvDevFixtures) {
  const std::string dir = "vuln/osv/osv.dev/vulnfeeds/cmd/converters/alpine/fixtures/";
  for (const auto& [file, valid] :
       {std::pair{"valid_versions.txt", true}, std::pair{"invalid_versions.txt", false}}) {
    std::size_t checked = 0;
    for (const std::string& line : testing::ReadLines(Corpus(dir + file))) {
      if (testing::IsCommentOrBlank(line)) continue;
      ++checked;
      EXPECT_EQ(IsValid(Scheme::kAlpine, line), valid) << file << ": " << line;
    }
    std::cout << "[ fixture  ] " << dir << file << ": " << checked << " versions\n";
    EXPECT_GT(checked, 0u) << file;
  }
}

}  // namespace
}  // namespace craft::vuln::version
