// The BSI TR-03183-2 judgement (sbom/quality/tr03183.h) against the sbomqs BSI fixtures
// (corpora/sbomqs/testdata/bsi/cdx): each file is a tiny CycloneDX 1.6 SBOM whose name says which
// field it makes present, missing or malformed. Every file of the folder must be listed below,
// either with the field and outcome its name intends or with the reason it names no field of
// CRA.md's list, so a new or renamed fixture fails the test instead of going unchecked.

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "corpus.h"
#include "sbom/parse.h"
#include "sbom/quality/tr03183.h"

namespace craft::sbom::quality {
namespace {

using testing::CorpusFiles;
using testing::ReadCorpus;
using testing::ReadFile;

struct Intent {
  TrField field;
  Outcome outcome;
};

constexpr Outcome kFail = Outcome::kFail;
constexpr Outcome kPass = Outcome::kPass;

// The intent of each fixture, read from its name and checked against its content.
const std::map<std::string, Intent>& Intents() {
  static const std::map<std::string, Intent> k = {
      {"absentComponentDeployableHash", {TrField::kDeployableHash, kFail}},  // vcs ref only
      {"absentMetadataAuthor", {TrField::kSbomCreator, kFail}},
      // A dependency entry whose source names no component: the listed component is still
      // named as a dependency of the primary, so it has dependency information.
      {"brokenSourceComponentDependencies", {TrField::kDependencies, kPass}},
      {"brokenTargetComponentDependencies", {TrField::kDependencies, kPass}},
      {"invalidComponentAuthorEmail", {TrField::kCreator, kFail}},
      {"invalidComponentDeployableHashComponentLevelOnly", {TrField::kDeployableHash, kFail}},
      {"invalidComponentDownloadURL", {TrField::kDeployableUri, kFail}},
      {"invalidComponentHashMD5", {TrField::kDeployableHash, kFail}},
      // No acknowledgement: CycloneDX licences default to declared (original) licences.
      {"invalidComponentLicenseExpression", {TrField::kOriginalLicences, kFail}},
      {"invalidComponentLicenseExpressionNoAssertion", {TrField::kOriginalLicences, kFail}},
      {"invalidComponentLicenseExpressionNone", {TrField::kOriginalLicences, kFail}},
      {"invalidComponentLicenseID", {TrField::kOriginalLicences, kFail}},
      {"invalidComponentLicenseNoAssertion", {TrField::kOriginalLicences, kFail}},
      {"invalidComponentLicenseNone", {TrField::kOriginalLicences, kFail}},
      {"invalidComponentManufacturerEmail", {TrField::kCreator, kFail}},
      {"invalidComponentManufacturerURL", {TrField::kCreator, kFail}},
      {"invalidComponentSourceCodeURL", {TrField::kSourceCodeUri, kFail}},
      {"invalidMetadataAuthorEmail", {TrField::kSbomCreator, kFail}},
      {"invalidMetadataManufacturerURL", {TrField::kSbomCreator, kFail}},
      {"invalidMetadataTimestamp", {TrField::kTimestamp, kFail}},
      {"leafComponentNoDependencies", {TrField::kDependencies, kPass}},
      {"missingComponentAuthorEmail", {TrField::kCreator, kFail}},
      {"missingComponentBsiArchive", {TrField::kArchive, kFail}},
      {"missingComponentBsiEffectiveLicense", {TrField::kDistributionLicence, kFail}},
      {"missingComponentBsiExecutable", {TrField::kExecutable, kFail}},
      {"missingComponentBsiFilename", {TrField::kFilename, kFail}},
      {"missingComponentBsiStructured", {TrField::kStructured, kFail}},
      {"missingComponentDeployableHash", {TrField::kDeployableHash, kFail}},
      {"missingComponentDownloadURL", {TrField::kDeployableUri, kFail}},
      {"missingComponentHash", {TrField::kDeployableHash, kFail}},
      {"missingComponentLicense", {TrField::kDistributionLicence, kFail}},
      {"missingComponentManufacturerEmailAndURL", {TrField::kCreator, kFail}},
      {"missingComponentName", {TrField::kName, kFail}},
      {"missingComponentOtherUniqueIDs", {TrField::kOtherUniqueIds, kFail}},
      {"missingComponentSourceCodeURL", {TrField::kSourceCodeUri, kFail}},
      {"missingComponentSupplierEmailAndURL", {TrField::kCreator, kFail}},
      {"missingComponentVersion", {TrField::kVersion, kFail}},
      {"missingDependencyInfo", {TrField::kDependencies, kFail}},
      {"missingMetadataAuthorEmail", {TrField::kSbomCreator, kFail}},
      {"missingMetadataManufacturerEmailAndURL", {TrField::kSbomCreator, kFail}},
      {"missingMetadataSupplierEmailAndURL", {TrField::kSbomCreator, kFail}},
      {"missingMetadataTimestamp", {TrField::kTimestamp, kFail}},
      {"missingSerialNumber", {TrField::kSbomUri, kFail}},
      {"mixComponentLicenses", {TrField::kOriginalLicences, kFail}},  // MIT + FakeLicense-1.0
      {"noVulnerabilities", {TrField::kNoVulnerabilities, kPass}},
      {"noneComponentLicense", {TrField::kDistributionLicence, kFail}},  // concluded NONE
      // orphan-lib is in no dependency entry at all.
      {"orphanComponentDependencies", {TrField::kDependencies, kFail}},
      {"partialComponentDeployableHash", {TrField::kDeployableHash, kFail}},  // comp-2: none
      {"primaryNoDependencies", {TrField::kDependencies, kFail}},  // metadata.component: no entry
      {"validComponentAuthorEmail", {TrField::kCreator, kPass}},
      {"validComponentBsiArchive", {TrField::kArchive, kPass}},
      {"validComponentBsiEffectiveLicense", {TrField::kDistributionLicence, kPass}},
      {"validComponentBsiExecutable", {TrField::kExecutable, kPass}},
      {"validComponentBsiFilename", {TrField::kFilename, kPass}},
      {"validComponentBsiStructured", {TrField::kStructured, kPass}},
      {"validComponentCPE", {TrField::kOtherUniqueIds, kPass}},
      {"validComponentDependencies", {TrField::kDependencies, kPass}},
      {"validComponentDownloadURL", {TrField::kDeployableUri, kPass}},
      {"validComponentExtRefDistributionHashSHA512", {TrField::kDeployableHash, kPass}},
      {"validComponentLicenseConcluded", {TrField::kDistributionLicence, kPass}},
      {"validComponentLicenseCustomRef", {TrField::kDistributionLicence, kPass}},
      {"validComponentLicenseDeclared", {TrField::kOriginalLicences, kPass}},
      {"validComponentLicenseExp", {TrField::kOriginalLicences, kPass}},
      {"validComponentManufacturerEmail", {TrField::kCreator, kPass}},
      {"validComponentManufacturerEmailAndURL", {TrField::kCreator, kPass}},
      {"validComponentManufacturerURL", {TrField::kCreator, kPass}},
      {"validComponentName", {TrField::kName, kPass}},
      {"validComponentPURL", {TrField::kOtherUniqueIds, kPass}},
      {"validComponentSWID", {TrField::kOtherUniqueIds, kPass}},
      {"validComponentSourceCodeURL", {TrField::kSourceCodeUri, kPass}},
      {"validComponentSupplierEmail", {TrField::kCreator, kPass}},
      {"validComponentSupplierEmailAndURL", {TrField::kCreator, kPass}},
      {"validComponentSupplierURL", {TrField::kCreator, kPass}},
      {"validComponentVersion", {TrField::kVersion, kPass}},
      {"validMetadataAuthorEmail", {TrField::kSbomCreator, kPass}},
      {"validMetadataManufacturerEmail", {TrField::kSbomCreator, kPass}},
      {"validMetadataManufacturerEmailAndURL", {TrField::kSbomCreator, kPass}},
      {"validMetadataManufacturerURL", {TrField::kSbomCreator, kPass}},
      {"validMetadataSupplierEmail", {TrField::kSbomCreator, kPass}},
      {"validMetadataSupplierEmailAndURL", {TrField::kSbomCreator, kPass}},
      {"validMetadataSupplierURL", {TrField::kSbomCreator, kPass}},
      {"validMetadataTimestamp", {TrField::kTimestamp, kPass}},
      {"validSerialNumber", {TrField::kSbomUri, kPass}},
      {"withVulnerabilities", {TrField::kNoVulnerabilities, kFail}},
      // FIXTURE DISAGREEMENTS (craft's outcome asserted; the fixture's name says "valid").
      // CRA.md / TR-03183-2: the deployable hash is a SHA-512 on a `distribution` reference.
      // sbomqs names these valid; craft fails them: no hash, a weaker algorithm, a
      // `distribution-intake` reference, or a component-level SHA-256.
      {"validComponentExtRefDistributionHashEmpty", {TrField::kDeployableHash, kFail}},
      {"validComponentExtRefDistributionHashMD5", {TrField::kDeployableHash, kFail}},
      {"validComponentExtRefDistributionHashSHA1", {TrField::kDeployableHash, kFail}},
      {"validComponentExtRefDistributionHashSHA256", {TrField::kDeployableHash, kFail}},
      {"validComponentExtRefDistributionIntakeHashEmpty", {TrField::kDeployableHash, kFail}},
      {"validComponentExtRefDistributionIntakeHashMD5", {TrField::kDeployableHash, kFail}},
      {"validComponentExtRefDistributionIntakeHashSHA1", {TrField::kDeployableHash, kFail}},
      {"validComponentExtRefDistributionIntakeHashSHA256", {TrField::kDeployableHash, kFail}},
      {"validComponentExtRefDistributionIntakeHashSHA512", {TrField::kDeployableHash, kFail}},
      {"validComponentDeployableHashDistributionIntake", {TrField::kDeployableHash, kFail}},
      {"validComponentHashSHA256", {TrField::kDeployableHash, kFail}},
  };
  return k;
}

// Fixtures naming a field outside CRA.md's list (sbomqs checks more than the TR's fields).
const std::set<std::string> kOutsideCraFields = {
    "invalidComponentSecurityTxtURL",  // security.txt URL: not a TR-03183-2 field in CRA.md
    "missingComponentSecurityTxtURL",
    "invalidComponentSourceHash",  // source code hash: not in CRA.md's list
    "missingComponentSourceHash",
    "missingPrimaryComponent",  // primary component: not a TR field in CRA.md's list
    "validComponentSecurityTxtURL",   "validComponentSourceHash",
    "validFullyCompliantBsiV21",  // a whole-document check, in SbomqsFullyCompliant below
};

std::string Stem(const std::filesystem::path& p) {
  std::string name = p.filename().string();
  return name.substr(0, name.find('.'));
}

// Checks: every sbomqs CycloneDX BSI fixture gets the outcome its name intends for its field,
// under both TR versions (the fields named are common to v2.0.0 and v2.1.0). Expectation: the
// file names, as tabled above.
TEST(QualityTr03183, SbomqsCycloneDxFixtures) {
  std::size_t checked = 0;
  for (const auto& f : CorpusFiles("sbomqs/testdata/bsi/cdx", "", ".json")) {
    std::string stem = Stem(f);
    auto it = Intents().find(stem);
    if (it == Intents().end()) {
      EXPECT_TRUE(kOutsideCraFields.count(stem)) << stem << " is neither tabled nor excluded";
      continue;
    }
    auto parsed = Parse(ReadFile(f));
    ASSERT_TRUE(parsed.value) << f;
    for (TrVersion v : {TrVersion::kV2_0_0, TrVersion::kV2_1_0}) {
      Tr03183Report report = CheckTr03183(*parsed.value, v);
      const Check& c = report[it->second.field];
      EXPECT_EQ(c.outcome, it->second.outcome)
          << stem << ": " << TrFieldName(it->second.field) << " = " << OutcomeName(c.outcome)
          << " (" << c.reason << ")";
    }
    ++checked;
  }
  EXPECT_EQ(checked, Intents().size());
}

// The sbomqs SPDX 2.3 BSI fixtures (sbomqs/testdata/bsi/spdx), judged under v2.0.0, the TR
// version that admits SPDX 2.3 (v2.1.0 asks for SPDX 3.0.1; format_version is tested below).
const std::map<std::string, Intent>& SpdxIntents() {
  static const std::map<std::string, Intent> k = {
      {"absentComponentDeployableHash", {TrField::kDeployableHash, kFail}},
      {"brokenSourceComponentDependencies", {TrField::kDependencies, kPass}},
      {"brokenTargetComponentDependencies", {TrField::kDependencies, kPass}},
      {"invalidComponentHashMD5", {TrField::kDeployableHash, kFail}},
      {"invalidComponentLicenseNoAssertion", {TrField::kDistributionLicence, kFail}},
      {"invalidMetadataCreatorEmail", {TrField::kSbomCreator, kFail}},
      {"invalidMetadataTimestamp", {TrField::kTimestamp, kFail}},
      {"leafComponentNoDependencies", {TrField::kDependencies, kPass}},
      {"missingComponentDownloadURL", {TrField::kDeployableUri, kFail}},
      {"missingComponentHash", {TrField::kDeployableHash, kFail}},
      {"missingComponentLicense", {TrField::kDistributionLicence, kFail}},
      {"missingComponentOtherUniqueIDs", {TrField::kOtherUniqueIds, kFail}},
      {"missingComponentSourceCodeURL", {TrField::kSourceCodeUri, kFail}},
      {"missingComponentSupplier", {TrField::kCreator, kFail}},
      {"missingComponentVersion", {TrField::kVersion, kFail}},
      {"missingDependencyInfo", {TrField::kDependencies, kFail}},
      {"missingDocumentNamespace", {TrField::kSbomUri, kFail}},
      {"missingMetadataCreator", {TrField::kSbomCreator, kFail}},  // a Tool only
      {"missingMetadataTimestamp", {TrField::kTimestamp, kFail}},
      {"noneComponentLicense", {TrField::kDistributionLicence, kFail}},
      {"orphanComponentDependencies", {TrField::kDependencies, kFail}},
      {"validComponentCPE", {TrField::kOtherUniqueIds, kPass}},
      {"validComponentDependencies", {TrField::kDependencies, kPass}},
      {"validComponentDownloadURL", {TrField::kDeployableUri, kPass}},
      {"validComponentLicenseConcluded", {TrField::kDistributionLicence, kPass}},
      {"validComponentLicenseCustomRef", {TrField::kDistributionLicence, kPass}},
      {"validComponentLicenseDeclared", {TrField::kOriginalLicences, kPass}},
      {"validComponentLicenseExpression", {TrField::kDistributionLicence, kPass}},
      {"validComponentName", {TrField::kName, kPass}},
      {"validComponentOrganizationSupplier", {TrField::kCreator, kPass}},
      {"validComponentPURL", {TrField::kOtherUniqueIds, kPass}},
      {"validComponentPersonSupplier", {TrField::kCreator, kPass}},
      {"validComponentSupplierEmail", {TrField::kCreator, kPass}},
      {"validComponentVersion", {TrField::kVersion, kPass}},
      {"validDocumentNamespace", {TrField::kSbomUri, kPass}},
      {"validMetadataOrganizationCreator", {TrField::kSbomCreator, kPass}},
      {"validMetadataPersonCreator", {TrField::kSbomCreator, kPass}},
      {"validMetadataTimestamp", {TrField::kTimestamp, kPass}},
      // FIXTURE DISAGREEMENTS (craft's outcome asserted):
      // the package carries a SHA512 checksum of what downloadLocation serves, which is the
      // deployable form's SHA-512 in SPDX; sbomqs calls it missing, craft passes it.
      {"missingComponentDeployableHash", {TrField::kDeployableHash, kPass}},
      // a SHA256 checksum only: TR-03183-2 asks for SHA-512.
      {"validComponentHashSHA256", {TrField::kDeployableHash, kFail}},
      // sourceInfo holds the URL; craft's model keeps no SPDX sourceInfo (free text, not a
      // reference), so craft sees no source code URI.
      {"validComponentSourceCodeURL", {TrField::kSourceCodeUri, kFail}},
  };
  return k;
}

const std::set<std::string> kSpdxOutsideCraFields = {
    "missingComponentSourceHash",  // source code hash: not in CRA.md's list
    "validComponentSourceHash",
    "missingPrimaryComponent",    // primary component: not a TR field in CRA.md's list
    "validFullyCompliantBsiV11",  // BSI TR v1.1, a version craft does not judge
};

// Checks: every sbomqs SPDX 2.3 BSI fixture gets the outcome its name intends for its field
// under v2.0.0. Expectation: the file names, as tabled above.
TEST(QualityTr03183, SbomqsSpdxFixtures) {
  std::size_t checked = 0;
  for (const auto& f : CorpusFiles("sbomqs/testdata/bsi/spdx", "", ".json")) {
    std::string stem = Stem(f);
    auto it = SpdxIntents().find(stem);
    if (it == SpdxIntents().end()) {
      EXPECT_TRUE(kSpdxOutsideCraFields.count(stem)) << stem << " is neither tabled nor excluded";
      continue;
    }
    auto parsed = Parse(ReadFile(f));
    ASSERT_TRUE(parsed.value) << f;
    Tr03183Report report = CheckTr03183(*parsed.value, TrVersion::kV2_0_0);
    const Check& c = report[it->second.field];
    EXPECT_EQ(c.outcome, it->second.outcome)
        << stem << ": " << TrFieldName(it->second.field) << " = " << OutcomeName(c.outcome) << " ("
        << c.reason << ")";
    EXPECT_EQ(report[TrField::kFormatVersion].outcome, kPass) << stem;
    EXPECT_EQ(CheckTr03183(*parsed.value, TrVersion::kV2_1_0)[TrField::kFormatVersion].outcome,
              kFail)
        << stem;
    ++checked;
  }
  EXPECT_EQ(checked, SpdxIntents().size());
}

// The sbomqs SPDX 3.0 BSI v2.1.0 fixtures (sbomqs/testdata/bsi/spdx3, README.md there): in each
// "two-comps-one-with-<field>" file the dependency (SPDXRef-Package-B) lacks the field the
// primary (SPDXRef-Package-A) has, so the field fails for B alone; each "doc-missing-<field>" file
// lacks one document field.
const std::map<std::string, Intent>& Spdx3Intents() {
  static const std::map<std::string, Intent> k = {
      {"v2.1.0-doc-missing-creator", {TrField::kSbomCreator, kFail}},
      {"v2.1.0-doc-missing-timestamp", {TrField::kTimestamp, kFail}},
      {"v2.1.0-doc-missing-spec-version", {TrField::kFormatVersion, kFail}},
      {"v2.1.0-doc-missing-sbom-uri", {TrField::kSbomUri, kFail}},  // spdxId SPDXRef-DOCUMENT
      {"v2.1.0-two-comps-one-with-concluded-license", {TrField::kDistributionLicence, kFail}},
      {"v2.1.0-two-comps-one-with-declared-license", {TrField::kOriginalLicences, kFail}},
      {"v2.1.0-two-comps-one-with-download-url", {TrField::kDeployableUri, kFail}},
      {"v2.1.0-two-comps-one-with-purl-cpe", {TrField::kOtherUniqueIds, kFail}},
      // FIXTURE DISAGREEMENT (craft's outcome asserted): B has no dependsOn of its own but is
      // A's dependency, i.e. a leaf; the sbomqs CycloneDX fixture leafComponentNoDependencies
      // calls exactly that valid, so craft passes it here too.
      {"v2.1.0-two-comps-one-with-dependencies", {TrField::kDependencies, kPass}},
  };
  return k;
}

// Fixtures craft cannot judge yet because its SPDX 3 reader does not keep the field (not asserted;
// listed so that none goes unnoticed): File.name (filename), File.verifiedUsing (deployable hash),
// additionalPurpose (executable / archive / structured), the artifact's externalRef (source code
// URL), originatedBy's contact identifiers (creator), an "other" relationship commented
// hasEffectiveLicense. Both components then fail, not B alone.
const std::set<std::string> kSpdx3ReaderGaps = {
    "v2.1.0-two-comps-one-with-filename",        "v2.1.0-two-comps-one-with-deployable-hash",
    "v2.1.0-two-comps-one-with-executable-prop", "v2.1.0-two-comps-one-with-archive-prop",
    "v2.1.0-two-comps-one-with-structured-prop", "v2.1.0-two-comps-one-with-source-code-url",
    "v2.1.0-two-comps-one-with-creator",         "v2.1.0-two-comps-one-with-effective-license",
};
const std::set<std::string> kSpdx3Other = {
    "v2.1.0-two-comps-one-with-security-txt-url",  // not a CRA.md field
    "v2.1.0-two-comps-one-with-source-code-hash",  // not a CRA.md field
    "v2.1.0-complete-all-fields",                  // whole-document references: they need the
    "v2.1.0-complete-alt-patterns",                // fields of the reader gaps above
    "v2.1.0-minimal-valid",
};

// Checks: each SPDX 3 fixture's field has the intended outcome, failing for B alone when it is a
// component field. Expectation: README.md of the fixture folder.
TEST(QualityTr03183, SbomqsSpdx3Fixtures) {
  std::size_t checked = 0;
  for (const auto& f : CorpusFiles("sbomqs/testdata/bsi/spdx3", "v2.1.0-", ".json")) {
    std::string stem = f.stem().string();
    auto it = Spdx3Intents().find(stem);
    if (it == Spdx3Intents().end()) {
      EXPECT_TRUE(kSpdx3ReaderGaps.count(stem) || kSpdx3Other.count(stem)) << stem << " untabled";
      continue;
    }
    auto parsed = Parse(ReadFile(f));
    ASSERT_TRUE(parsed.value) << f;
    Tr03183Report report = CheckTr03183(*parsed.value, TrVersion::kV2_1_0);
    const Check& c = report[it->second.field];
    EXPECT_EQ(c.outcome, it->second.outcome)
        << stem << ": " << TrFieldName(it->second.field) << " = " << OutcomeName(c.outcome) << " ("
        << c.reason << ")";
    bool component_field = it->second.field >= TrField::kCreator;
    if (component_field && it->second.outcome == kFail) {
      EXPECT_EQ(FailingLabels(*parsed.value, c), std::vector<std::string>{"SPDXRef-Package-B"})
          << stem;
    }
    ++checked;
  }
  EXPECT_EQ(checked, Spdx3Intents().size());
}

// Checks: the two fixtures at the folder's top. validComponentLicenseConcluded passes the
// distribution licence; noneComponentLicense (concluded NONE) fails it.
TEST(QualityTr03183, SbomqsTopLevelLicenceFixtures) {
  auto valid = Parse(ReadCorpus("sbomqs/testdata/bsi/validComponentLicenseConcluded.cdx16.json"));
  ASSERT_TRUE(valid.value);
  EXPECT_EQ(CheckTr03183(*valid.value, TrVersion::kV2_1_0)[TrField::kDistributionLicence].outcome,
            kPass);
  auto none = Parse(ReadCorpus("sbomqs/testdata/bsi/noneComponentLicense.cdx16.json"));
  ASSERT_TRUE(none.value);
  EXPECT_EQ(CheckTr03183(*none.value, TrVersion::kV2_1_0)[TrField::kDistributionLicence].outcome,
            kFail);
}

// Checks: the fixture sbomqs calls fully compliant with v2.1 passes every required field but one.
// FIXTURE DISAGREEMENT: it has no `compositions`, and CRA.md's v2.1 list requires dependencies
// "with completeness stated"; craft fails dependency_completeness (every component named), so
// the document does not conform to v2.1. Under v2.0.0, which does not ask for it, it conforms.
TEST(QualityTr03183, SbomqsFullyCompliant) {
  auto parsed = Parse(ReadCorpus("sbomqs/testdata/bsi/cdx/validFullyCompliantBsiV21.cdx16.json"));
  ASSERT_TRUE(parsed.value);
  Tr03183Report r = CheckTr03183(*parsed.value, TrVersion::kV2_1_0);
  for (std::size_t i = 0; i < kTrFieldCount; ++i) {
    auto f = static_cast<TrField>(i);
    if (IsAdditional(f) || f == TrField::kDependencyCompleteness) continue;
    EXPECT_EQ(r.fields[i].outcome, kPass) << TrFieldName(f) << ": " << r.fields[i].reason;
  }
  EXPECT_EQ(r[TrField::kDependencyCompleteness].outcome, kFail);
  EXPECT_EQ(r[TrField::kDependencyCompleteness].failing.size(), 3u);  // metadata.component + 2
  EXPECT_FALSE(r.Conforms());
  EXPECT_TRUE(CheckTr03183(*parsed.value, TrVersion::kV2_0_0).Conforms());
}

Document Complete() {
  Document doc;
  doc.format = Format::kCycloneDxJson;
  doc.spec_version = "1.6";
  doc.serial_number = "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79";
  doc.timestamp = "2025-01-01T00:00:00Z";
  doc.authors.push_back({"Jane", {}, {"jane@example.com"}});
  Component c;
  c.ref = "lib";
  c.name = "lib";
  c.version = "1.0.0";
  c.supplier = Party{"Acme", {"https://acme.example"}, {}};
  c.purl = "pkg:generic/lib@1.0.0";
  c.file_name = "lib.jar";
  c.properties = {{"bsi:component:executable", "non-executable"},
                  {"bsi:component:archive", "archive"},
                  {"bsi:component:structured", "structured"},
                  {"bsi:component:effectiveLicense", "MIT"}};
  c.declared_licenses.push_back({"MIT", "", "", "", "declared"});
  c.external_references.push_back(
      {"distribution", "https://acme.example/lib.jar", "", {{"SHA-512", "cf83"}}});
  c.external_references.push_back({"vcs", "https://github.com/acme/lib", "", {}});
  doc.components.push_back(c);
  doc.dependencies.push_back({"lib", {}});
  doc.compositions.push_back({"complete", {}, {"lib"}});
  return doc;
}

// Checks: a complete document passes every field under both versions, and each single removal
// fails exactly its field. Expectation: tr03183.h's rules.
TEST(QualityTr03183, CompleteDocumentAndSingleRemovals) {
  Document doc = Complete();
  for (TrVersion v : {TrVersion::kV2_0_0, TrVersion::kV2_1_0}) {
    Tr03183Report r = CheckTr03183(doc, v);
    for (std::size_t i = 0; i < kTrFieldCount; ++i) {
      bool na =
          v == TrVersion::kV2_0_0 && static_cast<TrField>(i) == TrField::kDependencyCompleteness;
      EXPECT_EQ(r.fields[i].outcome, na ? Outcome::kNotApplicable : kPass)
          << TrFieldName(static_cast<TrField>(i)) << ": " << r.fields[i].reason;
    }
    EXPECT_TRUE(r.Conforms());
  }
  Document old = doc;
  old.spec_version = "1.5";
  EXPECT_EQ(CheckTr03183(old, TrVersion::kV2_1_0)[TrField::kFormatVersion].outcome, kFail);
  EXPECT_EQ(CheckTr03183(old, TrVersion::kV2_0_0)[TrField::kFormatVersion].outcome, kPass);
  old.spec_version = "1.4";
  EXPECT_EQ(CheckTr03183(old, TrVersion::kV2_0_0)[TrField::kFormatVersion].outcome, kFail);
  Document spdx = doc;
  spdx.format = Format::kSpdxJson;
  spdx.spec_version = "2.3";
  EXPECT_EQ(CheckTr03183(spdx, TrVersion::kV2_1_0)[TrField::kFormatVersion].outcome, kFail);
  EXPECT_EQ(CheckTr03183(spdx, TrVersion::kV2_0_0)[TrField::kFormatVersion].outcome, kPass);
  spdx.spec_version = "3.0.1";
  EXPECT_EQ(CheckTr03183(spdx, TrVersion::kV2_1_0)[TrField::kFormatVersion].outcome, kPass);

  Document vuln = doc;
  vuln.vulnerabilities.push_back({});
  Tr03183Report rv = CheckTr03183(vuln, TrVersion::kV2_1_0);
  EXPECT_EQ(rv[TrField::kNoVulnerabilities].outcome, kFail);
  EXPECT_FALSE(rv.Conforms());

  Document incomplete = doc;
  incomplete.compositions.clear();
  EXPECT_EQ(
      FailingLabels(incomplete,
                    CheckTr03183(incomplete, TrVersion::kV2_1_0)[TrField::kDependencyCompleteness]),
      std::vector<std::string>{"lib"});

  Document hash_on_component = doc;
  auto& c = hash_on_component.components[0];
  c.hashes = c.external_references[0].hashes;
  c.external_references[0].hashes.clear();
  EXPECT_EQ(CheckTr03183(hash_on_component, TrVersion::kV2_1_0)[TrField::kDeployableHash].outcome,
            kFail);
}

// Checks: the syntax helpers on values taken from the fixtures above.
TEST(QualityTr03183, Syntax) {
  EXPECT_TRUE(IsValidEmail("samantha.wright@example.com"));
  EXPECT_FALSE(IsValidEmail("notanemail"));
  EXPECT_TRUE(IsValidUrl("https://example.com/acme-library-1.0.0.jar"));
  EXPECT_FALSE(IsValidUrl("not-a-valid-url"));
  EXPECT_TRUE(IsRfc3339("2025-01-01T00:00:00Z"));
  EXPECT_TRUE(IsRfc3339("2010-01-29T18:30:22.123+01:00"));
  EXPECT_FALSE(IsRfc3339("2025-13-01T00:00:00Z"));
  EXPECT_FALSE(IsRfc3339("2025-01-01"));
}

}  // namespace
}  // namespace craft::sbom::quality
