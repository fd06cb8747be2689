// The whole technical-file ZIP (issue 5, "The ZIP"), read back with Info-ZIP's unzip.
#include "export/technical_file_writer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "core/digest.h"
#include "export/signature.h"
#include "test_support.h"

namespace craft::exporting {
namespace {

using fixture::Quote;
using fixture::RunCommand;
using fixture::TempDir;
using nlohmann::json;

std::string Export(const TechnicalFile& file, const ExportOptions& options = {},
                   ExportSummary* summary = nullptr) {
  std::string out;
  ExportSummary s = WriteTechnicalFile(
      file, [&out](std::string_view b) { out.append(b); }, options);
  if (summary) *summary = s;
  return out;
}

ExportOptions SignedWith(const std::string& private_key_pem) {
  ExportOptions options;
  options.signing_key_pem = private_key_pem;
  return options;
}

std::vector<std::string> EntryNames(const std::filesystem::path& zip) {
  std::istringstream lines(RunCommand("unzip -Z1 " + Quote(zip), false).output);
  std::vector<std::string> names;
  for (std::string line; std::getline(lines, line);) names.push_back(line);
  return names;
}

class TechnicalFileZip : public ::testing::Test {
 protected:
  fixture::SampleBytes bytes_;
  TechnicalFile file_ = fixture::SampleTechnicalFile(bytes_);
  SigningKeyPair keys_ = GenerateSigningKey();
  TempDir dir_;
};

TEST_F(TechnicalFileZip, UnzipTestsItAndFindsEveryEntryInTheDocumentedOrder) {
  const auto zip = dir_ / "a.zip";
  fixture::WriteFile(zip, Export(file_, SignedWith(keys_.private_key_pem)));
  const auto tested = RunCommand("unzip -t " + Quote(zip));
  EXPECT_EQ(tested.exit_code, 0) << tested.output;
  const std::vector<std::string> expected = {
      "manifest.json",
      "manifest.json.sig",
      "technical-file.pdf",
      "sboms/bom.cdx.json",
      "sboms/sbom-components.json",
      "documents/risk_assessment/risk-assessment.pdf",
      "documents/eu_declaration_of_conformity/Konformitätserklärung.pdf",
      "documents/user_manual/manual.pdf",
      "documents/user_manual/manual (2).pdf",
      "documents/vulnerability_policy/cvd-policy.txt",
      "vex/vex.cdx.json"};
  EXPECT_EQ(EntryNames(zip), expected);
  EXPECT_EQ(fixture::UnzipEntry(zip, "sboms/bom.cdx.json"), bytes_.sbom);
  EXPECT_EQ(fixture::UnzipEntry(zip, "documents/user_manual/manual.pdf"), bytes_.user_manual);
  EXPECT_EQ(fixture::UnzipEntry(zip, "documents/user_manual/manual (2).pdf"),
            bytes_.user_manual_clash);
  EXPECT_EQ(fixture::UnzipEntry(zip, "vex/vex.cdx.json"), bytes_.vex);
}

TEST_F(TechnicalFileZip, ManifestValidatesAndHashesEveryOtherEntry) {
  const auto zip = dir_ / "a.zip";
  fixture::WriteFile(zip, Export(file_, SignedWith(keys_.private_key_pem)));
  const std::string manifest = fixture::UnzipEntry(zip, "manifest.json");
  const auto errors = fixture::ManifestSchemaErrors(manifest);
  EXPECT_TRUE(errors.empty()) << ::testing::PrintToString(errors);
  const json m = json::parse(manifest);
  std::vector<std::string> listed;
  for (const auto& e : m["entries"]) {
    const std::string bytes = fixture::UnzipEntry(zip, e["path"]);
    EXPECT_EQ(e["sha256"], core::Sha256Hex(bytes)) << e["path"];
    EXPECT_EQ(e["size"], bytes.size()) << e["path"];
    listed.push_back(e["path"]);
  }
  auto names = EntryNames(zip);
  names.erase(names.begin(), names.begin() + 2);  // manifest.json and its signature
  EXPECT_EQ(listed, names);
  EXPECT_EQ(m["signature"]["public_key_sha256"], PublicKeyFingerprint(keys_.public_key_pem));
  EXPECT_EQ(VerifyManifestSignature(manifest, fixture::UnzipEntry(zip, "manifest.json.sig"),
                                    keys_.public_key_pem),
            SignatureCheck::kValid);
}

TEST_F(TechnicalFileZip, TwoExportsOfUnchangedDataAreByteIdentical) {
  const ExportOptions options = SignedWith(keys_.private_key_pem);
  const std::string first = Export(file_, options);
  const fixture::SampleBytes same_bytes;
  const std::string second = Export(fixture::SampleTechnicalFile(same_bytes), options);
  EXPECT_EQ(first, second);
  file_.exported_at += 86400;
  EXPECT_NE(Export(file_, options), first);
}

TEST_F(TechnicalFileZip, SummaryNamesTheFileAndHashesTheWholeArchive) {
  ExportSummary summary;
  const std::string zip = Export(file_, {}, &summary);
  EXPECT_EQ(summary.file_name, "mueller-zaehler-2.4.1-technical-file-2026-05-28.zip");
  EXPECT_EQ(summary.size, zip.size());
  EXPECT_EQ(summary.sha256, core::Sha256Hex(zip));
}

TEST_F(TechnicalFileZip, WithoutSbomsTheFolderIsAbsentAndTheManifestSaysSo) {
  const auto zip = dir_ / "a.zip";
  ExportOptions options;
  options.include_sboms = false;
  fixture::WriteFile(zip, Export(file_, options));
  for (const auto& name : EntryNames(zip)) EXPECT_NE(name.rfind("sboms/", 0), 0u) << name;
  const json m = json::parse(fixture::UnzipEntry(zip, "manifest.json"));
  EXPECT_FALSE(m["sboms"][0]["content_available"].get<bool>());
  EXPECT_EQ(m["sboms"][0]["sha256"], core::Sha256Hex(bytes_.sbom));
  EXPECT_TRUE(m["signature"].is_null());
}

TEST_F(TechnicalFileZip, NoVexFolderWithoutFindings) {
  file_.findings.clear();
  const auto zip = dir_ / "a.zip";
  fixture::WriteFile(zip, Export(file_));
  for (const auto& name : EntryNames(zip)) EXPECT_NE(name.rfind("vex/", 0), 0u) << name;
}

TEST_F(TechnicalFileZip, ForcedZip64ExportIsReadByUnzip) {
  const auto zip = dir_ / "a.zip";
  ExportOptions options;
  options.zip.force_zip64 = true;
  fixture::WriteFile(zip, Export(file_, options));
  const auto tested = RunCommand("unzip -t " + Quote(zip));
  EXPECT_EQ(tested.exit_code, 0) << tested.output;
  EXPECT_EQ(fixture::UnzipEntry(zip, "sboms/bom.cdx.json"), bytes_.sbom);
}

TEST_F(TechnicalFileZip, BlobWhoseBytesDifferFromTheStoredHashStopsTheExport) {
  const std::string corrupted = "Risk assessment, silently changed on disk.\n";
  file_.documents[0].document.size = corrupted.size();  // same size, other bytes
  file_.documents[0].content = StreamOf(corrupted);
  try {
    Export(file_);
    FAIL() << "no ExportError";
  } catch (const ExportError& e) {
    EXPECT_NE(std::string(e.what()).find("documents/risk_assessment/risk-assessment.pdf"),
              std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find(core::Sha256Hex(corrupted)), std::string::npos);
  }
}

TEST_F(TechnicalFileZip, BlobShorterThanRecordedStopsTheExport) {
  file_.documents[2].document.size += 1;
  EXPECT_THROW(Export(file_), ZipError);
}

TEST_F(TechnicalFileZip, ProgressClimbsToTheTotalOfAllEntryContent) {
  std::vector<std::pair<std::uint64_t, std::uint64_t>> calls;
  ExportOptions options = SignedWith(keys_.private_key_pem);
  options.progress = [&calls](std::uint64_t done, std::uint64_t total) {
    calls.emplace_back(done, total);
  };
  const auto zip = dir_ / "a.zip";
  fixture::WriteFile(zip, Export(file_, options));
  ASSERT_FALSE(calls.empty());
  std::uint64_t content = 0;
  for (const auto& name : EntryNames(zip)) content += fixture::UnzipEntry(zip, name).size();
  for (std::size_t i = 0; i < calls.size(); ++i) {
    EXPECT_EQ(calls[i].second, content);
    if (i > 0) {
      EXPECT_GT(calls[i].first, calls[i - 1].first);
    }
  }
  EXPECT_EQ(calls.back().first, content);
}

TEST_F(TechnicalFileZip, BadSigningKeyFailsBeforeAnyByteIsWritten) {
  std::string out;
  EXPECT_THROW(
      WriteTechnicalFile(
          file_, [&out](std::string_view b) { out.append(b); }, SignedWith(keys_.public_key_pem)),
      SignatureError);
  EXPECT_TRUE(out.empty());
}

}  // namespace
}  // namespace craft::exporting
