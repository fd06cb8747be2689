// Matching a component known only by its name and version (no purl, no CPE): each case says which
// component at which version is (or is not) affected by which record, and why. The rules are
// MatchName's (src/vuln/match/matcher.h) and docs/matching.md's: the name is looked up in the
// language registries only, matched only when exactly one of them has advisories for it, compared
// with that registry's version ordering, and always reported with method "name" and low
// confidence.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "vuln/advisory/ecosystem.h"
#include "vuln/import/osv.h"
#include "vuln/match/index.h"
#include "vuln/match/matcher.h"

namespace craft::vuln::match {
namespace {

namespace fs = std::filesystem;
using advisory::AffectedRange;
using advisory::RangeEvent;

advisory::Advisory Load(const std::string& relative) {
  std::ifstream in(fs::path(CRAFT_CORPORA) / "vuln/osv/records" / relative, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  auto result = import::ParseOsvRecord(s.str());
  if (!result.advisory) {
    ADD_FAILURE() << relative << " was rejected";
    return {};
  }
  return std::move(*result.advisory);
}

// An advisory with one affected package, introduced 0 and fixed at `fixed`.
advisory::Advisory Fixed(std::string id, std::string ecosystem, std::string name,
                         std::string fixed) {
  advisory::Advisory a;
  a.id = std::move(id);
  advisory::Affected affected;
  affected.package.ecosystem = ecosystem;
  affected.package.name = name;
  affected.package.normalized_name = advisory::NormalizePackageName(ecosystem, name);
  affected.ranges.push_back(
      {AffectedRange::Type::kEcosystem,
       "",
       {{RangeEvent::Kind::kIntroduced, "0"}, {RangeEvent::Kind::kFixed, std::move(fixed)}}});
  a.affected.push_back(std::move(affected));
  return a;
}

std::vector<std::string> Ids(const std::vector<Finding>& findings) {
  std::vector<std::string> ids;
  for (const auto& f : findings) ids.push_back(f.advisory_id);
  return ids;
}

// lodash is named only by npm records among the loaded ones: "lodash" 4.17.20 is below
// GHSA-29mw-wpgm-hmr9's fixed 4.17.21 (npm ordering), so it is affected, by name, with low
// confidence; 4.17.21 is the fix and is not affected.
TEST(NameMatch, UnambiguousRegistryNameIsMatchedWithLowConfidence) {
  AdvisoryIndex index;
  index.Add(Load("github-advisory-database/GHSA-29mw-wpgm-hmr9.json"));
  index.Add(Load("pypa/PYSEC-2022-42969.json"));
  const auto found = MatchName(index, "lodash", "4.17.20");
  ASSERT_EQ(Ids(found), std::vector<std::string>{"GHSA-29mw-wpgm-hmr9"});
  EXPECT_EQ(found[0].method, MatchMethod::kName);
  EXPECT_EQ(found[0].confidence, Confidence::kLow);
  EXPECT_EQ(found[0].ecosystem, "npm");
  EXPECT_EQ(found[0].package, "lodash");
  EXPECT_EQ(found[0].fixed_versions, std::vector<std::string>{"4.17.21"});
  EXPECT_EQ(found[0].reason,
            "4.17.20 is at or above introduced 0 (every version) and below fixed "
            "4.17.21");
  EXPECT_TRUE(MatchName(index, "lodash", "4.17.21").empty()) << "the fixed version";
  // py 1.10.0 is at or below PYSEC-2022-42969's last_affected 1.11.0; 1.11.1 is above it.
  EXPECT_EQ(Ids(MatchName(index, "py", "1.10.0")), std::vector<std::string>{"PYSEC-2022-42969"});
  EXPECT_TRUE(MatchName(index, "py", "1.11.1").empty());
  EXPECT_TRUE(MatchName(index, "left-pad", "1.0.0").empty()) << "no advisory names it";
}

// The name is normalised per registry, as a purl's would be: "PY" is PyPI's "py" (PEP 503), so
// it matches; npm names are case-sensitive, so "Lodash" is not npm's "lodash".
TEST(NameMatch, NamesAreNormalisedAsEachRegistryComparesThem) {
  AdvisoryIndex index;
  index.Add(Load("github-advisory-database/GHSA-29mw-wpgm-hmr9.json"));
  index.Add(Load("pypa/PYSEC-2022-42969.json"));
  EXPECT_EQ(Ids(MatchName(index, "PY", "1.10.0")), std::vector<std::string>{"PYSEC-2022-42969"});
  EXPECT_TRUE(MatchName(index, "Lodash", "4.17.20").empty());
}

// "requests" has advisories in both PyPI and npm here: which package the component is cannot be
// told, and 2.0.0 would be affected in one (fixed 2.31.0) and not in the other (fixed 1.0.0), so
// nothing is reported rather than a guess. Once only one registry names it, it matches.
TEST(NameMatch, NameInSeveralRegistriesIsNotMatched) {
  AdvisoryIndex index;
  index.Add(Fixed("PYSEC-9-1", "PyPI", "requests", "2.31.0"));
  EXPECT_EQ(Ids(MatchName(index, "requests", "2.0.0")), std::vector<std::string>{"PYSEC-9-1"});
  index.Add(Fixed("GHSA-9-1", "npm", "requests", "1.0.0"));
  EXPECT_TRUE(MatchName(index, "requests", "2.0.0").empty());
  EXPECT_TRUE(MatchName(index, "requests", "0.5.0").empty()) << "even where both would agree";
}

// Linux distributions are never looked at by name: DSA-5474-1 names Debian's intel-microcode,
// but "intel-microcode" 3.2 known by name only is not matched (a Debian version carries the
// distribution's revision and backports; the upstream version says little about them).
TEST(NameMatch, DistributionPackagesAreNotMatchedByName) {
  AdvisoryIndex index;
  index.Add(Load("dependency-track/vuln-data-source/osv/src/test/resources/osv-DSA-5474-1.json"));
  EXPECT_TRUE(MatchName(index, "intel-microcode", "3.2").empty());
  index.Add(Fixed("DEBIAN-9-1", "Debian:12", "zlib", "1:1.2.13.dfsg-1"));
  EXPECT_TRUE(MatchName(index, "zlib", "1.2.11").empty());
}

// The version must be one the registry's own tool accepts: "latest" and "unknown" are not PEP 440
// versions, so they are not compared (PEP 440 would put them before every version, inside every
// "introduced 0" range).
TEST(NameMatch, VersionsTheRegistryRejectsAreNotCompared) {
  AdvisoryIndex index;
  index.Add(Load("pypa/PYSEC-2022-42969.json"));
  EXPECT_TRUE(MatchName(index, "py", "latest").empty());
  EXPECT_TRUE(MatchName(index, "py", "unknown").empty());
  EXPECT_TRUE(MatchName(index, "py", "").empty());
  EXPECT_TRUE(MatchName(index, "", "1.10.0").empty());
}

// MatchComponent falls back to the name only when nothing better exists: no purl (or a
// pkg:generic one) and no readable CPE. With an npm purl, the purl decides (high confidence); with
// a CPE, the NVD configurations do and the name is not looked up.
TEST(NameMatch, ComponentFallsBackToItsNameOnlyWithoutPurlOrCpe) {
  AdvisoryIndex index;
  index.Add(Load("github-advisory-database/GHSA-29mw-wpgm-hmr9.json"));
  ComponentIdentity bare{nullptr, "", {}, "lodash", "4.17.20", ""};
  auto by_name = MatchComponent(index, bare);
  ASSERT_EQ(Ids(by_name), std::vector<std::string>{"GHSA-29mw-wpgm-hmr9"});
  EXPECT_EQ(by_name[0].method, MatchMethod::kName);
  EXPECT_EQ(by_name[0].matched_advisory_id, "GHSA-29mw-wpgm-hmr9");

  PurlParts generic{"generic", "", "lodash", "4.17.20", {}};
  EXPECT_EQ(Ids(MatchComponent(index, {&generic, "", {}, "lodash", "4.17.20", ""})),
            std::vector<std::string>{"GHSA-29mw-wpgm-hmr9"});
  EXPECT_EQ(Ids(MatchComponent(index, {nullptr, "not a cpe", {}, "lodash", "4.17.20", ""})),
            std::vector<std::string>{"GHSA-29mw-wpgm-hmr9"});

  PurlParts npm{"npm", "", "lodash", "4.17.20", {}};
  auto by_purl = MatchComponent(index, {&npm, "", {}, "lodash", "4.17.20", ""});
  ASSERT_EQ(by_purl.size(), 1u);
  EXPECT_EQ(by_purl[0].method, MatchMethod::kPurl);
  EXPECT_EQ(by_purl[0].confidence, Confidence::kHigh);
  // An npm purl of another package: the purl says what it is, the name is not tried.
  PurlParts other{"npm", "", "underscore", "4.17.20", {}};
  EXPECT_TRUE(MatchComponent(index, {&other, "", {}, "lodash", "4.17.20", ""}).empty());
  EXPECT_TRUE(
      MatchComponent(
          index,
          {nullptr, "cpe:2.3:a:lodash:lodash:4.17.20:*:*:*:*:*:*:*", {}, "lodash", "4.17.20", ""})
          .empty())
      << "a CPE: NVD decides, and no NVD record is loaded";
}

// The keys a store fetches candidates under: one per registry, normalised as that registry does.
TEST(NameMatch, NameOnlyKeysNormalisePerRegistry) {
  const auto keys = NameOnlyKeys("Foo_Bar");
  EXPECT_EQ(keys.size(), NameOnlyEcosystems().size());
  auto key_of = [&](std::string_view base) {
    for (const auto& [b, name] : keys) {
      if (b == base) return name;
    }
    return std::string("missing");
  };
  EXPECT_EQ(key_of("PyPI"), "foo-bar");
  EXPECT_EQ(key_of("crates.io"), "foo-bar");
  EXPECT_EQ(key_of("npm"), "Foo_Bar");
  EXPECT_EQ(key_of("Debian"), "missing");
}

// The SBOM's group is part of the name in the registries that have groups. log4j-core of
// org.apache.logging.log4j 2.14.1 is below the Maven record's fixed 2.15.0 and is affected; by its
// bare name it was never found (Maven names are "group:artifact"). "core" of the npm scope
// "@angular" is @angular/core, not the unscoped npm package "core" (which the bare name matched
// wrongly); the scope may be written without its "@". A group means nothing to PyPI.
TEST(NameMatch, GroupCompletesTheNameInRegistriesWithGroups) {
  AdvisoryIndex index;
  index.Add(Fixed("GHSA-maven-0001", "Maven", "org.apache.logging.log4j:log4j-core", "2.15.0"));
  index.Add(Fixed("GHSA-ng-0001", "npm", "@angular/core", "11.0.5"));
  index.Add(Fixed("GHSA-core-0001", "npm", "core", "99.0.0"));
  index.Add(Fixed("PYSEC-9-2", "PyPI", "django", "3.2.0"));
  EXPECT_EQ(Ids(MatchName(index, "log4j-core", "2.14.1", "org.apache.logging.log4j")),
            std::vector<std::string>{"GHSA-maven-0001"});
  EXPECT_TRUE(MatchName(index, "log4j-core", "2.15.0", "org.apache.logging.log4j").empty());
  EXPECT_TRUE(MatchName(index, "log4j-core", "2.14.1").empty()) << "no group, no Maven name";
  EXPECT_EQ(Ids(MatchName(index, "core", "10.0.0", "@angular")),
            std::vector<std::string>{"GHSA-ng-0001"});
  EXPECT_EQ(Ids(MatchName(index, "core", "10.0.0", "angular")),
            std::vector<std::string>{"GHSA-ng-0001"});
  const auto found = MatchComponent(index, {nullptr, "", {}, "core", "10.0.0", "@angular"});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].package, "@angular/core");
  EXPECT_EQ(Ids(MatchName(index, "django", "3.1.0", "djangoproject")),
            std::vector<std::string>{"PYSEC-9-2"});
  EXPECT_EQ(RegistryName("Packagist", "symfony", "http-kernel"), "symfony/http-kernel");
  EXPECT_EQ(RegistryName("Go", "github.com/gin-gonic", "gin"), "github.com/gin-gonic/gin");
  EXPECT_EQ(RegistryName("crates.io", "tokio-rs", "tokio"), "tokio");
}

}  // namespace
}  // namespace craft::vuln::match
