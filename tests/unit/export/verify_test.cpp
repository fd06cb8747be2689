// `craft export verify`: every hash and the signature, with exact differences. Tampered archives
// are made the way an attacker would: unpack with unzip, change files, pack again.
#include "export/verify.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "core/digest.h"
#include "export/signature.h"
#include "export/technical_file_writer.h"
#include "export/zip_writer.h"
#include "test_support.h"

namespace craft::exporting {
namespace {

using fixture::Quote;
using fixture::RunCommand;

// The entries of a ZIP, in order, as unzip extracts them.
using Unpacked = std::vector<std::pair<std::string, std::string>>;

Unpacked Unpack(const std::filesystem::path& zip) {
  std::istringstream lines(RunCommand("unzip -Z1 " + Quote(zip), false).output);
  Unpacked entries;
  for (std::string name; std::getline(lines, name);) {
    entries.emplace_back(name, fixture::UnzipEntry(zip, name));
  }
  return entries;
}

void Pack(const Unpacked& entries, const std::filesystem::path& zip) {
  std::string out;
  ZipWriter writer([&out](std::string_view b) { out.append(b); }, 1780000000);
  for (const auto& [name, bytes] : entries) writer.AddEntry(name, bytes);
  writer.Finish();
  fixture::WriteFile(zip, out);
}

std::string& Entry(Unpacked& entries, const std::string& name) {
  for (auto& [n, bytes] : entries) {
    if (n == name) return bytes;
  }
  throw std::runtime_error("no entry " + name);
}

std::vector<DifferenceKind> Kinds(const VerificationReport& r) {
  std::vector<DifferenceKind> kinds;
  for (const auto& d : r.differences) kinds.push_back(d.kind);
  return kinds;
}

class Verify : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string out;
    ExportOptions options;
    options.signing_key_pem = keys_.private_key_pem;
    summary_ = WriteTechnicalFile(
        file_, [&out](std::string_view b) { out.append(b); }, options);
    fixture::WriteFile(zip_, out);
  }
  fixture::SampleBytes bytes_;
  TechnicalFile file_ = fixture::SampleTechnicalFile(bytes_);
  SigningKeyPair keys_ = GenerateSigningKey();
  fixture::TempDir dir_;
  std::filesystem::path zip_ = dir_ / "export.zip";
  ExportSummary summary_;
};

TEST_F(Verify, UntouchedExportVerifiesWithItsKey) {
  const auto report = VerifyTechnicalFile(zip_, keys_.public_key_pem);
  EXPECT_TRUE(report.ok()) << report.differences.front().message;
  EXPECT_EQ(report.export_format, "craft Technical File v1.1");
  EXPECT_EQ(report.entries_checked, summary_.entries.size());
  EXPECT_TRUE(report.signature_present);
  EXPECT_TRUE(report.signature_verified);
}

TEST_F(Verify, WithoutAKeyHashesAreCheckedButNotTheSignature) {
  const auto report = VerifyTechnicalFile(zip_, std::nullopt);
  EXPECT_TRUE(report.ok());
  EXPECT_TRUE(report.signature_present);
  EXPECT_FALSE(report.signature_verified);
}

// An authority that unpacks the ZIP and packs it again with Info-ZIP (other compression, folder
// entries, other order) still holds a verifiable technical file.
TEST_F(Verify, RepackedWithInfoZipStillVerifies) {
  const auto unpacked = dir_ / "unpacked";
  ASSERT_EQ(RunCommand("unzip -q " + Quote(zip_) + " -d " + Quote(unpacked)).exit_code, 0);
  const auto repacked = dir_ / "repacked.zip";
  const auto zipped = RunCommand("cd " + Quote(unpacked) + " && zip -q -9 -r " + Quote(repacked) +
                                 " vex documents sboms technical-file.pdf manifest.json.sig "
                                 "manifest.json");
  ASSERT_EQ(zipped.exit_code, 0) << zipped.output;
  const auto report = VerifyTechnicalFile(repacked, keys_.public_key_pem);
  EXPECT_TRUE(report.ok()) << report.differences.front().message;
  EXPECT_TRUE(report.signature_verified);
  EXPECT_EQ(report.entries_checked, summary_.entries.size());
}

TEST_F(Verify, ForcedZip64ExportVerifies) {
  std::string out;
  ExportOptions options;
  options.signing_key_pem = keys_.private_key_pem;
  options.zip.force_zip64 = true;
  WriteTechnicalFile(
      file_, [&out](std::string_view b) { out.append(b); }, options);
  fixture::WriteFile(zip_, out);
  const auto report = VerifyTechnicalFile(zip_, keys_.public_key_pem);
  EXPECT_TRUE(report.ok()) << report.differences.front().message;
  EXPECT_EQ(report.entries_checked, summary_.entries.size());
}

TEST_F(Verify, AReplacedDocumentIsNamedWithBothHashes) {
  auto entries = Unpack(zip_);
  const std::string path = "documents/user_manual/manual (2).pdf";
  Entry(entries, path) = "a different manual";
  Pack(entries, zip_);
  const auto report = VerifyTechnicalFile(zip_, keys_.public_key_pem);
  ASSERT_EQ(Kinds(report), std::vector<DifferenceKind>{DifferenceKind::kHashMismatch});
  const Difference& d = report.differences[0];
  EXPECT_EQ(d.path, path);
  EXPECT_EQ(d.expected, core::Sha256Hex(bytes_.user_manual_clash));
  EXPECT_EQ(d.actual, core::Sha256Hex("a different manual"));
  EXPECT_NE(d.message.find(path), std::string::npos);
}

TEST_F(Verify, MissingAndExtraEntriesAreNamed) {
  auto entries = Unpack(zip_);
  entries.erase(entries.begin() + 3);  // sboms/bom.cdx.json
  entries.emplace_back("documents/other/smuggled.exe", "MZ");
  Pack(entries, zip_);
  const auto report = VerifyTechnicalFile(zip_, keys_.public_key_pem);
  ASSERT_EQ(Kinds(report), (std::vector<DifferenceKind>{DifferenceKind::kMissingEntry,
                                                        DifferenceKind::kExtraEntry}));
  EXPECT_EQ(report.differences[0].path, "sboms/bom.cdx.json");
  EXPECT_EQ(report.differences[0].expected, core::Sha256Hex(bytes_.sbom));
  EXPECT_EQ(report.differences[1].path, "documents/other/smuggled.exe");
  EXPECT_EQ(report.differences[1].actual, core::Sha256Hex("MZ"));
}

// Someone replaces a document and fixes the manifest to match: the hashes agree, the signature
// does not.
TEST_F(Verify, AnEditedManifestFailsTheSignature) {
  auto entries = Unpack(zip_);
  const std::string path = "documents/risk_assessment/risk-assessment.pdf";
  Entry(entries, path) = "a softer risk assessment";
  auto manifest = nlohmann::ordered_json::parse(Entry(entries, "manifest.json"));
  for (auto& e : manifest["entries"]) {
    if (e["path"] == path) {
      e["sha256"] = core::Sha256Hex("a softer risk assessment");
      e["size"] = 24;
    }
  }
  for (auto& d : manifest["documents"]) {
    if (d["path"] == path) d["sha256"] = core::Sha256Hex("a softer risk assessment");
  }
  Entry(entries, "manifest.json") = manifest.dump(2);
  Pack(entries, zip_);
  EXPECT_TRUE(VerifyTechnicalFile(zip_, std::nullopt).ok());
  const auto report = VerifyTechnicalFile(zip_, keys_.public_key_pem);
  EXPECT_EQ(Kinds(report), std::vector<DifferenceKind>{DifferenceKind::kSignatureInvalid});
}

TEST_F(Verify, ManifestWhoseDocumentListDisagreesWithItsEntriesIsInconsistent) {
  auto entries = Unpack(zip_);
  auto manifest = nlohmann::ordered_json::parse(Entry(entries, "manifest.json"));
  manifest["documents"][0]["sha256"] = std::string(64, '0');
  Entry(entries, "manifest.json") = manifest.dump(2);
  Pack(entries, zip_);
  const auto report = VerifyTechnicalFile(zip_, std::nullopt);
  ASSERT_EQ(Kinds(report), std::vector<DifferenceKind>{DifferenceKind::kInconsistentManifest});
  EXPECT_EQ(report.differences[0].path, manifest["documents"][0]["path"]);
}

TEST_F(Verify, AnotherKeyOrNoSignatureIsReported) {
  const SigningKeyPair other = GenerateSigningKey();
  EXPECT_EQ(Kinds(VerifyTechnicalFile(zip_, other.public_key_pem)),
            std::vector<DifferenceKind>{DifferenceKind::kSignatureInvalid});
  EXPECT_EQ(Kinds(VerifyTechnicalFile(zip_, std::string("not a key"))),
            std::vector<DifferenceKind>{DifferenceKind::kBadPublicKey});
  auto entries = Unpack(zip_);
  entries.erase(entries.begin() + 1);  // manifest.json.sig
  Pack(entries, zip_);
  EXPECT_EQ(Kinds(VerifyTechnicalFile(zip_, keys_.public_key_pem)),
            std::vector<DifferenceKind>{DifferenceKind::kSignatureMissing});
}

TEST_F(Verify, AFlippedByteInsideTheArchiveIsCaught) {
  std::string zip = fixture::ReadFile(zip_);
  const auto at = zip.find(bytes_.policy);  // stored, so its bytes are in the file as they are
  ASSERT_NE(at, std::string::npos);
  zip[at + 5] ^= 0x20;
  fixture::WriteFile(zip_, zip);
  const auto report = VerifyTechnicalFile(zip_, keys_.public_key_pem);
  // The ZIP's own CRC-32 catches it before any byte comes out.
  ASSERT_EQ(Kinds(report), std::vector<DifferenceKind>{DifferenceKind::kUnreadableEntry});
  EXPECT_EQ(report.differences[0].path, "documents/vulnerability_policy/cvd-policy.txt");
  EXPECT_EQ(report.differences[0].expected, core::Sha256Hex(bytes_.policy));
  EXPECT_NE(report.differences[0].actual.find("CRC"), std::string::npos)
      << report.differences[0].actual;
}

TEST_F(Verify, DuplicateEntriesAreReported) {
  // ZipWriter refuses duplicates: write a copy under a name of the same length, then rename it
  // in the raw bytes (the name is in no checksum).
  auto entries = Unpack(zip_);
  entries.emplace_back("vex/vex.cdx.jsoX", "{\"forged\":true}");
  Pack(entries, zip_);
  std::string zip = fixture::ReadFile(zip_);
  for (auto at = zip.find("vex/vex.cdx.jsoX"); at != std::string::npos;
       at = zip.find("vex/vex.cdx.jsoX")) {
    zip[at + 15] = 'n';
  }
  fixture::WriteFile(zip_, zip);
  const auto report = VerifyTechnicalFile(zip_, std::nullopt);
  ASSERT_EQ(Kinds(report), std::vector<DifferenceKind>{DifferenceKind::kDuplicateEntry});
  EXPECT_EQ(report.differences[0].path, "vex/vex.cdx.json");
  EXPECT_EQ(report.differences[0].actual, "2");
}

TEST_F(Verify, NotAZipOrATruncatedOneIsUnreadable) {
  fixture::WriteFile(zip_, "this is not a zip file at all");
  EXPECT_EQ(Kinds(VerifyTechnicalFile(zip_, std::nullopt)),
            std::vector<DifferenceKind>{DifferenceKind::kUnreadableArchive});
  EXPECT_EQ(Kinds(VerifyTechnicalFile(dir_ / "absent.zip", std::nullopt)),
            std::vector<DifferenceKind>{DifferenceKind::kUnreadableArchive});
}

TEST_F(Verify, TruncatedArchiveIsUnreadable) {
  const std::string zip = fixture::ReadFile(zip_);
  fixture::WriteFile(zip_, zip.substr(0, zip.size() / 2));
  const auto report = VerifyTechnicalFile(zip_, std::nullopt);
  EXPECT_FALSE(report.ok());
  EXPECT_EQ(report.differences[0].kind, DifferenceKind::kUnreadableArchive);
}

TEST_F(Verify, AZipWithoutManifestSaysSo) {
  auto entries = Unpack(zip_);
  entries.erase(entries.begin());
  Pack(entries, zip_);
  EXPECT_EQ(Kinds(VerifyTechnicalFile(zip_, std::nullopt)),
            std::vector<DifferenceKind>{DifferenceKind::kManifestMissing});
}

}  // namespace
}  // namespace craft::exporting
