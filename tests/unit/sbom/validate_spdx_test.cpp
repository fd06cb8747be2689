#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "corpus.h"
#include "sbom/parse.h"
#include "sbom/validate/spdx_rules.h"
#include "sbom/validate/validate.h"

namespace craft::sbom {
namespace {

using testing::ReadCorpus;

std::vector<Diagnostic> Errors(const std::vector<Diagnostic>& all) {
  std::vector<Diagnostic> errors;
  for (const auto& d : all) {
    if (d.severity == Diagnostic::Severity::kError) errors.push_back(d);
  }
  return errors;
}

std::string Show(const std::vector<Diagnostic>& all) {
  std::string out;
  for (const auto& d : all) out += "\n  " + d.location + ": " + d.message;
  return out;
}

// The official SPDX 2.2 / 2.3 examples (spdx/spdx-spec examples, spdx/spdx-examples) break no rule
// of their spec: they are read, validated, and yield no error.
TEST(ValidateSpdx, OfficialExamplesHaveNoErrors) {
  const char* files[] = {
      "spdx-spec/development-v2.2.2/examples/SPDXJSONExample-v2.2.spdx.json",
      "spdx-spec/development-v2.2.2/examples/SPDXTagExample-v2.2.spdx",
      "spdx-spec/support-2.3.1/examples/SPDXJSONExample-v2.3.spdx.json",
      "spdx-spec/support-2.3.1/examples/SPDXTagExample-v2.3.spdx",
      "spdx-examples/software/example1/spdx2.2/example1.spdx",
      "spdx-examples/software/example2/spdx2.2/example2-bin.spdx",
      "spdx-examples/software/example2/spdx2.2/example2-src.spdx",
      "spdx-examples/software/example3/spdx2.2/example3-bin.spdx",
      "spdx-examples/software/example3/spdx2.2/example3-src.spdx",
      "spdx-examples/software/example4/spdx2.2/example4-bin.spdx",
      "spdx-examples/software/example4/spdx2.2/example4-src.spdx",
      "spdx-examples/software/example5/spdx2.2/example5-bin.spdx",
      "spdx-examples/software/example5/spdx2.2/example5-src.spdx",
      "spdx-examples/software/example6/spdx2.2/example6-bin.spdx",
      "spdx-examples/software/example6/spdx2.2/example6-lib.spdx",
      "spdx-examples/software/example6/spdx2.2/example6-src.spdx",
      "spdx-examples/software/example7/spdx2.2/example7-bin.spdx.json",
      "spdx-examples/software/example7/spdx2.2/example7-go-module.spdx.json",
      "spdx-examples/software/example7/spdx2.2/example7-golang.spdx.json",
      "spdx-examples/software/example7/spdx2.2/example7-third-party-modules.spdx.json",
      "spdx-examples/software/example8/spdx2.3/examplemaven-0.0.1.spdx.json",
      "spdx-examples/software/example9/spdx2.2/appbomination.spdx.json",
      "spdx-examples/software/example10/spdx2.3/hello-source.spdx.json",
      "spdx-examples/software/example11/spdx2.3/sbom.spdx.json",
      "spdx-examples/software/example12/spdx2.2/hello-dist.spdx.json",
      "spdx-examples/software/example12/spdx2.2/hello-src.spdx.json",
      "spdx-examples/software/example14/spdx2.3/examplemaven-0.0.1-enriched.spdx.json",
      "spdx-examples/presentations/OSS-NA-2023/SPDXVersion2.3/01-MinimalSBOM.json",
      "spdx-examples/presentations/OSS-NA-2023/SPDXVersion2.3/02-SBOMwSource.json",
      "spdx-examples/presentations/OSS-NA-2023/SPDXVersion2.3/03-SBOMwDependency.json",
      "spdx-examples/presentations/OSS-NA-2023/SPDXVersion2.3/04-SBOMwSecurity.json",
      "spdx-examples/presentations/OSS-NA-2023/SPDXVersion2.3/05-SBOMwSourceLicense.json",
      "spdx-examples/presentations/SBOMS-SPDX-Now-and-Future/ACME-v2.3.spdx.json",
  };
  std::size_t checked = 0, warnings = 0;
  for (const char* file : files) {
    const std::string bytes = ReadCorpus(file);
    auto parsed = Parse(bytes);
    ASSERT_TRUE(parsed.value) << file << Show(parsed.diagnostics);
    auto diagnostics = ValidateAgainstSpec(bytes, *parsed.value);
    EXPECT_TRUE(Errors(diagnostics).empty()) << file << Show(diagnostics);
    warnings += diagnostics.size();
    ++checked;
  }
  std::cout << "[validate] SPDX rules: " << checked << " official SPDX 2 examples, no errors, "
            << warnings << " warnings\n";
}

// The SPDX 3.0.1 examples of spdx/spdx-examples carry the basic required fields.
TEST(ValidateSpdx, Spdx3ExamplesHaveTheRequiredFields) {
  for (const char* file : {"spdx-examples/software/example10/spdx3.0/hello-source.spdx3.json",
                           "spdx-examples/software/example13/spdx3.0/example13.spdx3.json",
                           "spdx-examples/software/example8/spdx3.0/examplemaven-0.0.1.spdx3.json",
                           "spdx-examples/ai/example02/spdx3.0/sbom.spdx3.json"}) {
    auto diagnostics = ValidateSpdx3(ReadCorpus(file));
    EXPECT_TRUE(Errors(diagnostics).empty()) << file << Show(diagnostics);
  }
  auto missing = ValidateSpdx3(R"({"@context":"x","@graph":[{"type":"software_Package"}]})");
  EXPECT_FALSE(missing.empty());
}

const char* kJsonExample = "spdx-spec/support-2.3.1/examples/SPDXJSONExample-v2.3.spdx.json";

// One mutation of the official SPDX 2.3 JSON example yields exactly one error, at `location`,
// whose message contains `words`.
void ExpectOneError(const std::string& bytes, Format format, const std::string& location,
                    const std::string& words) {
  auto errors = Errors(ValidateSpdx2(bytes, format));
  ASSERT_EQ(errors.size(), 1u) << Show(errors);
  EXPECT_EQ(errors[0].location, location);
  EXPECT_NE(errors[0].message.find(words), std::string::npos) << errors[0].message;
}

nlohmann::json Example() { return nlohmann::json::parse(ReadCorpus(kJsonExample)); }

TEST(ValidateSpdx, MissingPackageName) {
  auto doc = Example();
  doc["packages"][0].erase("name");
  ExpectOneError(doc.dump(), Format::kSpdxJson, "/packages/0", "name is missing");
}

TEST(ValidateSpdx, DanglingRelationshipTarget) {
  auto doc = Example();
  doc["relationships"][1]["relatedSpdxElement"] = "SPDXRef-Nowhere";
  ExpectOneError(doc.dump(), Format::kSpdxJson, "/relationships/1/relatedSpdxElement",
                 "'SPDXRef-Nowhere' is not the SPDXID of any element");
}

TEST(ValidateSpdx, ChecksumOfTheWrongLength) {
  auto doc = Example();
  auto& checksums = doc["packages"][0]["checksums"];
  std::size_t sha1 = 0;
  while (sha1 < checksums.size() && checksums[sha1]["algorithm"] != "SHA1") ++sha1;
  ASSERT_LT(sha1, checksums.size());
  checksums[sha1]["checksumValue"] = "85ed0817af83a24ad8da68c2b5094de69833983";  // 39 digits
  ExpectOneError(doc.dump(), Format::kSpdxJson,
                 "/packages/0/checksums/" + std::to_string(sha1) + "/checksumValue",
                 "is not 40 hexadecimal digits");
}

TEST(ValidateSpdx, MalformedSpdxId) {
  // Renamed everywhere it is used, so that only its form is wrong.
  std::string bytes = Example().dump();
  const std::string id = "\"" + Example()["packages"][0]["SPDXID"].get<std::string>() + "\"";
  for (auto at = bytes.find(id); at != std::string::npos; at = bytes.find(id, at)) {
    bytes.replace(at, id.size(), "\"SPDXRef-bad_id\"");
  }
  ExpectOneError(bytes, Format::kSpdxJson, "/packages/0/SPDXID", "is not of the form");
}

TEST(ValidateSpdx, WrongDataLicense) {
  auto doc = Example();
  doc["dataLicense"] = "MIT";
  ExpectOneError(doc.dump(), Format::kSpdxJson, "/dataLicense", "must be CC0-1.0");
}

TEST(ValidateSpdx, MalformedLicenceExpression) {
  auto doc = Example();
  doc["packages"][0]["licenseConcluded"] = "MIT AND (";
  ExpectOneError(doc.dump(), Format::kSpdxJson, "/packages/0/licenseConcluded",
                 "is not a valid SPDX licence expression");
}

TEST(ValidateSpdx, UnknownLicenceIdIsAWarning) {
  auto doc = Example();
  doc["packages"][0]["licenseDeclared"] = "Apache-2";
  auto all = ValidateSpdx2(doc.dump(), Format::kSpdxJson);
  EXPECT_TRUE(Errors(all).empty()) << Show(all);
  bool warned = false;
  for (const auto& d : all) warned = warned || d.location == "/packages/0/licenseDeclared";
  EXPECT_TRUE(warned) << Show(all);
}

// Tag-value diagnostics name the line.
TEST(ValidateSpdx, TagValueLocationsAreLines) {
  std::string bytes = ReadCorpus("spdx-spec/support-2.3.1/examples/SPDXTagExample-v2.3.spdx");
  const std::string from = "DataLicense: CC0-1.0";
  const auto at = bytes.find(from);
  ASSERT_NE(at, std::string::npos);
  const auto line = 1 + std::count(bytes.begin(), bytes.begin() + at, '\n');
  bytes.replace(at, from.size(), "DataLicense: MIT");
  ExpectOneError(bytes, Format::kSpdxTagValue, "line " + std::to_string(line), "must be CC0-1.0");
}

}  // namespace
}  // namespace craft::sbom
