// One finding per vulnerability: a GitHub advisory, the NVD record of its CVE and any other record
// aliasing them come out of MatchComponent as one finding (the issue's "aliases such as GHSA <->
// CVE merged"). The advisories are built here, shaped like the real ones for lodash's
// CVE-2021-23337 (GHSA-35jh-r3h4-6jhm on npm; NVD's cpe:2.3:a:lodash:lodash, fixed in 4.17.21).

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "vuln/advisory/ecosystem.h"
#include "vuln/match/index.h"
#include "vuln/match/matcher.h"

namespace craft::vuln::match {
namespace {

using advisory::Advisory;

Advisory Osv(std::string id, std::vector<std::string> aliases, std::string ecosystem,
             std::string name, std::string fixed) {
  Advisory a;
  a.id = std::move(id);
  a.aliases = std::move(aliases);
  advisory::Affected affected;
  affected.package.ecosystem = ecosystem;
  affected.package.name = name;
  affected.package.normalized_name = advisory::NormalizePackageName(ecosystem, name);
  advisory::AffectedRange range;
  range.type = advisory::AffectedRange::Type::kSemver;
  range.events = {{advisory::RangeEvent::Kind::kIntroduced, "0"},
                  {advisory::RangeEvent::Kind::kFixed, std::move(fixed)}};
  affected.ranges.push_back(std::move(range));
  a.affected.push_back(std::move(affected));
  return a;
}

Advisory Nvd(std::string id, std::string criteria, std::string end_excluding) {
  Advisory a;
  a.source = advisory::Source::kNvd;
  a.id = std::move(id);
  advisory::CpeMatch match;
  match.criteria = std::move(criteria);
  match.vulnerable = true;
  match.version_end_excluding = std::move(end_excluding);
  advisory::CpeNode node;
  node.cpe_match.push_back(std::move(match));
  advisory::CpeConfiguration configuration;
  configuration.nodes.push_back(std::move(node));
  a.configurations.push_back(std::move(configuration));
  return a;
}

constexpr const char* kLodashCpe = "cpe:2.3:a:lodash:lodash:4.17.20:*:*:*:*:node.js:*:*";

PurlParts Lodash(std::string version) { return {"npm", "", "lodash", std::move(version), {}}; }

AdvisoryIndex LodashIndex() {
  AdvisoryIndex index;
  index.Add(Osv("GHSA-35jh-r3h4-6jhm", {"CVE-2021-23337"}, "npm", "lodash", "4.17.21"));
  index.Add(Nvd("CVE-2021-23337", "cpe:2.3:a:lodash:lodash:*:*:*:*:*:node.js:*:*", "4.17.21"));
  // A record that aliases the GitHub advisory only: joined through it.
  index.Add(Osv("OSV-2021-77", {"GHSA-35jh-r3h4-6jhm"}, "npm", "lodash", "4.17.21"));
  // An unrelated advisory for the same package: stays a finding of its own.
  index.Add(Osv("GHSA-29mw-wpgm-hmr9", {"CVE-2020-28500"}, "npm", "lodash", "4.17.21"));
  return index;
}

std::vector<std::string> Ids(const std::vector<Finding>& findings) {
  std::vector<std::string> ids;
  for (const auto& f : findings) ids.push_back(f.advisory_id);
  return ids;
}

// Without merging, the component has four findings for two vulnerabilities.
TEST(AliasMerge, EachMatcherAloneReportsEveryRecord) {
  AdvisoryIndex index = LodashIndex();
  auto purl = Lodash("4.17.20");
  EXPECT_EQ(
      Ids(MatchPurl(index, purl)),
      (std::vector<std::string>{"GHSA-29mw-wpgm-hmr9", "GHSA-35jh-r3h4-6jhm", "OSV-2021-77"}));
  EXPECT_EQ(Ids(MatchCpe(index, kLodashCpe)), (std::vector<std::string>{"CVE-2021-23337"}));
}

// The GHSA record, the NVD record and the record aliasing the GHSA one are one vulnerability: one
// finding, named by the CVE, with the other ids as aliases and the purl match (high confidence)
// as its range and reason.
TEST(AliasMerge, GhsaAndNvdRecordsOfOneCveAreOneFinding) {
  AdvisoryIndex index = LodashIndex();
  auto purl = Lodash("4.17.20");
  auto findings = MatchComponent(index, &purl, kLodashCpe);
  ASSERT_EQ(Ids(findings), (std::vector<std::string>{"CVE-2021-23337", "GHSA-29mw-wpgm-hmr9"}));
  const Finding& merged = findings[0];
  EXPECT_EQ(merged.aliases, (std::vector<std::string>{"GHSA-35jh-r3h4-6jhm", "OSV-2021-77"}));
  EXPECT_EQ(merged.matched_advisory_id, "GHSA-35jh-r3h4-6jhm");
  EXPECT_EQ(merged.method, MatchMethod::kPurl);
  EXPECT_EQ(merged.confidence, Confidence::kHigh);
  EXPECT_EQ(merged.basis, Finding::Basis::kRange);
  ASSERT_NE(merged.range, nullptr);
  EXPECT_EQ(merged.fixed_versions, (std::vector<std::string>{"4.17.21"}));
  // The unrelated advisory is left as it was.
  EXPECT_EQ(findings[1].aliases, (std::vector<std::string>{"CVE-2020-28500"}));
  EXPECT_EQ(findings[1].matched_advisory_id, "GHSA-29mw-wpgm-hmr9");

  // A fixed version matches nothing, by either identity.
  auto fixed = Lodash("4.17.21");
  EXPECT_TRUE(
      MatchComponent(index, &fixed, "cpe:2.3:a:lodash:lodash:4.17.21:*:*:*:*:node.js:*:*").empty());
}

// Known only by its CPE, the component still gets the CVE finding (from NVD, medium confidence);
// known by neither, it gets none.
TEST(AliasMerge, MatchComponentUsesWhatIsKnown) {
  AdvisoryIndex index = LodashIndex();
  auto by_cpe = MatchComponent(index, nullptr, kLodashCpe);
  ASSERT_EQ(Ids(by_cpe), (std::vector<std::string>{"CVE-2021-23337"}));
  EXPECT_EQ(by_cpe[0].method, MatchMethod::kCpe);
  EXPECT_EQ(by_cpe[0].confidence, Confidence::kMedium);
  EXPECT_TRUE(by_cpe[0].aliases.empty());
  auto purl = Lodash("4.17.20");
  auto by_purl = MatchComponent(index, &purl, "");
  // Without the NVD record, the CVE is still the shared alias: the GHSA id names the finding.
  ASSERT_EQ(Ids(by_purl), (std::vector<std::string>{"GHSA-29mw-wpgm-hmr9", "GHSA-35jh-r3h4-6jhm"}));
  EXPECT_EQ(by_purl[1].aliases, (std::vector<std::string>{"CVE-2021-23337", "OSV-2021-77"}));
  EXPECT_TRUE(MatchComponent(index, nullptr, "").empty());
}

Finding F(std::string id, std::vector<std::string> aliases,
          Confidence confidence = Confidence::kHigh, MatchMethod method = MatchMethod::kPurl) {
  Finding f;
  f.advisory_id = std::move(id);
  f.aliases = std::move(aliases);
  f.confidence = confidence;
  f.method = method;
  f.reason = "from " + f.advisory_id;
  return f;
}

// Records that only share an alias (a GHSA and a PYSEC record both aliasing a CVE nobody
// imported) are one vulnerability; the id is one of the matched records', GHSA before others.
TEST(AliasMerge, SharingAnAliasIsEnough) {
  auto merged = MergeAliases({F("PYSEC-2021-1", {"CVE-2021-1"}, Confidence::kHigh),
                              F("GHSA-aaaa-bbbb-cccc", {"CVE-2021-1"}, Confidence::kMedium)});
  ASSERT_EQ(merged.size(), 1u);
  EXPECT_EQ(merged[0].advisory_id, "GHSA-aaaa-bbbb-cccc");
  EXPECT_EQ(merged[0].aliases, (std::vector<std::string>{"CVE-2021-1", "PYSEC-2021-1"}));
  // The best match is the high-confidence one, even though another id names the finding.
  EXPECT_EQ(merged[0].matched_advisory_id, "PYSEC-2021-1");
  EXPECT_EQ(merged[0].reason, "from PYSEC-2021-1");
}

// CVE ids are ordered by year, then number, as numbers: CVE-2021-9999 before CVE-2021-10000 (byte
// order would say the opposite). A GHSA record aliasing both joins them.
TEST(AliasMerge, SmallestCveByNumberNamesTheFinding) {
  auto merged = MergeAliases({F("CVE-2021-10000", {}, Confidence::kMedium, MatchMethod::kCpe),
                              F("CVE-2021-9999", {}, Confidence::kMedium, MatchMethod::kCpe),
                              F("GHSA-xxxx-yyyy-zzzz", {"CVE-2021-9999", "CVE-2021-10000"})});
  ASSERT_EQ(merged.size(), 1u);
  EXPECT_EQ(merged[0].advisory_id, "CVE-2021-9999");
  EXPECT_EQ(merged[0].aliases, (std::vector<std::string>{"CVE-2021-10000", "GHSA-xxxx-yyyy-zzzz"}));
  EXPECT_EQ(merged[0].matched_advisory_id, "GHSA-xxxx-yyyy-zzzz");
  EXPECT_EQ(merged[0].method, MatchMethod::kPurl);
}

// The result depends on the findings, not on their order, and merging twice changes nothing.
TEST(AliasMerge, DeterministicAndIdempotent) {
  std::vector<Finding> input = {F("GHSA-1", {"CVE-2020-5"}), F("CVE-2020-5", {}),
                                F("PYSEC-9", {"GHSA-1"}), F("GHSA-2", {"CVE-2020-6"}),
                                F("MAL-3", {})};
  auto first = MergeAliases(input);
  ASSERT_EQ(Ids(first), (std::vector<std::string>{"CVE-2020-5", "GHSA-2", "MAL-3"}));
  std::reverse(input.begin(), input.end());
  auto reversed = MergeAliases(input);
  ASSERT_EQ(Ids(reversed), Ids(first));
  for (std::size_t i = 0; i < first.size(); ++i) {
    EXPECT_EQ(reversed[i].aliases, first[i].aliases) << first[i].advisory_id;
    EXPECT_EQ(reversed[i].matched_advisory_id, first[i].matched_advisory_id);
  }
  auto again = MergeAliases(first);
  ASSERT_EQ(Ids(again), Ids(first));
  for (std::size_t i = 0; i < first.size(); ++i) {
    EXPECT_EQ(again[i].aliases, first[i].aliases);
    EXPECT_EQ(again[i].matched_advisory_id, first[i].matched_advisory_id);
  }
  EXPECT_TRUE(MergeAliases({}).empty());
}

}  // namespace
}  // namespace craft::vuln::match
