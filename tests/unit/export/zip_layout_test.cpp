// Paths inside the technical-file ZIP and its file name (CRA.md "The export").
#include "export/zip_layout.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "test_support.h"

namespace craft::exporting {
namespace {

TEST(SafeFileName, KeepsTheLastSegmentAndReplacesWhatWindowsOrZipCannotHold) {
  EXPECT_EQ(SafeFileName("../../etc/passwd", "x"), "passwd");
  EXPECT_EQ(SafeFileName("C:\\Users\\me\\report.pdf", "x"), "report.pdf");
  EXPECT_EQ(SafeFileName("a<b>c:d\"e|f?g*h.txt", "x"), "a_b_c_d_e_f_g_h.txt");
  EXPECT_EQ(SafeFileName("tab\there\n.pdf", "x"), "tab_here_.pdf");
  EXPECT_EQ(SafeFileName("Konformitätserklärung.pdf", "x"), "Konformitätserklärung.pdf");
  EXPECT_EQ(SafeFileName("説明書.pdf", "x"), "説明書.pdf");
  EXPECT_EQ(SafeFileName(std::string("bad\xff\xc3.pdf"), "x"), "bad__.pdf");
  EXPECT_EQ(SafeFileName("  .hidden. ", "x"), "hidden");
  for (const char* empty : {"", "..", ".", "dir/", "   "})
    EXPECT_EQ(SafeFileName(empty, "doc"), "doc");
}

TEST(SafeFileName, CutsLongNamesOnACharacterBoundaryKeepingTheExtension) {
  std::string long_name;
  for (int i = 0; i < 150; ++i) long_name += "ä";  // 300 bytes
  const std::string safe = SafeFileName(long_name + ".pdf", "x");
  EXPECT_LE(safe.size(), 200u);
  EXPECT_EQ(safe.substr(safe.size() - 4), ".pdf");
  EXPECT_EQ(SafeFileName(safe, "x"), safe);  // still valid UTF-8: nothing replaced
}

TEST(Layout, ClashingNamesAreNumberedIgnoringCaseAndIndependentOfInputOrder) {
  fixture::SampleBytes bytes;
  TechnicalFile file = fixture::SampleTechnicalFile(bytes);
  file.documents[4].document.type = core::DocumentType::kUserManual;
  file.documents[4].document.file_name = "MANUAL.pdf";
  const auto paths_of = [](const TechnicalFile& f) {
    std::map<std::string, std::string> by_id;
    for (const auto& p : PlanTechnicalFile(f, true).documents) {
      by_id[f.documents[p.index].document.id] = p.path;
    }
    return by_id;
  };
  const auto first = paths_of(file);
  std::vector<std::string> manuals;
  for (const auto& [id, path] : first) {
    if (path.rfind("documents/user_manual/", 0) == 0) manuals.push_back(path);
  }
  std::sort(manuals.begin(), manuals.end());
  EXPECT_EQ(manuals, (std::vector<std::string>{"documents/user_manual/MANUAL.pdf",
                                               "documents/user_manual/manual (2).pdf",
                                               "documents/user_manual/manual (3).pdf"}));
  std::mt19937 shuffle(42);
  for (int round = 0; round < 5; ++round) {
    std::shuffle(file.documents.begin(), file.documents.end(), shuffle);
    EXPECT_EQ(paths_of(file), first);
  }
}

TEST(Layout, LeavesOutWhatHasNoBytesSbomsOnRequestAndVexWithoutFindings) {
  fixture::SampleBytes bytes;
  TechnicalFile file = fixture::SampleTechnicalFile(bytes);
  file.documents[0].content = nullptr;
  auto layout = PlanTechnicalFile(file, false);
  EXPECT_EQ(std::count_if(layout.documents.begin(), layout.documents.end(),
                          [](const PlannedFile& p) { return p.path.empty(); }),
            1);
  EXPECT_TRUE(layout.sboms[0].path.empty());
  EXPECT_FALSE(layout.components_included);
  EXPECT_EQ(layout.vex.size(), 1u);
  file.findings.clear();
  layout = PlanTechnicalFile(file, true);
  EXPECT_EQ(layout.sboms[0].path, "sboms/bom.cdx.json");
  EXPECT_TRUE(layout.components_included);
  EXPECT_TRUE(layout.vex.empty());
}

TEST(Layout, AnSbomCalledLikeTheComponentListIsRenamed) {
  fixture::SampleBytes bytes;
  TechnicalFile file = fixture::SampleTechnicalFile(bytes);
  file.sboms[0].file_name = "SBOM-Components.json";
  EXPECT_EQ(PlanTechnicalFile(file, true).sboms[0].path, "sboms/SBOM-Components (2).json");
}

TEST(TechnicalFileName, SlugVersionAndUtcDayOfExport) {
  fixture::SampleBytes bytes;
  TechnicalFile file = fixture::SampleTechnicalFile(bytes);
  EXPECT_EQ(TechnicalFileName(file), "mueller-zaehler-2.4.1-technical-file-2026-05-28.zip");
  file.product.slug.clear();
  file.version.version = "1.0/beta 2";
  file.exported_at = 1780012799;  // 2026-05-28T23:59:59Z
  EXPECT_EQ(TechnicalFileName(file),
            "mueller-zaehler-geraet-1.0-beta-2-technical-file-2026-05-28.zip");
}

TEST(Slug, LowercasesSpellsOutAndSeparates) {
  EXPECT_EQ(Slug("Müller Zähler 2"), "mueller-zaehler-2");
  EXPECT_EQ(Slug("  Café -- Ölmühle  "), "cafe-oelmuehle");
  EXPECT_EQ(Slug("日本語"), "product");
}

}  // namespace
}  // namespace craft::exporting
