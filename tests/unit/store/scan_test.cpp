// Scanning components against the advisory database in the store (ScanComponents): how each
// component is matched (purl, CPE, or name only), the method and confidence stored with each
// finding, and what a finding matched by name only does to readiness.
#include "store/scan.h"

#include "store_test_support.h"

namespace craft::store::testing {
namespace {

using vuln::advisory::Advisory;

vuln::advisory::KevCatalog KevOf(const std::string& cve) {
  vuln::advisory::KevCatalog catalog;
  vuln::advisory::KevEntry entry;
  entry.cve_id = cve;
  entry.date_added = "2099-01-02";
  entry.due_date = "2099-01-23";
  catalog.vulnerabilities.push_back(entry);
  catalog.count = 1;
  return catalog;
}

const FindingRecord* Of(const std::vector<FindingRecord>& findings, const std::string& key) {
  for (const auto& f : findings) {
    if (f.component_key == key) return &f;
  }
  return nullptr;
}

// Before name matching, a component without purl or CPE got no finding at all. Now "left-pad"
// 1.0.0 known by name only gets CVE-2099-0001 (below the fixed 1.0.1 in npm, the one registry
// naming left-pad), method "name", confidence "low"; the same package with its purl gets it by
// purl with high confidence; 1.0.1 by name is the fix and gets nothing.
TEST_F(StoreTest, ScanMatchesComponentsWithoutPurlOrCpeByNameWithLowConfidence) {
  store_->UpsertAdvisories({LeftPadAdvisory()});
  store_->ReplaceKev(KevOf("CVE-2099-0001"));
  const auto findings =
      ScanComponents(*store_, {{"left-pad", "1.0.0", "", "", ""},
                               {"left-pad", "1.0.0", "pkg:npm/left-pad@1.0.0", "", ""},
                               {"left-pad", "1.0.1", "", "", ""},
                               {"right-pad", "1.0.0", "", "", ""}});
  ASSERT_EQ(findings.size(), 2u);
  const FindingRecord* by_name = Of(findings, "left-pad@1.0.0");
  ASSERT_NE(by_name, nullptr);
  EXPECT_EQ(by_name->vuln_id, "CVE-2099-0001");
  EXPECT_EQ(by_name->match_method, "name");
  EXPECT_EQ(by_name->confidence, "low");
  EXPECT_TRUE(by_name->kev);
  EXPECT_EQ(by_name->fixed_versions, std::vector<std::string>{"1.0.1"});
  const FindingRecord* by_purl = Of(findings, "pkg:npm/left-pad@1.0.0");
  ASSERT_NE(by_purl, nullptr);
  EXPECT_EQ(by_purl->match_method, "purl");
  EXPECT_EQ(by_purl->confidence, "high");
}

// A KEV finding matched by name only is stored with its method and confidence and holds up
// readiness like any KEV finding (docs/matching.md: a possible known-exploited vulnerability must
// be assessed); triaged as false_positive, it no longer does.
TEST_F(StoreTest, KevFindingMatchedByNameOnlyHoldsUpReadinessUntilTriaged) {
  store_->UpsertAdvisories({LeftPadAdvisory()});
  store_->ReplaceKev(KevOf("CVE-2099-0001"));
  const auto org = NewOrganisation().key.organisation_id;
  const auto v = NewVersion(org, NewProduct(org, "gw").id, "1.0");
  store_->ReplaceFindings(org, v.id, ScanComponents(*store_, {{"left-pad", "1.0.0", "", "", ""}}),
                          actor_);
  const auto stored = store_->FindingsOf(org, v.id);
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].match_method, "name");
  EXPECT_EQ(stored[0].confidence, "low");
  EXPECT_TRUE(stored[0].kev);
  const auto open = store_->EvidenceOf(org, v.id).open_kev;
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].vulnerability, "CVE-2099-0001");

  store_->SetFindingAnalysis(org, stored[0].id,
                             {"false_positive", "", {}, "not the npm left-pad: a C library", ""},
                             actor_);
  EXPECT_TRUE(store_->EvidenceOf(org, v.id).open_kev.empty());
}

// A Maven component without purl, with its groupId in the SBOM's group, is matched by
// "group:artifact" (before, ScanComponent had no group and such components were never matched);
// its finding's component key keeps the group, so two artifacts of one name in different groups
// stay apart.
TEST_F(StoreTest, ScanMatchesAMavenComponentByGroupAndName) {
  Advisory a = LeftPadAdvisory("GHSA-l4j-0001");
  a.aliases = {"CVE-2099-0002"};
  a.affected[0].package = {"Maven", "org.apache.logging.log4j:log4j-core",
                           "org.apache.logging.log4j:log4j-core", ""};
  a.affected[0].ranges[0].type = vuln::advisory::AffectedRange::Type::kEcosystem;
  a.affected[0].ranges[0].events[1].version = "2.15.0";
  store_->UpsertAdvisories({a});
  const auto findings =
      ScanComponents(*store_, {{"log4j-core", "2.14.1", "", "", "org.apache.logging.log4j"},
                               {"log4j-core", "2.14.1", "", "", "com.example"},
                               {"log4j-core", "2.15.0", "", "", "org.apache.logging.log4j"}});
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].component_key, "org.apache.logging.log4j/log4j-core@2.14.1");
  EXPECT_EQ(findings[0].vuln_id, "CVE-2099-0002");
  EXPECT_EQ(findings[0].match_method, "name");
  EXPECT_EQ(findings[0].fixed_versions, std::vector<std::string>{"2.15.0"});
}

}  // namespace
}  // namespace craft::store::testing
