// The public contract of vuln/version/compare.h beyond the fixtures: which scheme each OSV
// ecosystem uses, the names accepted on the command line, validity, numbers of any size, and the
// place of versions each ecosystem's tool rejects.

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "corpus_comparisons.h"
#include "vuln/version/compare.h"

namespace craft::vuln::version {
namespace {

constexpr Scheme kAllSchemes[] = {
    Scheme::kSemVer,    Scheme::kPyPI,    Scheme::kMaven,  Scheme::kNuGet,  Scheme::kRubyGems,
    Scheme::kPackagist, Scheme::kPub,     Scheme::kDebian, Scheme::kAlpine, Scheme::kRpm,
    Scheme::kCran,      Scheme::kHackage, Scheme::kGeneric};

// The part before ":" picks the scheme, spelled exactly as the OSV ecosystem list spells it
// (osv-schema's ecosystems.json; the examples are those of its descriptions).
TEST(SchemeForEcosystem, MapsOsvEcosystemNames) {
  EXPECT_EQ(SchemeForEcosystem("npm"), Scheme::kSemVer);
  EXPECT_EQ(SchemeForEcosystem("crates.io"), Scheme::kSemVer);
  EXPECT_EQ(SchemeForEcosystem("Go"), Scheme::kSemVer);
  EXPECT_EQ(SchemeForEcosystem("Hex"), Scheme::kSemVer);
  EXPECT_EQ(SchemeForEcosystem("SwiftURL"), Scheme::kSemVer);
  EXPECT_EQ(SchemeForEcosystem("PyPI"), Scheme::kPyPI);
  EXPECT_EQ(SchemeForEcosystem("Maven"), Scheme::kMaven);
  EXPECT_EQ(SchemeForEcosystem("Maven:https://repo.maven.apache.org/maven2"), Scheme::kMaven);
  EXPECT_EQ(SchemeForEcosystem("NuGet"), Scheme::kNuGet);
  EXPECT_EQ(SchemeForEcosystem("RubyGems"), Scheme::kRubyGems);
  EXPECT_EQ(SchemeForEcosystem("Packagist"), Scheme::kPackagist);
  EXPECT_EQ(SchemeForEcosystem("Pub"), Scheme::kPub);
  EXPECT_EQ(SchemeForEcosystem("CRAN"), Scheme::kCran);
  EXPECT_EQ(SchemeForEcosystem("Bioconductor"), Scheme::kCran);
  EXPECT_EQ(SchemeForEcosystem("Hackage"), Scheme::kHackage);
  EXPECT_EQ(SchemeForEcosystem("Debian"), Scheme::kDebian);
  EXPECT_EQ(SchemeForEcosystem("Debian:12"), Scheme::kDebian);
  EXPECT_EQ(SchemeForEcosystem("Ubuntu:22.04:LTS"), Scheme::kDebian);
  EXPECT_EQ(SchemeForEcosystem("Ubuntu:Pro:18.04:LTS"), Scheme::kDebian);
  EXPECT_EQ(SchemeForEcosystem("Alpine:v3.18"), Scheme::kAlpine);
  EXPECT_EQ(SchemeForEcosystem("Wolfi"), Scheme::kAlpine);
  EXPECT_EQ(SchemeForEcosystem("Red Hat"), Scheme::kRpm);
  EXPECT_EQ(SchemeForEcosystem("Red Hat:enterprise_linux:9::appstream"), Scheme::kRpm);
  EXPECT_EQ(SchemeForEcosystem("AlmaLinux:9"), Scheme::kRpm);
  EXPECT_EQ(SchemeForEcosystem("Rocky Linux:8"), Scheme::kRpm);
  EXPECT_EQ(SchemeForEcosystem("SUSE:Linux Enterprise Server 15 SP5"), Scheme::kRpm);
  EXPECT_EQ(SchemeForEcosystem("openSUSE:Tumbleweed"), Scheme::kRpm);
  EXPECT_EQ(SchemeForEcosystem("Mageia:9"), Scheme::kRpm);
  EXPECT_EQ(SchemeForEcosystem("openEuler:22.03-LTS-SP3"), Scheme::kRpm);
  EXPECT_EQ(SchemeForEcosystem("Linux"), Scheme::kGeneric);
  EXPECT_EQ(SchemeForEcosystem("pypi"), std::nullopt);  // OSV names are case-sensitive
  EXPECT_EQ(SchemeForEcosystem("NotAnEcosystem"), std::nullopt);
  EXPECT_EQ(SchemeForEcosystem(""), std::nullopt);
}

// Every ecosystem the OSV schema defines (osv-schema ecosystems.json) has a scheme, so no
// advisory of a known ecosystem is left without an order.
TEST(SchemeForEcosystem, CoversEveryEcosystemOfTheOsvList) {
  std::ifstream in(testing::Corpus("vuln/osv/osv-schema/ecosystems.json"));
  ASSERT_TRUE(in.is_open());
  const nlohmann::json list = nlohmann::json::parse(in);
  ASSERT_GT(list.size(), 40u);
  for (const auto& [name, description] : list.items()) {
    EXPECT_TRUE(SchemeForEcosystem(name).has_value()) << name;
    EXPECT_TRUE(ParseSchemeName(name).has_value()) << name;
  }
}

// Command-line names: every SchemeName() reads back, aliases and ecosystem names are accepted in
// any case, nothing else is.
TEST(ParseSchemeName, AcceptsSchemeNamesAliasesAndEcosystems) {
  for (Scheme s : kAllSchemes) EXPECT_EQ(ParseSchemeName(SchemeName(s)), s) << SchemeName(s);
  EXPECT_EQ(SchemeName(Scheme::kRpm), "rpm");
  EXPECT_EQ(ParseSchemeName("npm"), Scheme::kSemVer);
  EXPECT_EQ(ParseSchemeName("PYPI"), Scheme::kPyPI);
  EXPECT_EQ(ParseSchemeName("maven"), Scheme::kMaven);
  EXPECT_EQ(ParseSchemeName("redhat"), Scheme::kRpm);
  EXPECT_EQ(ParseSchemeName("Red Hat"), Scheme::kRpm);
  EXPECT_EQ(ParseSchemeName("ubuntu:22.04:lts"), Scheme::kDebian);
  EXPECT_EQ(ParseSchemeName("alpine"), Scheme::kAlpine);
  EXPECT_EQ(ParseSchemeName("Crates.IO"), Scheme::kSemVer);
  EXPECT_EQ(ParseSchemeName("semver"), Scheme::kSemVer);
  EXPECT_EQ(ParseSchemeName("dpkg"), Scheme::kDebian);
  EXPECT_EQ(ParseSchemeName("nope"), std::nullopt);
  EXPECT_EQ(ParseSchemeName(""), std::nullopt);
}

// Numbers wider than 64 bits compare by value in every scheme (2^64 vs 2^64 - 1, and 30 digits).
TEST(VersionNumbers, ExceedingSixtyFourBitsCompareByValue) {
  for (Scheme s : kAllSchemes) {
    EXPECT_EQ(Compare(s, "18446744073709551616", "18446744073709551615"), 1) << SchemeName(s);
    EXPECT_EQ(Compare(s, "1.18446744073709551615", "1.18446744073709551616"), -1) << SchemeName(s);
    EXPECT_EQ(Compare(s, "999999999999999999999999999991", "999999999999999999999999999999"), -1)
        << SchemeName(s);
    EXPECT_EQ(Compare(s, "99999999999999999999", "100000000000000000000"), -1) << SchemeName(s);
  }
}

// Strict SemVer 2.0.0 (semver.org's grammar) with an optional "v"; NuGet allows 1 to 4 numbers
// and leading zeros; Pub is strict SemVer without "v".
TEST(IsValid, SemVerFamily) {
  EXPECT_TRUE(IsValid(Scheme::kSemVer, "1.2.3"));
  EXPECT_TRUE(IsValid(Scheme::kSemVer, "v1.2.3-rc.1+build.5"));
  EXPECT_TRUE(IsValid(Scheme::kSemVer, "1.0.0-x-y-z.--"));
  EXPECT_FALSE(IsValid(Scheme::kSemVer, "1.2"));
  EXPECT_FALSE(IsValid(Scheme::kSemVer, "01.2.3"));
  EXPECT_FALSE(IsValid(Scheme::kSemVer, "1.2.3-01"));
  EXPECT_FALSE(IsValid(Scheme::kSemVer, "1.2.3-"));
  EXPECT_FALSE(IsValid(Scheme::kSemVer, "1.2.3+"));
  EXPECT_FALSE(IsValid(Scheme::kSemVer, "1.2.3.4"));
  EXPECT_TRUE(IsValid(Scheme::kNuGet, "1.0.0.1-beta"));
  EXPECT_TRUE(IsValid(Scheme::kNuGet, "1.01"));
  EXPECT_FALSE(IsValid(Scheme::kNuGet, "1.0.0.0.1"));
  EXPECT_TRUE(IsValid(Scheme::kPub, "1.2.3+1"));
  EXPECT_FALSE(IsValid(Scheme::kPub, "v1.2.3"));
}

// PEP 440 (including its alternative spellings) vs. what `packaging` treats as legacy.
TEST(IsValid, PyPIIsPep440) {
  EXPECT_TRUE(IsValid(Scheme::kPyPI, "1.0.post1"));
  EXPECT_TRUE(IsValid(Scheme::kPyPI, " v1!2.0-RC.3-7.DEV_1+Ubuntu-1 "));
  EXPECT_TRUE(IsValid(Scheme::kPyPI, "1.0alpha"));
  EXPECT_FALSE(IsValid(Scheme::kPyPI, "trunk"));
  EXPECT_FALSE(IsValid(Scheme::kPyPI, "1.0+"));
  EXPECT_FALSE(IsValid(Scheme::kPyPI, "2013-01-21T20:33:09+0100"));
  EXPECT_FALSE(IsValid(Scheme::kPyPI, ""));
}

// dpkg without errors or warnings; Gem::Version's pattern; R's package_version; Cabal's versions.
TEST(IsValid, DistributionAndLanguageSchemes) {
  EXPECT_TRUE(IsValid(Scheme::kDebian, "1:2.30-1+deb12u1"));
  EXPECT_TRUE(IsValid(Scheme::kDebian, "0.0~git20170407.0.55a552f+REALLY.0.0-1"));
  EXPECT_FALSE(IsValid(Scheme::kDebian, "a:1.0"));
  EXPECT_FALSE(IsValid(Scheme::kDebian, "1.0-"));
  EXPECT_FALSE(IsValid(Scheme::kDebian, "1.0 1"));
  EXPECT_FALSE(IsValid(Scheme::kDebian, "abc"));  // accepted by dpkg with a warning only
  EXPECT_FALSE(IsValid(Scheme::kDebian, "99999999999:1"));
  EXPECT_TRUE(IsValid(Scheme::kRubyGems, "1.0.a.2"));
  EXPECT_TRUE(IsValid(Scheme::kRubyGems, "1.0-beta.1"));
  EXPECT_TRUE(IsValid(Scheme::kRubyGems, ""));
  EXPECT_FALSE(IsValid(Scheme::kRubyGems, "1beta"));
  EXPECT_TRUE(IsValid(Scheme::kCran, "1.0-2"));
  EXPECT_FALSE(IsValid(Scheme::kCran, "1"));
  EXPECT_FALSE(IsValid(Scheme::kCran, "1.0a"));
  EXPECT_TRUE(IsValid(Scheme::kHackage, "0.1.26.0"));
  EXPECT_FALSE(IsValid(Scheme::kHackage, "1.2-beta"));
  EXPECT_TRUE(IsValid(Scheme::kAlpine, "6.6.2p1-r0"));
  EXPECT_FALSE(IsValid(Scheme::kAlpine, "1.18.-r2"));
  EXPECT_TRUE(IsValid(Scheme::kMaven, "anything at all"));
  EXPECT_FALSE(IsValid(Scheme::kRpm, ""));
}

// Where each scheme puts versions its tool rejects, as compare.h states: dpkg's rejects and
// PyPI's legacy versions first, Hackage text and Alpine tails next to the version they extend,
// Packagist's empty version first, an RPM version without release before the one with.
TEST(VersionOrder, RejectedVersionsHaveTheDocumentedPlace) {
  EXPECT_EQ(Compare(Scheme::kDebian, "a:1.0", "0"), -1);
  EXPECT_EQ(Compare(Scheme::kDebian, "1.0 1", "0~"), -1);
  EXPECT_EQ(Compare(Scheme::kDebian, "", "0"), 0);  // dpkg's blank version
  EXPECT_EQ(Compare(Scheme::kDebian, " 1.0 ", "1.0"), 0);
  EXPECT_EQ(Compare(Scheme::kPyPI, "trunk", "0.0.dev0"), -1);
  EXPECT_EQ(Compare(Scheme::kPyPI, "1.0-final", "1.0-final"), 0);
  EXPECT_EQ(Compare(Scheme::kHackage, "1.0-beta", "1.0"), 1);
  EXPECT_EQ(Compare(Scheme::kHackage, "1.0-beta", "1.0.0"), -1);
  EXPECT_EQ(Compare(Scheme::kAlpine, "1.2_blah", "1.2"), -1);
  EXPECT_EQ(Compare(Scheme::kAlpine, "1.2_blah", "1.1"), 1);
  EXPECT_EQ(Compare(Scheme::kPackagist, "", "dev-main"), -1);
  EXPECT_EQ(Compare(Scheme::kRpm, "1.0", "1.0-0"), -1);
  EXPECT_EQ(Compare(Scheme::kSemVer, "1.2.3.4", "1.2.3"), 1);
  EXPECT_EQ(Compare(Scheme::kSemVer, "1.2.3beta", "1.2.3"), -1);
}

// Maven's ComparableVersion (3.8) is itself intransitive when a "." qualifier meets "-" qualifiers;
// craft answers as Maven does (compare.h), which the generated fixture requires.
TEST(MavenVersion, IsIntransitiveLikeComparableVersion) {
  EXPECT_EQ(Compare(Scheme::kMaven, "1.0.beta9", "1.0"), -1);
  EXPECT_EQ(Compare(Scheme::kMaven, "1.0", "1.0-pre29"), -1);
  EXPECT_EQ(Compare(Scheme::kMaven, "1.0.beta9", "1.0-pre29"), 1);
}

// PHP's "#" equals every number, so Packagist cannot be transitive there either (osv.dev's edge
// cases: 1.2.3.# = 1.2.3 and 1.2.3.# = 1.2.3.1).
TEST(PackagistVersion, HashEqualsEveryNumberAsInPhp) {
  EXPECT_EQ(Compare(Scheme::kPackagist, "1.2.3.#", "1.2.3"), 0);
  EXPECT_EQ(Compare(Scheme::kPackagist, "1.2.3.#", "1.2.3.1"), 0);
  EXPECT_EQ(Compare(Scheme::kPackagist, "1.2.3", "1.2.3.1"), -1);
}

}  // namespace
}  // namespace craft::vuln::version
