// The advisory database, findings and SBOM evidence in the SQLite store: incremental imports,
// withdrawal, candidate lookup, the findings diff of a scan, triage carried over between versions
// of a product, and the evidence readiness reads (cached, yet never stale after a change).
#include "store/advisory_json.h"
#include "store_test_support.h"

namespace craft::store::testing {
namespace {

using vuln::advisory::Advisory;

TEST_F(StoreTest, AdvisoriesAreIncrementalAndWithdrawalRemovesTheirKeys) {
  auto first =
      store_->UpsertAdvisories({LeftPadAdvisory("GHSA-1", "2024-01-01T00:00:00Z", "1.0.1")});
  EXPECT_EQ(first, std::vector<AdvisoryChange>{AdvisoryChange::kAdded});
  // The same or an older `modified` changes nothing; a newer one replaces the record.
  EXPECT_EQ(store_->UpsertAdvisories({LeftPadAdvisory("GHSA-1", "2024-01-01T00:00:00Z", "9.9.9")}),
            std::vector<AdvisoryChange>{AdvisoryChange::kUnchanged});
  EXPECT_EQ(store_->UpsertAdvisories({LeftPadAdvisory("GHSA-1", "2024-02-01T00:00:00Z", "1.0.2")}),
            std::vector<AdvisoryChange>{AdvisoryChange::kUpdated});
  auto found = store_->CandidateAdvisories({{"npm", "left-pad"}}, {});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].affected[0].ranges[0].events[1].version, "1.0.2");
  EXPECT_EQ(store_->AdvisoriesNamed("CVE-2099-0001").size(), 1u) << "found by alias";

  Advisory withdrawn = LeftPadAdvisory("GHSA-1", "2024-03-01T00:00:00Z", "1.0.2");
  withdrawn.withdrawn = "2024-03-01T00:00:00Z";
  EXPECT_EQ(store_->UpsertAdvisories({withdrawn}),
            std::vector<AdvisoryChange>{AdvisoryChange::kWithdrawn});
  EXPECT_TRUE(store_->CandidateAdvisories({{"npm", "left-pad"}}, {}).empty());
  const AdvisoryDbStats stats = store_->AdvisoryStats();
  EXPECT_EQ(stats.osv, 0);
  EXPECT_EQ(stats.withdrawn, 1);
}

// A scan's candidates come once each, however many of its keys find them, in (source, id) order
// whatever the order of import: the index, and so the order of a component's findings, follow it.
TEST_F(StoreTest, CandidatesComeOnceEachInSourceAndIdOrder) {
  Advisory both = LeftPadAdvisory("GHSA-lp-0002");
  both.affected.push_back(both.affected[0]);
  both.affected[1].package = {"npm", "right-pad", "right-pad", ""};
  Advisory nvd;
  nvd.source = vuln::advisory::Source::kNvd;
  nvd.id = "CVE-2099-0005";
  nvd.modified = "2024-01-01T00:00:00Z";
  nvd.configurations.push_back(
      {vuln::advisory::CpeOperator::kOr,
       false,
       {{vuln::advisory::CpeOperator::kOr,
         false,
         {{"cpe:2.3:a:acme:pad:*:*:*:*:*:*:*:*", true, "", "", "", "2.0", ""}}}}});
  Advisory withdrawn = LeftPadAdvisory("GHSA-lp-0000");
  withdrawn.withdrawn = "2024-03-01T00:00:00Z";
  store_->UpsertAdvisories(
      {LeftPadAdvisory("GHSA-lp-0003"), both, nvd, withdrawn, LeftPadAdvisory("GHSA-lp-0001")});
  const auto found =
      store_->CandidateAdvisories({{"npm", "left-pad"}, {"npm", "right-pad"}}, {{"acme", "pad"}});
  std::vector<std::string> ids;
  for (const Advisory& a : found) ids.push_back(a.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"CVE-2099-0005", "GHSA-lp-0001", "GHSA-lp-0002",
                                           "GHSA-lp-0003"}));
  ASSERT_EQ(found.size(), 4u);
  EXPECT_EQ(found[2].affected.size(), 2u);
  EXPECT_EQ(found[0].configurations[0].nodes[0].cpe_match[0].version_end_excluding, "2.0");
}

TEST_F(StoreTest, AdvisoryRecordsRoundTripEveryField) {
  Advisory a = LeftPadAdvisory("GHSA-2", "2024-01-01T00:00:00Z", "2.0.0");
  a.source = vuln::advisory::Source::kNvd;
  a.severity.push_back({vuln::advisory::SeverityType::kCvssV3,
                        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, "nvd@nist.gov", true});
  a.configurations.push_back(
      {vuln::advisory::CpeOperator::kAnd,
       false,
       {{vuln::advisory::CpeOperator::kOr,
         false,
         {{"cpe:2.3:a:acme:pad:*:*:*:*:*:*:*:*", true, "1.0", "", "", "2.0", "id-1"}}}}});
  a.references.push_back({"", "https://nvd.example/2", {"Patch"}});
  const auto back = AdvisoryFromJson(AdvisoryToJson(a));
  ASSERT_TRUE(back);
  EXPECT_EQ(AdvisoryToJson(*back), AdvisoryToJson(a));
  EXPECT_EQ(back->configurations[0].nodes[0].cpe_match[0].version_end_excluding, "2.0");
  EXPECT_EQ(*back->severity[0].stated_base_score, 9.8);
  EXPECT_FALSE(AdvisoryFromJson("{\"not\": \"a record\"}"));
}

FindingRecord Finding(const std::string& vuln, const std::string& purl, bool kev = false) {
  FindingRecord f;
  f.vuln_id = vuln;
  f.component_key = purl;
  f.component_purl = purl;
  f.severity = "high";
  f.kev = kev;
  return f;
}

TEST_F(StoreTest, ScansRecordWhatAppearedAndDisappearedAndTriageCarriesOver) {
  const auto org = NewOrganisation().key.organisation_id;
  const auto product = NewProduct(org, "gw");
  const auto v1 = NewVersion(org, product.id, "1.0");
  auto diff = store_->ReplaceFindings(
      org, v1.id, {Finding("CVE-1", "pkg:npm/a@1", true), Finding("CVE-2", "pkg:npm/b@1")}, actor_);
  EXPECT_EQ(diff.appeared.size(), 2u);
  EXPECT_EQ(store_->EvidenceOf(org, v1.id).open_kev.size(), 1u);

  const auto findings = store_->FindingsOf(org, v1.id);
  const std::string kev_id = findings[0].vuln_id == "CVE-1" ? findings[0].id : findings[1].id;
  store_->SetFindingAnalysis(
      org, kev_id, {"not_affected", "vulnerable_code_not_present", {}, "", "not built"}, actor_);
  EXPECT_TRUE(store_->EvidenceOf(org, v1.id).open_kev.empty()) << "the cache saw the triage";

  diff = store_->ReplaceFindings(org, v1.id, {Finding("CVE-1", "pkg:npm/a@1", true)}, actor_);
  EXPECT_TRUE(diff.appeared.empty());
  EXPECT_EQ(diff.disappeared, std::vector<std::string>{"CVE-2 in pkg:npm/b@1"});
  ASSERT_EQ(store_->FindingsOf(org, v1.id).size(), 1u);
  EXPECT_EQ(store_->FindingsOf(org, v1.id)[0].status, "not_affected") << "triage kept on rescan";

  // The next version with the same component takes the decision; another component does not.
  const auto v2 = NewVersion(org, product.id, "1.1");
  store_->ReplaceFindings(
      org, v2.id, {Finding("CVE-1", "pkg:npm/a@1", true), Finding("CVE-1", "pkg:npm/a@2", true)},
      actor_);
  for (const auto& f : store_->FindingsOf(org, v2.id)) {
    if (f.component_key == "pkg:npm/a@1") {
      EXPECT_EQ(f.status, "not_affected");
      EXPECT_EQ(f.carried_over_from, kev_id);
    } else {
      EXPECT_EQ(f.status, "under_investigation");
    }
  }
  EXPECT_EQ(store_->EvidenceOf(org, v2.id).open_kev.size(), 1u);
  // Another product's version never takes it.
  const auto other = NewVersion(org, NewProduct(org, "cam").id, "1.0");
  store_->ReplaceFindings(org, other.id, {Finding("CVE-1", "pkg:npm/a@1", true)}, actor_);
  EXPECT_EQ(store_->FindingsOf(org, other.id)[0].status, "under_investigation");
  // And another organisation sees none of it.
  const auto stranger = NewOrganisation("Other").key.organisation_id;
  EXPECT_FALSE(store_->GetFinding(stranger, kev_id));
  EXPECT_TRUE(store_->FindingsForVulnerability(stranger, "CVE-1").empty());
  EXPECT_EQ(store_->FindingsForVulnerability(org, "CVE-1").size(), 4u);
}

TEST_F(StoreTest, SbomEvidenceCountsOnlyValidSbomsForTheScore) {
  const auto org = NewOrganisation().key.organisation_id;
  const auto v = NewVersion(org, NewProduct(org, "gw").id, "1.0");
  EXPECT_EQ(store_->EvidenceOf(org, v.id).sbom_count, 0);
  SbomRecord s;
  s.organisation_id = org;
  s.version_id = v.id;
  s.size = 2;
  s.sha256 = core::Sha256Hex("{}");
  s.format = "CycloneDX JSON";
  s.valid = false;
  s.quality_score = 99;
  store_->CreateSbom(s, {}, actor_);
  auto evidence = store_->EvidenceOf(org, v.id);
  EXPECT_EQ(evidence.sbom_count, 1);
  EXPECT_FALSE(evidence.best_sbom_score);
  s.valid = true;
  s.quality_score = 72.5;
  ComponentRecord c;
  c.name = "left-pad";
  c.version = "1.0.0";
  c.purl = "pkg:npm/left-pad@1.0.0";
  c.licenses = {"MIT"};
  c.hashes = {{"SHA-256", "ab"}};
  store_->CreateSbom(s, {c}, actor_);
  evidence = store_->EvidenceOf(org, v.id);
  EXPECT_EQ(evidence.sbom_count, 2);
  EXPECT_DOUBLE_EQ(*evidence.best_sbom_score, 72.5);
  const auto components = store_->ComponentsOf(org, v.id);
  ASSERT_EQ(components.size(), 1u);
  EXPECT_EQ(components[0].licenses, std::vector<std::string>{"MIT"});
  EXPECT_EQ(components[0].hashes[0].second, "ab");
  EXPECT_EQ(store_->ListComponents(org, v.id, {"LEFT", ""}, {}).items.size(), 1u);
  EXPECT_TRUE(store_->ListComponents(org, v.id, {"", "framework"}, {}).items.empty());
  const auto blobs = store_->ReferencedBlobs();
  EXPECT_NE(std::find(blobs.begin(), blobs.end(), s.sha256), blobs.end()) << "kept from GC";
}

TEST_F(StoreTest, OneQueuedRescanAtATimeAndEachIsClaimedOnce) {
  const auto a = store_->CreateJob("", "rescan");
  const auto b = store_->CreateJob("", "rescan");
  EXPECT_EQ(a.id, b.id);
  auto claimed = store_->ClaimNextJob();
  ASSERT_TRUE(claimed);
  EXPECT_EQ(claimed->id, a.id);
  EXPECT_FALSE(store_->ClaimNextJob());
  claimed->status = "succeeded";
  store_->UpdateJob(*claimed);
  const auto done = store_->GetJob("any-org", a.id);
  ASSERT_TRUE(done);
  EXPECT_EQ(done->finished_at, now_.load());
  EXPECT_NE(store_->CreateJob("", "rescan").id, a.id);
}

}  // namespace
}  // namespace craft::store::testing
