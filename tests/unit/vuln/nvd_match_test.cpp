// NVD CVE API 2.0 pages: every shared NVD fixture reads, and components named by CPE are matched
// against the fixtures' configurations (version bounds, AND/OR nodes, running-on platforms).

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "vuln/import/nvd.h"
#include "vuln/match/cpe.h"
#include "vuln/match/index.h"
#include "vuln/match/matcher.h"

namespace craft::vuln::match {
namespace {

namespace fs = std::filesystem;

std::string ReadCorpus(const std::string& relative) {
  std::ifstream in(fs::path(CRAFT_CORPORA) / relative, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "corpus file missing: " << relative;
    return {};
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

constexpr const char* kDt = "vuln/nvd/dependency-track/vuln-data-source/nvd/src/test/resources/";
constexpr const char* kFeeds = "vuln/nvd/osv.dev/vulnfeeds/test_data/nvdcve-2.0/";
constexpr const char* kPage = "vuln/nvd/osv.dev/vulnfeeds/conversion/nvd/testdata/test.json";

AdvisoryIndex IndexOf(std::initializer_list<std::string> files) {
  AdvisoryIndex index;
  for (const auto& file : files) {
    auto result = import::ParseNvdPage(ReadCorpus(file));
    EXPECT_TRUE(result.page) << file;
    if (!result.page) continue;
    for (auto& cve : result.page->vulnerabilities) index.Add(std::move(cve));
  }
  return index;
}

std::vector<std::string> Ids(const std::vector<Finding>& findings) {
  std::vector<std::string> ids;
  for (const auto& f : findings) ids.push_back(f.advisory_id);
  return ids;
}

// Every NVD fixture reads without an error: 23 single-CVE feed files, the 13-CVE page of osv.dev's
// converter tests and Dependency-Track's 7 `{"cve": ...}` items; 43 CVEs in all (counted with
// Python's json module over the same files).
TEST(NvdImport, EverySharedFixtureReads) {
  std::size_t cves = 0, files = 0;
  for (auto it = fs::recursive_directory_iterator(fs::path(CRAFT_CORPORA) / "vuln/nvd");
       it != fs::end(it); ++it) {
    auto name = it->path().filename().string();
    if (it->path().extension() != ".json" || name == "cpe_testdata.json" ||
        name == "tags_testdata.json") {
      continue;
    }
    std::ifstream in(it->path());
    std::ostringstream s;
    s << in.rdbuf();
    auto result = import::ParseNvdPage(s.str());
    ASSERT_TRUE(result.page) << it->path();
    for (const auto& d : result.diagnostics) {
      EXPECT_NE(d.severity, advisory::ImportDiagnostic::Severity::kError) << name << d.message;
    }
    cves += result.page->vulnerabilities.size();
    ++files;
  }
  EXPECT_EQ(files, 31u);
  EXPECT_EQ(cves, 43u);
}

// The fields of one CVE as NVD publishes them (CVE-2024-3094, xz backdoor): English description,
// RFC 3339 timestamps with the "Z" NVD leaves out, CWE ids without NVD-CWE-*, CVSS metrics with
// their source and Primary flag, exact-version cpeMatch criteria; page counters.
TEST(NvdImport, CveFieldsReachTheModel) {
  auto result = import::ParseNvdPage(ReadCorpus(std::string(kFeeds) + "CVE-2024-3094.json"));
  ASSERT_TRUE(result.page);
  ASSERT_EQ(result.page->vulnerabilities.size(), 1u);
  EXPECT_EQ(result.page->total_results, 1);
  const auto& cve = result.page->vulnerabilities[0];
  EXPECT_EQ(cve.id, "CVE-2024-3094");
  EXPECT_EQ(cve.source, advisory::Source::kNvd);
  EXPECT_NE(cve.details.find("xz"), std::string::npos);
  EXPECT_TRUE(cve.published.ends_with("Z"));
  EXPECT_EQ(cve.cwe_ids, std::vector<std::string>{"CWE-506"});
  ASSERT_FALSE(cve.severity.empty());
  EXPECT_EQ(cve.severity[0].type, advisory::SeverityType::kCvssV3);
  EXPECT_EQ(cve.severity[0].stated_base_score, 10.0);
  ASSERT_EQ(cve.configurations.size(), 1u);
  EXPECT_EQ(cve.configurations[0].nodes[0].cpe_match[0].criteria,
            "cpe:2.3:a:tukaani:xz:5.6.0:*:*:*:*:*:*:*");
}

// CPE 2.3 formatted strings: escaped colons, missing trailing attributes, bad prefixes (NISTIR
// 7695 section 6.2).
TEST(Cpe, FormattedStringsParse) {
  auto cpe = ParseCpe23("cpe:2.3:a:Vendor\\:x:product:1.0");
  ASSERT_TRUE(cpe);
  EXPECT_EQ(cpe->vendor(), "vendor:x");
  EXPECT_EQ(cpe->version(), "1.0");
  EXPECT_EQ(cpe->attributes[Cpe::kTargetSw], "*");
  EXPECT_FALSE(ParseCpe23("cpe:/a:vendor:product:1.0"));
  EXPECT_FALSE(ParseCpe23("cpe:2.3:x:vendor:product"));
  EXPECT_FALSE(ParseCpe23("cpe:2.3:a:v:p:1:*:*:*:*:*:*:*:extra"));
  EXPECT_TRUE(AttributeMatches("*", "anything"));
  EXPECT_TRUE(AttributeMatches("-", "-"));
  EXPECT_FALSE(AttributeMatches("-", "1.0"));
  EXPECT_TRUE(AttributeMatches("node.js", "*"));
  EXPECT_TRUE(AttributeMatches("2.*", "2.4"));
}

struct CpeCase {
  const char* why;
  const char* cpe;
  bool affected;
  const char* fixed = "";
};

// Version bounds of single-node OR configurations, from the fixtures' cpeMatch entries.
TEST(CpeMatch, VersionBoundsDecide) {
  auto index =
      IndexOf({kPage, std::string(kFeeds) + "CVE-2024-3094.json",
               std::string(kFeeds) + "CVE-2022-29194.json", std::string(kDt) + "cve-vuln.json",
               std::string(kDt) + "CVE-2022-31022-all-versions-vulnerable.json"});
  const std::vector<std::pair<const char*, std::vector<CpeCase>>> cases = {
      {"CVE-2026-20912",
       {{"gitea below versionEndExcluding 1.25.4", "cpe:2.3:a:gitea:gitea:1.25.3:*:*:*:*:*:*:*",
         true, "1.25.4"},
        {"gitea 1.25.4 is the excluded end", "cpe:2.3:a:gitea:gitea:1.25.4:*:*:*:*:*:*:*", false}}},
      {"CVE-2023-22466",
       {{"tokio 1.20.2 in [1.19.0, 1.20.3), criteria target_sw rust, component target_sw ANY",
         "cpe:2.3:a:tokio:tokio:1.20.2:*:*:*:*:*:*:*", true, "1.20.3"},
        {"tokio 1.18.4 between the first two ranges", "cpe:2.3:a:tokio:tokio:1.18.4:*:*:*:*:*:*:*",
         false},
        {"a component for another target_sw does not match rust",
         "cpe:2.3:a:tokio:tokio:1.20.2:*:*:*:*:node.js:*:*", false}}},
      {"CVE-2024-3094",
       {{"xz 5.6.1 is an exact-version criteria", "cpe:2.3:a:tukaani:xz:5.6.1:*:*:*:*:*:*:*", true},
        {"xz 5.4.6 is not listed", "cpe:2.3:a:tukaani:xz:5.4.6:*:*:*:*:*:*:*", false}}},
      {"CVE-2022-29194",
       {{"tensorflow 2.7.1 in [2.7.0, 2.7.2)", "cpe:2.3:a:google:tensorflow:2.7.1:*:*:*:*:*:*:*",
         true, "2.7.2"}}},
      {"CVE-1999-1341",
       {{"linux_kernel 2.2.13 is versionEndIncluding",
         "cpe:2.3:o:linux:linux_kernel:2.2.13:*:*:*:*:*:*:*", true},
        {"linux_kernel 2.3.0 is versionStartExcluding",
         "cpe:2.3:o:linux:linux_kernel:2.3.0:*:*:*:*:*:*:*", false}}},
      {"CVE-2022-31022",
       {{"bleve: criteria without version bounds covers every version",
         "cpe:2.3:a:couchbase:bleve:2.3.0:*:*:*:*:*:*:*", true}}},
  };
  for (const auto& [cve, list] : cases) {
    for (const auto& c : list) {
      SCOPED_TRACE(std::string(cve) + ": " + c.why);
      auto findings = MatchCpe(index, c.cpe);
      auto ids = Ids(findings);
      bool found = std::find(ids.begin(), ids.end(), cve) != ids.end();
      EXPECT_EQ(found, c.affected);
      if (!found || !c.affected) continue;
      const auto& f = *std::find_if(findings.begin(), findings.end(),
                                    [&](const Finding& x) { return x.advisory_id == cve; });
      EXPECT_EQ(f.method, MatchMethod::kCpe);
      EXPECT_EQ(f.basis, Finding::Basis::kCpeMatch);
      ASSERT_TRUE(f.cpe_match);
      EXPECT_EQ(f.fixed_versions.empty() ? std::string() : f.fixed_versions[0], c.fixed);
    }
  }
}

// Running-on configurations (AND of a vulnerable application or firmware node and a
// non-vulnerable platform node): CVE-2020-13595 esp-idf on esp32 hardware, CVE-2021-0002 e810
// firmware on e810 hardware. Without the platform known to be present there is no finding; with
// it, there is; the platform itself is never reported as vulnerable.
TEST(CpeMatch, RunningOnPlatformsMustBeKnownPresent) {
  auto index = IndexOf({std::string(kFeeds) + "CVE-2020-13595.json",
                        std::string(kDt) + "CVE-2021-0002-duplicate-exact-version-matches.json"});
  const std::string esp32 = "cpe:2.3:h:espressif:esp32:-:*:*:*:*:*:*:*";
  const std::string idf = "cpe:2.3:a:espressif:esp-idf:4.1:*:*:*:*:*:*:*";
  EXPECT_TRUE(MatchCpe(index, idf).empty());
  std::vector<std::string> platforms = {esp32};
  auto on_esp32 = MatchCpe(index, idf, platforms);
  ASSERT_EQ(Ids(on_esp32), std::vector<std::string>{"CVE-2020-13595"});
  EXPECT_TRUE(on_esp32[0].fixed_versions.empty());  // versionEndIncluding 4.2: no known fix
  EXPECT_TRUE(MatchCpe(index, "cpe:2.3:a:espressif:esp-idf:4.3:*:*:*:*:*:*:*", platforms).empty());
  std::vector<std::string> idf_present = {idf};
  EXPECT_TRUE(MatchCpe(index, esp32, idf_present).empty());

  const std::string firmware =
      "cpe:2.3:o:intel:ethernet_controller_e810_firmware:1.4.10:*:*:*:*:*:*:*";
  std::vector<std::string> e810 = {"cpe:2.3:h:intel:ethernet_controller_e810:-:*:*:*:*:*:*:*"};
  EXPECT_TRUE(MatchCpe(index, firmware).empty());
  auto on_e810 = MatchCpe(index, firmware, e810);
  ASSERT_EQ(Ids(on_e810), std::vector<std::string>{"CVE-2021-0002"});
  EXPECT_EQ(on_e810[0].fixed_versions, std::vector<std::string>{"1.4.11"});
}

// A CPE whose version is unknown (ANY) still matches unbounded and bounded criteria, with low
// confidence; a known version gives medium confidence.
TEST(CpeMatch, UnknownVersionIsLowConfidence) {
  auto index = IndexOf({std::string(kFeeds) + "CVE-2022-29194.json"});
  auto unknown = MatchCpe(index, "cpe:2.3:a:google:tensorflow:*:*:*:*:*:*:*:*");
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_EQ(unknown[0].confidence, Confidence::kLow);
  auto known = MatchCpe(index, "cpe:2.3:a:google:tensorflow:2.6.3:*:*:*:*:*:*:*");
  ASSERT_EQ(known.size(), 1u);
  EXPECT_EQ(known[0].confidence, Confidence::kMedium);
}

// Malformed pages and CVEs are reported, never crash: not JSON, no vulnerabilities[], a CVE without
// an id (left out, the others kept), a configuration with an operator other than AND/OR.
TEST(NvdImport, MalformedPagesAndCvesAreReported) {
  EXPECT_FALSE(import::ParseNvdPage("{").page);
  EXPECT_FALSE(import::ParseNvdPage(R"({"format": "NVD_CVE"})").page);
  auto page = import::ParseNvdPage(R"({"vulnerabilities": [
      {"cve": {"descriptions": []}},
      {"cve": {"id": "CVE-2024-0001", "configurations": [{"operator": "XOR", "nodes": []}]}},
      {"cve": {"id": "CVE-2024-0002"}}]})");
  ASSERT_TRUE(page.page);
  ASSERT_EQ(page.page->vulnerabilities.size(), 1u);
  EXPECT_EQ(page.page->vulnerabilities[0].id, "CVE-2024-0002");
  ASSERT_EQ(page.diagnostics.size(), 2u);
  EXPECT_EQ(page.diagnostics[0].location, "/vulnerabilities/0/cve/id");
  EXPECT_EQ(page.diagnostics[1].record, "CVE-2024-0001");
  EXPECT_EQ(page.diagnostics[1].location, "/vulnerabilities/1/cve/configurations/0");
}

}  // namespace
}  // namespace craft::vuln::match
