// technical-file.pdf as issue 5 ("The PDF") describes it, read back with poppler's pdfinfo,
// pdftotext and pdftoppm.
#include <gtest/gtest.h>

#include <regex>
#include <sstream>
#include <thread>

#include "export/pdf/checklist.h"
#include "export/pdf/technical_file_pdf.h"
#include "test_support.h"

namespace craft::exporting {
namespace {

using fixture::Quote;
using fixture::RunCommand;

// The headings the PDF must carry, in order: Annex VII's eight points, then the rest of issue 5.
const std::vector<std::string> kHeadings = {
    "1 General description",
    "2 Design, development, production and vulnerability handling",
    "3 Cybersecurity risk assessment",
    "4 Support period",
    "5 Harmonised standards and specifications applied",
    "6 Test reports",
    "7 EU declaration of conformity",
    "8 Software bill of materials",
    "9 Compliance checklist",
    "10 SBOM summary",
    "11 Vulnerability status at assessment",
    "12 Document inventory",
    "13 Retention"};

std::string Collapse(const std::string& line) {
  std::string out;
  for (char c : line) {
    if (c == ' ' || c == '\t') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(Collapse(line));
  return lines;
}

struct RenderedPdf {
  fixture::TempDir dir;
  std::filesystem::path path = dir / "technical-file.pdf";
  int pages = 0;
  std::string info;
  std::vector<std::string> page_text;  // pdftotext -layout, one string per page
  std::string all_text;
};

std::unique_ptr<RenderedPdf> Render(const TechnicalFile& file) {
  auto pdf = std::make_unique<RenderedPdf>();
  fixture::WriteFile(pdf->path, RenderTechnicalFilePdf(file, PlanTechnicalFile(file, true)));
  const auto info = RunCommand("pdfinfo " + Quote(pdf->path));
  EXPECT_EQ(info.exit_code, 0) << info.output;
  pdf->info = info.output;
  std::smatch m;
  if (std::regex_search(pdf->info, m, std::regex("Pages:\\s+(\\d+)"))) pdf->pages = std::stoi(m[1]);
  const auto text = RunCommand("pdftotext -layout " + Quote(pdf->path) + " -", false);
  EXPECT_EQ(text.exit_code, 0);
  pdf->all_text = text.output;
  std::string page;
  std::istringstream in(text.output);
  while (std::getline(in, page, '\f')) pdf->page_text.push_back(page);
  return pdf;
}

class TechnicalFilePdf : public ::testing::Test {
 protected:
  fixture::SampleBytes bytes_;
  TechnicalFile file_ = fixture::SampleTechnicalFile(bytes_);
};

TEST_F(TechnicalFilePdf, PdfinfoReadsItWithoutComplaint) {
  const auto pdf = Render(file_);
  EXPECT_GE(pdf->pages, 5);
  EXPECT_EQ(pdf->info.find("Error"), std::string::npos) << pdf->info;
  EXPECT_NE(pdf->info.find("Title:           Technical documentation: Müller Zähler-Gerät Ω"),
            std::string::npos)
      << pdf->info;
  EXPECT_NE(pdf->info.find("CreationDate:    Thu May 28 20:26:40 2026 UTC"), std::string::npos)
      << pdf->info;
}

TEST_F(TechnicalFilePdf, TextIsSearchableWithUmlautsAndAccents) {
  const auto pdf = Render(file_);
  for (const char* text :
       {"Müller Zähler-Gerät Ω", "Müller Gerätebau GmbH & Co. KG", "Königstraße 12",
        "café, naïve façade", "Jürgen Öztürk", "TÜV Süd, NB 0123", "Konformitätserklärung.pdf"}) {
    EXPECT_NE(pdf->all_text.find(text), std::string::npos) << text;
  }
}

TEST_F(TechnicalFilePdf, EveryHeadingStartsOnThePageTheTableOfContentsGives) {
  const auto pdf = Render(file_);
  ASSERT_GE(pdf->page_text.size(), 3u);
  ASSERT_NE(pdf->page_text[1].find("Table of Contents"), std::string::npos);
  const auto toc = Lines(pdf->page_text[1]);
  for (const std::string& heading : kHeadings) {
    int listed = -1;
    for (const std::string& line : toc) {
      if (line.rfind(heading + " ", 0) == 0) listed = std::stoi(line.substr(heading.size() + 1));
    }
    ASSERT_GT(listed, 2) << heading << " is not in the table of contents";
    // The heading's first line, where the section really starts (after the contents page).
    int found = -1;
    for (std::size_t p = 2; p < pdf->page_text.size() && found < 0; ++p) {
      for (const std::string& line : Lines(pdf->page_text[p])) {
        if (line.size() >= std::min<std::size_t>(heading.size(), 20) &&
            heading.rfind(line, 0) == 0) {
          found = static_cast<int>(p) + 1;
          break;
        }
      }
    }
    EXPECT_EQ(found, listed) << heading;
  }
}

TEST_F(TechnicalFilePdf, EveryPageHasTheFooterWithItsNumber) {
  const auto pdf = Render(fixture::SampleTechnicalFile(bytes_, 40, 200));
  ASSERT_GT(pdf->pages, 8);
  ASSERT_EQ(static_cast<int>(pdf->page_text.size()), pdf->pages);
  for (int p = 1; p <= pdf->pages; ++p) {
    const std::string& text = pdf->page_text[static_cast<std::size_t>(p) - 1];
    const std::string number = "Page " + std::to_string(p) + " of " + std::to_string(pdf->pages);
    EXPECT_NE(text.find(number), std::string::npos) << "page " << p;
    EXPECT_NE(text.find("Müller Zähler-Gerät Ω 2.4.1 · Annex VII technical documentation"),
              std::string::npos)
        << "page " << p;
  }
}

TEST_F(TechnicalFilePdf, DocumentInventoryShowsEachSha256OnOneLine) {
  const auto pdf = Render(file_);
  for (const auto& d : file_.documents) {
    EXPECT_NE(pdf->all_text.find(d.document.sha256), std::string::npos) << d.document.file_name;
  }
  EXPECT_NE(pdf->all_text.find(file_.sboms[0].sha256), std::string::npos);
}

TEST_F(TechnicalFilePdf, LongFindingsTableRepeatsItsHeaderAndListsEveryFinding) {
  const auto pdf = Render(fixture::SampleTechnicalFile(bytes_, 100, 500));
  int pages_with_header = 0;
  for (const std::string& page : pdf->page_text) {
    for (const std::string& line : Lines(page)) {
      if (line == "Vulnerability Component Severity CVSS KEV Status Review") {
        ++pages_with_header;
        break;
      }
    }
  }
  EXPECT_GE(pages_with_header, 5);
  for (int i = 0; i < 500; ++i) {
    const std::string id = "CVE-2025-" + std::to_string(10000 + i);
    EXPECT_NE(pdf->all_text.find(id), std::string::npos) << id;
  }
}

TEST_F(TechnicalFilePdf, AcceptedVulnerabilitiesShowStatusJustificationAndReviewDate) {
  const auto pdf = Render(file_);
  const auto lines = Lines(pdf->all_text);
  // Finding 2 of the sample: not_affected, vulnerable_code_not_present, review 2026-03-03.
  bool found = false;
  for (const std::string& line : lines) {
    found |= line.find("CVE-2025-10002") != std::string::npos &&
             line.find("not_affected") != std::string::npos &&
             line.find("vulnerable_code_not_present") != std::string::npos &&
             line.find("2026-03-03") != std::string::npos;
  }
  EXPECT_TRUE(found) << pdf->all_text;
}

TEST_F(TechnicalFilePdf, ChecklistTicksWhatIsThereAndNamesWhatIsMissing) {
  file_.organisation.vulnerability_contact_point.clear();
  file_.readiness.ready = false;
  file_.readiness.missing_items.push_back(
      {"organisation.vulnerability_contact_point",
       "The single point of contact for reporting vulnerabilities is missing.",
       "Annex II (2)",
       {}});
  const auto pdf = Render(file_);
  EXPECT_NE(pdf->all_text.find("CRA status: incomplete (1 item missing"), std::string::npos);
  EXPECT_NE(pdf->all_text.find("The single point of contact for reporting vulnerabilities is"),
            std::string::npos);
  EXPECT_NE(pdf->all_text.find("✗ missing"), std::string::npos);
  EXPECT_NE(pdf->all_text.find("✓ met"), std::string::npos);
  EXPECT_NE(pdf->all_text.find("Status: incomplete. 17 of 18 requirements met."),
            std::string::npos);
}

TEST_F(TechnicalFilePdf, PdftoppmRendersEveryPage) {
  const auto pdf = Render(file_);
  const auto rendered =
      RunCommand("pdftoppm -r 50 -png " + Quote(pdf->path) + " " + Quote(pdf->dir / "page"));
  EXPECT_EQ(rendered.exit_code, 0);
  EXPECT_TRUE(rendered.output.empty()) << rendered.output;
  int images = 0;
  for (const auto& entry : std::filesystem::directory_iterator(pdf->dir.path())) {
    images += entry.path().extension() == ".png" && std::filesystem::file_size(entry.path()) > 0;
  }
  EXPECT_EQ(images, pdf->pages);
}

TEST_F(TechnicalFilePdf, CjkEmojiAndBrokenUtf8DoNotStopIt) {
  file_.product.name = "日本語の製品 🚀 Zähler";
  file_.documents[0].document.title = std::string("bad \xff\xfe bytes");
  file_.organisation.legal_name = std::string(5000, 'W');  // one unbreakable word
  const auto pdf = Render(file_);
  EXPECT_GT(pdf->pages, 0);
  EXPECT_NE(pdf->all_text.find("Zähler"), std::string::npos);
  const auto rendered =
      RunCommand("pdftoppm -r 30 -png " + Quote(pdf->path) + " " + Quote(pdf->dir / "page"));
  EXPECT_EQ(rendered.exit_code, 0) << rendered.output;
}

TEST_F(TechnicalFilePdf, ABareVersionStillRenders) {
  TechnicalFile bare;
  bare.product.name = "Bare";
  bare.version.version = "0.1";
  const auto pdf = Render(bare);
  EXPECT_GT(pdf->pages, 2);
  EXPECT_NE(pdf->all_text.find("No SBOM has been recorded for this version."), std::string::npos);
}

TEST_F(TechnicalFilePdf, SameInputGivesTheSameBytes) {
  const auto layout = PlanTechnicalFile(file_, true);
  EXPECT_EQ(RenderTechnicalFilePdf(file_, layout), RenderTechnicalFilePdf(file_, layout));
}

// The header promises several threads may render at once (pango's font map is per thread).
TEST_F(TechnicalFilePdf, ThreadsRenderingAtOnceGetTheSameBytes) {
  const auto layout = PlanTechnicalFile(file_, true);
  const std::string expected = RenderTechnicalFilePdf(file_, layout);
  std::vector<std::string> outputs(4);
  std::vector<std::thread> threads;
  for (auto& out : outputs) {
    threads.emplace_back([&] { out = RenderTechnicalFilePdf(file_, layout); });
  }
  for (auto& t : threads) t.join();
  for (const auto& out : outputs) EXPECT_EQ(out, expected);
}

TEST(ComplianceChecklist, EveryRowMetWhenReady) {
  const auto rows = pdf::ComplianceChecklist({true, {}});
  EXPECT_EQ(rows.size(), 18u);
  for (const auto& r : rows) EXPECT_TRUE(r.met) << r.requirement;
}

TEST(ComplianceChecklist, MissingItemsMarkTheirRowAndUnknownOnesGetTheirOwn) {
  core::Readiness verdict;
  verdict.missing_items = {{"support_period", "Too short.", "Article 13(8)", {}},
                           {"sbom.quality_below_threshold", "Score 60 < 80.", "Annex I", {}},
                           {"findings.kev_untriaged", "CVE-2024-3094 is in KEV.", "", {}},
                           {"risk_assessment document", "Missing.", "Annex VII (3)", {}},
                           {"something_new", "A rule added later.", "Article 99", {}}};
  const auto rows = pdf::ComplianceChecklist(verdict);
  ASSERT_EQ(rows.size(), 19u);
  std::vector<std::string> unmet;
  for (const auto& r : rows) {
    if (!r.met) unmet.push_back(r.requirement);
  }
  EXPECT_EQ(unmet, (std::vector<std::string>{
                       "Support period of at least 5 years (or a justification)",
                       "Risk assessment (document)",
                       "Machine-readable SBOM at or above the quality threshold",
                       "Known exploited vulnerabilities triaged", "A rule added later."}));
  EXPECT_EQ(rows[6].missing, std::vector<std::string>{"Too short."});
}

}  // namespace
}  // namespace craft::exporting
