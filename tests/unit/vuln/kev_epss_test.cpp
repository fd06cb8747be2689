// The CISA KEV catalogue and the FIRST EPSS daily CSV: the shared samples read whole, and bad
// entries and rows are reported and left out.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "vuln/import/epss.h"
#include "vuln/import/kev.h"

namespace craft::vuln::import {
namespace {

std::string ReadCorpus(const std::string& relative) {
  std::ifstream in(std::filesystem::path(CRAFT_CORPORA) / relative, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "corpus file missing: " << relative;
    return {};
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The whole catalogue of 2025-08-25 (cisagov/kev-data) parses to its 1,404 entries with no
// diagnostic; 293 are marked "Known" ransomware use (counted with Python's json module); the
// first entry is CVE-2025-48384 (Git), as in the file.
TEST(Kev, FullCatalogueParses) {
  auto result = ParseKevCatalog(ReadCorpus("vuln/kev/known_exploited_vulnerabilities.json"));
  ASSERT_TRUE(result.catalog);
  EXPECT_TRUE(result.diagnostics.empty());
  const auto& catalog = *result.catalog;
  EXPECT_EQ(catalog.catalog_version, "2025.08.25");
  EXPECT_EQ(catalog.count, 1404);
  ASSERT_EQ(catalog.vulnerabilities.size(), 1404u);
  const auto& first = catalog.vulnerabilities.front();
  EXPECT_EQ(first.cve_id, "CVE-2025-48384");
  EXPECT_EQ(first.vendor_project, "Git");
  EXPECT_EQ(first.date_added, "2025-08-25");
  EXPECT_EQ(first.due_date, "2025-09-15");
  EXPECT_FALSE(first.KnownRansomwareUse());
  EXPECT_EQ(first.cwes, (std::vector<std::string>{"CWE-59", "CWE-436"}));
  auto known = std::count_if(catalog.vulnerabilities.begin(), catalog.vulnerabilities.end(),
                             [](const advisory::KevEntry& e) { return e.KnownRansomwareUse(); });
  EXPECT_EQ(known, 293);
}

// An entry without a required field or with a malformed cveID or date is reported and left out;
// a count that disagrees with the entries in the file is a warning; a file that is not a
// catalogue is refused.
TEST(Kev, BadEntriesAreReportedAndSkipped) {
  auto result = ParseKevCatalog(R"({"catalogVersion": "1", "dateReleased": "2025-01-01T00:00:00Z",
    "count": 4, "vulnerabilities": [
      {"cveID": "CVE-2024-1234", "vendorProject": "V", "product": "P", "vulnerabilityName": "N",
       "dateAdded": "2024-01-02", "shortDescription": "D", "requiredAction": "A",
       "dueDate": "2024-01-23"},
      {"cveID": "CVE-2024-1", "vendorProject": "V", "product": "P", "vulnerabilityName": "N",
       "dateAdded": "2024-01-02", "shortDescription": "D", "requiredAction": "A",
       "dueDate": "2024-01-23"},
      {"cveID": "CVE-2024-5678", "vendorProject": "V"}]})");
  ASSERT_TRUE(result.catalog);
  ASSERT_EQ(result.catalog->vulnerabilities.size(), 1u);
  ASSERT_EQ(result.diagnostics.size(), 3u);
  EXPECT_EQ(result.diagnostics[0].location, "/vulnerabilities/1/cveID");
  EXPECT_EQ(result.diagnostics[1].record, "CVE-2024-5678");
  EXPECT_EQ(result.diagnostics[2].severity, advisory::ImportDiagnostic::Severity::kWarning);
  EXPECT_FALSE(ParseKevCatalog(R"({"vulnerabilities": []})").catalog);
  EXPECT_FALSE(ParseKevCatalog("not json").catalog);
}

// The EPSS sample (first lines of a real daily file): the model version and score date of the
// header line reach every entry; 24 rows; CVE-1999-0020 is absent in the source, not an error.
TEST(Epss, SampleParses) {
  auto result = ParseEpssCsv(ReadCorpus("vuln/epss/epss_scores-current.head.csv"));
  ASSERT_TRUE(result.scores);
  EXPECT_TRUE(result.diagnostics.empty());
  const auto& scores = *result.scores;
  EXPECT_EQ(scores.model_version, "v2026.06.15");
  EXPECT_EQ(scores.score_date, "2026-09-29T12:00:22Z");
  ASSERT_EQ(scores.entries.size(), 24u);
  EXPECT_EQ(scores.entries[0].cve, "CVE-1999-0001");
  EXPECT_DOUBLE_EQ(scores.entries[0].epss, 0.03351);
  EXPECT_DOUBLE_EQ(scores.entries[0].percentile, 0.88255);
  EXPECT_EQ(scores.entries[0].model_version, "v2026.06.15");
  EXPECT_EQ(scores.entries[23].score_date, "2026-09-29T12:00:22Z");
}

// Bad rows (not three fields, a number outside 0..1, not a CVE id) are reported by line and
// skipped; CRLF line ends are accepted; a file without the header is refused.
TEST(Epss, BadRowsAreReportedByLine) {
  auto result = ParseEpssCsv(
      "#model_version:v1,score_date:2025-01-01T00:00:00Z\r\ncve,epss,percentile\r\n"
      "CVE-2024-0001,0.5,0.9\r\nCVE-2024-0002,1.5,0.9\r\nGHSA-x,0.1,0.1\r\nCVE-2024-0003,0.1\r\n"
      "CVE-2024-0004,0.00042,0.01");
  ASSERT_TRUE(result.scores);
  ASSERT_EQ(result.scores->entries.size(), 2u);
  EXPECT_EQ(result.scores->entries[1].cve, "CVE-2024-0004");
  ASSERT_EQ(result.diagnostics.size(), 3u);
  EXPECT_EQ(result.diagnostics[0].record, "line 4");
  EXPECT_EQ(result.diagnostics[2].record, "line 6");
  EXPECT_FALSE(ParseEpssCsv("CVE-2024-0001,0.5,0.9\n").scores);
}

}  // namespace
}  // namespace craft::vuln::import
