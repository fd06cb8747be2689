// Scanning through a ScanCache (store/scan_cache.h), as the server does: a warm scan reads nothing
// from the store and finds exactly what a scan without the cache finds, whatever was scanned
// before; a write to the advisory database by any connection empties it.
#include <thread>

#include "store/scan.h"
#include "store_test_support.h"

namespace craft::store::testing {
namespace {

using vuln::advisory::Advisory;

// An NVD record of `cve` for acme:`product` below 2.0, scored critical.
Advisory NvdAdvisory(const std::string& cve, const std::string& product) {
  Advisory a;
  a.source = vuln::advisory::Source::kNvd;
  a.id = cve;
  a.modified = "2024-01-01T00:00:00Z";
  a.summary = "NVD: " + product + " overflows";
  a.references = {{"", "https://nvd.example/" + cve, {}}};
  a.severity = {{vuln::advisory::SeverityType::kCvssV3,
                 "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, "nvd@nist.gov", true}};
  vuln::advisory::CpeMatch match;
  match.criteria = "cpe:2.3:a:acme:" + product + ":*:*:*:*:*:*:*:*";
  match.vulnerable = true;
  match.version_end_excluding = "2.0";
  a.configurations = {{vuln::advisory::CpeOperator::kOr, false, {{{}, false, {match}}}}};
  return a;
}

const ScanComponent kLeftPad{"left-pad", "1.0.0", "pkg:npm/left-pad@1.0.0", "", ""};
const ScanComponent kAcmePad{"pad", "1.0", "", "cpe:2.3:a:acme:pad:1.0:*:*:*:*:*:*:*", ""};

// Every field a scan fills in, as one comparable string per finding.
std::vector<std::string> Described(const std::vector<FindingRecord>& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings) {
    std::string d = f.component_key + " " + f.vuln_id + " " + f.severity + " " + f.summary + " " +
                    f.cvss_vector + " " + f.match_method + " " + f.confidence + " " + f.reason +
                    " kev=" + std::to_string(f.kev) + f.kev_date_added +
                    " epss=" + (f.epss ? std::to_string(*f.epss) : "-");
    for (const auto& a : f.aliases) d += " alias " + a;
    for (const auto& r : f.references) d += " ref " + r;
    for (const auto& v : f.fixed_versions) d += " fixed " + v;
    out.push_back(std::move(d));
  }
  return out;
}

TEST_F(StoreTest, AWarmScanReadsNothingFromTheStoreAndFindsWhatAColdScanFinds) {
  store_->UpsertAdvisories({LeftPadAdvisory(), NvdAdvisory("CVE-2099-0001", "pad")});
  ScanCache cache;
  const std::vector<ScanComponent> components{kLeftPad, kAcmePad};
  const auto cold = ScanComponents(*store_, components, &cache);
  ASSERT_EQ(cold.size(), 2u);
  EXPECT_EQ(cache.records_read(), 2u);
  const auto warm = ScanComponents(*store_, components, &cache);
  EXPECT_EQ(cache.records_read(), 2u);
  EXPECT_EQ(Described(warm), Described(cold));
  EXPECT_EQ(Described(warm), Described(ScanComponents(*store_, components)));
}

// Another process's import (here another connection) raises the advisory generation: the next
// scan through the cache sees the fixed range, the KEV entry and the EPSS score it brought.
TEST_F(StoreTest, AnImportByAnotherConnectionEmptiesTheCache) {
  store_->UpsertAdvisories({LeftPadAdvisory()});
  ScanCache cache;
  ASSERT_EQ(ScanComponents(*store_, {kLeftPad}, &cache).size(), 1u);

  auto other = Open();
  vuln::advisory::KevCatalog kev;
  kev.vulnerabilities.push_back({});
  kev.vulnerabilities[0].cve_id = "CVE-2099-0001";
  kev.vulnerabilities[0].date_added = "2099-01-02";
  other->ReplaceKev(kev);
  auto with_kev = ScanComponents(*store_, {kLeftPad}, &cache);
  ASSERT_EQ(with_kev.size(), 1u);
  EXPECT_TRUE(with_kev[0].kev);

  vuln::advisory::EpssScores epss;
  epss.entries.push_back({"CVE-2099-0001", 0.5, 0.9, "v1", "2099-01-02"});
  other->ReplaceEpss(epss);
  auto with_epss = ScanComponents(*store_, {kLeftPad}, &cache);
  ASSERT_EQ(with_epss.size(), 1u);
  EXPECT_EQ(with_epss[0].epss, 0.5);

  other->UpsertAdvisories({LeftPadAdvisory("GHSA-lp-0001", "2025-01-01T00:00:00Z", "1.0.0")});
  EXPECT_TRUE(ScanComponents(*store_, {kLeftPad}, &cache).empty());
  EXPECT_EQ(cache.records_read(), 4u);  // read again after each of the three writes
}

// The NVD record of the alias CVE-2099-0001 rates the finding critical only in a scan whose own
// components make it a candidate (here the CPE of acme:pad); a later scan of left-pad alone shows
// what a scan of left-pad alone without the cache shows, though the cache still holds the record.
TEST_F(StoreTest, AFindingShowsOnlyTheFactsOfItsOwnScansCandidates) {
  store_->UpsertAdvisories({LeftPadAdvisory(), NvdAdvisory("CVE-2099-0001", "pad")});
  ScanCache cache;
  const auto both = ScanComponents(*store_, {kLeftPad, kAcmePad}, &cache);
  ASSERT_EQ(both.size(), 2u);
  EXPECT_EQ(both[0].severity, "critical");
  EXPECT_EQ(both[0].summary, "NVD: pad overflows");

  const auto alone = ScanComponents(*store_, {kLeftPad}, &cache);
  EXPECT_EQ(Described(alone), Described(ScanComponents(*store_, {kLeftPad})));
  ASSERT_EQ(alone.size(), 1u);
  EXPECT_EQ(alone[0].severity, "unknown");
  EXPECT_TRUE(alone[0].references.empty());
}

// An OSV record and an NVD record with one id (a CVE) are two records. Before, the index kept
// one per id, so the CPE component lost its finding whenever the OSV record was also a candidate.
TEST_F(StoreTest, AnOsvAndAnNvdRecordOfOneIdBothMatch) {
  Advisory osv = LeftPadAdvisory("CVE-2099-0001");
  osv.aliases.clear();
  store_->UpsertAdvisories({osv, NvdAdvisory("CVE-2099-0001", "pad")});
  const auto findings = ScanComponents(*store_, {kLeftPad, kAcmePad});
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].component_key, "pkg:npm/left-pad@1.0.0");
  EXPECT_EQ(findings[1].component_key, "pad@1.0");
  EXPECT_EQ(findings[1].vuln_id, "CVE-2099-0001");
  EXPECT_EQ(findings[1].match_method, "cpe");
}

// Two components with one purl (an SBOM listing a package twice) give one finding, also when the
// scan is split between two threads (from 1,000 components) and the twins fall in different parts.
TEST_F(StoreTest, ComponentsSharingAPurlGiveOneFindingEvenAcrossTheScansTwoParts) {
  store_->UpsertAdvisories({LeftPadAdvisory()});
  std::vector<ScanComponent> components(1200, {"other", "1.0", "pkg:npm/other@1.0", "", ""});
  components.front() = kLeftPad;
  components.back() = kLeftPad;
  EXPECT_EQ(ScanComponents(*store_, {kLeftPad, kLeftPad}).size(), 1u);
  const auto findings = ScanComponents(*store_, components);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].component_key, "pkg:npm/left-pad@1.0.0");
}

// Over its budget, the cache is emptied before the next scan and reads its keys again.
TEST_F(StoreTest, ACacheOverItsBudgetStartsAgainAndStillFindsEverything) {
  store_->UpsertAdvisories({LeftPadAdvisory(), NvdAdvisory("CVE-2099-0003", "pad")});
  ScanCache cache(1);
  const std::vector<ScanComponent> components{kLeftPad, kAcmePad};
  const auto cold = ScanComponents(*store_, components, &cache);
  ASSERT_EQ(cold.size(), 2u);
  EXPECT_EQ(Described(ScanComponents(*store_, components, &cache)), Described(cold));
  EXPECT_EQ(cache.records_read(), 4u);
  EXPECT_EQ(cache.size(), 2u);
}

// Scans of different components through one cache from several threads (an upload beside a
// rescan) each find what they would alone.
TEST_F(StoreTest, ScansFromSeveralThreadsThroughOneCacheFindWhatEachFindsAlone) {
  store_->UpsertAdvisories({LeftPadAdvisory(), NvdAdvisory("CVE-2099-0001", "pad")});
  const std::vector<std::vector<ScanComponent>> sets{{kLeftPad}, {kAcmePad}, {kLeftPad, kAcmePad}};
  std::vector<std::vector<std::string>> expected;
  for (const auto& set : sets) expected.push_back(Described(ScanComponents(*store_, set)));
  ScanCache cache;
  std::vector<std::thread> threads;
  std::vector<int> mismatches(6, 0);
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) {
        const std::size_t s = static_cast<std::size_t>(t + i) % sets.size();
        if (Described(ScanComponents(*store_, sets[s], &cache)) != expected[s]) ++mismatches[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(mismatches, std::vector<int>(6, 0));
  EXPECT_EQ(cache.records_read(), 2u);
}

}  // namespace
}  // namespace craft::store::testing
