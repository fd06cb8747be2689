#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <string>

#include "corpus.h"
#include "sbom/parse.h"
#include "sbom/validate/cyclonedx_json_schema.h"
#include "sbom/validate/text_formats.h"

namespace craft::sbom {
namespace {

using testing::CorpusFiles;
using testing::ReadCorpus;
using testing::ReadFile;

std::string FirstError(const std::vector<Diagnostic>& errors) {
  return errors.empty() ? "" : errors[0].location + ": " + errors[0].message;
}

// The CycloneDX specification's JSON test suite, 1.4 to 1.7, against the JSON schemas craft embeds
// (from npm @cyclonedx/cyclonedx-library): every valid-*.json passes, every invalid-*.json is
// rejected by the schema with at least one error located by a JSON pointer. No skip list.
TEST(ValidateCycloneDxJson, ClassifiesTheSpecSuite) {
  int valid = 0, invalid = 0;
  for (std::string v : {"1.4", "1.5", "1.6", "1.7"}) {
    const std::string folder = "cyclonedx-spec/tools/src/test/resources/" + v;
    for (const auto& path : CorpusFiles(folder, "valid-", ".json")) {
      auto errors = ValidateCycloneDxJson(ReadFile(path), v);
      EXPECT_TRUE(errors.empty()) << path << ": " << FirstError(errors);
      ++valid;
    }
    for (const auto& path : CorpusFiles(folder, "invalid-", ".json")) {
      auto errors = ValidateCycloneDxJson(ReadFile(path), v);
      ASSERT_FALSE(errors.empty()) << path;
      EXPECT_EQ(errors[0].location.front(), '/') << path << ": " << FirstError(errors);
      EXPECT_FALSE(errors[0].message.empty()) << path;
      std::cout << "  " << path.filename().string() << ": " << FirstError(errors) << "\n";
      ++invalid;
    }
  }
  std::cout << "[validate] JSON schema: " << valid << " valid-*.json accepted, " << invalid
            << " invalid-*.json rejected\n";
}

// Every embedded schema compiles: no keyword it uses is left unchecked, every pattern is RE2.
TEST(ValidateCycloneDxJson, CompilesEverySchemaVersion) {
  for (std::string v : {"1.2", "1.3", "1.4", "1.5", "1.6", "1.7"}) {
    auto errors = ValidateCycloneDxJson(
        R"({"bomFormat":"CycloneDX","specVersion":")" + v + R"(","version":1})", v);
    EXPECT_TRUE(errors.empty()) << v << ": " << FirstError(errors);
  }
  auto unknown = ValidateCycloneDxJson(R"({"bomFormat":"CycloneDX"})", "9.9");
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_EQ(unknown[0].location, "/specVersion");
}

// A misspelt enum value is named with its JSON pointer and the values the spec allows.
TEST(ValidateCycloneDxJson, NamesTheValueAndWhatIsAllowed) {
  const std::string bom = R"({"bomFormat":"CycloneDX","specVersion":"1.6","version":1,
    "components":[{"type":"library","name":"a"},{"type":"library","name":"b"},
                  {"type":"library","name":"c"},{"type":"librar","name":"d"}]})";
  auto errors = ValidateCycloneDxJson(bom, "1.6");
  ASSERT_EQ(errors.size(), 1u) << FirstError(errors);
  EXPECT_EQ(errors[0].location, "/components/3/type");
  EXPECT_EQ(errors[0].message.rfind("'librar' is not one of application, framework, library", 0),
            0u)
      << errors[0].message;
}

// A failing oneOf reports the branch that came closest, not every branch: a licence with an
// unknown SPDX id fails the "licence" branch deep inside, not the "expression" branch at the top.
TEST(ValidateCycloneDxJson, ExplainsAFailingOneOfByItsClosestBranch) {
  const std::string bom = R"({"bomFormat":"CycloneDX","specVersion":"1.5","version":1,
    "components":[{"type":"library","name":"a","licenses":[{"license":{"id":"Apache-2"}}]}]})";
  auto errors = ValidateCycloneDxJson(bom, "1.5");
  ASSERT_EQ(errors.size(), 1u) << FirstError(errors);
  EXPECT_EQ(errors[0].location, "/components/0/licenses/0/license/id");
  EXPECT_NE(errors[0].message.find("'Apache-2'"), std::string::npos);
}

// When every form lacks one property, the message names them all (the spec suite's
// invalid-license-missing-id-and-name: a licence needs an id or a name).
TEST(ValidateCycloneDxJson, NamesEveryAlternativeOfAMissingProperty) {
  auto errors = ValidateCycloneDxJson(ReadCorpus("cyclonedx-spec/tools/src/test/resources/1.6/"
                                                 "invalid-license-missing-id-and-name-1.6.json"),
                                      "1.6");
  ASSERT_EQ(errors.size(), 1u) << FirstError(errors);
  EXPECT_EQ(errors[0].location, "/components/0/licenses/0/license");
  EXPECT_EQ(errors[0].message, "needs one of the properties 'id' or 'name'");
}

// Errors are capped: the first 100, then one that counts the rest.
TEST(ValidateCycloneDxJson, CapsTheErrors) {
  std::string bom = R"({"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"dependencies":[)";
  for (int i = 0; i < 250; ++i)
    bom += std::string(i ? "," : "") + R"({"dependsOn":["a)" + std::to_string(i) + R"("]})";
  bom += "]}";
  auto errors = ValidateCycloneDxJson(bom, "1.6");
  ASSERT_EQ(errors.size(), 101u);
  EXPECT_EQ(errors[0].location, "/dependencies/0");
  EXPECT_EQ(errors[100].message, "and 150 more schema errors");
}

double SecondsToValidate(const std::string& bom, std::vector<Diagnostic>& errors) {
  auto start = std::chrono::steady_clock::now();
  errors = ValidateCycloneDxJson(bom, "1.6");
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Linear time on hostile input (the bound is a hang guard, not a benchmark): a 5 MB string in a
// field checked by a pattern (RE2 does not backtrack) ...
TEST(ValidateCycloneDxJson, LongStringInAPatternFieldIsLinear) {
  const std::string bom = R"({"bomFormat":"CycloneDX","specVersion":"1.6","version":1,)"
                          R"("serialNumber":"urn:uuid:)" +
                          std::string(5 * 1024 * 1024, 'a') + R"("})";
  std::vector<Diagnostic> errors;
  EXPECT_LT(SecondsToValidate(bom, errors), 2.0);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].location, "/serialNumber");
}

// ... and 100,000 items under uniqueItems (hashed, not compared pairwise), with one duplicate.
TEST(ValidateCycloneDxJson, UniqueItemsIsLinear) {
  std::string bom = R"({"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[)";
  for (int i = 0; i < 100000; ++i) {
    bom += std::string(i ? "," : "") + R"({"type":"library","name":"c)" + std::to_string(i) +
           R"(","version":"1.0.0","purl":"pkg:npm/c)" + std::to_string(i) + R"(@1.0.0"})";
  }
  bom += R"(,{"type":"library","name":"c7","version":"1.0.0","purl":"pkg:npm/c7@1.0.0"}]})";
  std::vector<Diagnostic> errors;
  EXPECT_LT(SecondsToValidate(bom, errors), 2.0);
  ASSERT_EQ(errors.size(), 1u) << FirstError(errors);
  EXPECT_EQ(errors[0].location, "/components/100000");
  EXPECT_EQ(errors[0].message, "duplicates item 7; the items of this array must be unique");
}

// Items equal in every member but a nested list share the hash of their scalar members and are
// told apart by their whole hash: still linear, and each duplicate still names the first equal item
// (here in another member order).
TEST(ValidateCycloneDxJson, UniqueItemsDifferingOnlyInNestedLists) {
  std::string bom = R"({"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[)";
  for (int i = 0; i < 100000; ++i) {
    bom += std::string(i ? "," : "") + R"({"type":"library","name":"c","properties":[)" +
           R"({"name":"p","value":")" + std::to_string(i) + R"("}]})";
  }
  bom += R"(,{"properties":[{"value":"7","name":"p"}],"name":"c","type":"library"})";
  bom += R"(,{"type":"library","name":"c","properties":[{"name":"p","value":"3"}]}]})";
  std::vector<Diagnostic> errors;
  EXPECT_LT(SecondsToValidate(bom, errors), 2.0);
  ASSERT_EQ(errors.size(), 2u) << FirstError(errors);
  EXPECT_EQ(errors[0].location, "/components/100000");
  EXPECT_EQ(errors[0].message, "duplicates item 7; the items of this array must be unique");
  EXPECT_EQ(errors[1].location, "/components/100001");
  EXPECT_EQ(errors[1].message, "duplicates item 3; the items of this array must be unique");
}

// Short arrays (up to 8 items) are compared pairwise: each duplicate is reported at its index,
// naming the first equal item, as for long arrays; equal objects in another member order are equal.
TEST(ValidateCycloneDxJson, UniqueItemsOfShortArrays) {
  const std::string bom =
      R"({"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"dependencies":[)"
      R"({"ref":"a","dependsOn":["b","c","b","b","c"]},{"ref":"b","dependsOn":["c"]},)"
      R"({"ref":"c","dependsOn":[]}],"compositions":[{"aggregate":"complete",)"
      R"("dependencies":["a","b","c","d","e","f","g","a"]}]})";
  const auto errors = ValidateCycloneDxJson(bom, "1.6");
  ASSERT_EQ(errors.size(), 4u) << FirstError(errors);
  EXPECT_EQ(errors[0].location, "/dependencies/0/dependsOn/2");
  EXPECT_EQ(errors[0].message, "duplicates item 0; the items of this array must be unique");
  EXPECT_EQ(errors[1].location, "/dependencies/0/dependsOn/3");
  EXPECT_EQ(errors[1].message, "duplicates item 0; the items of this array must be unique");
  EXPECT_EQ(errors[2].location, "/dependencies/0/dependsOn/4");
  EXPECT_EQ(errors[2].message, "duplicates item 1; the items of this array must be unique");
  EXPECT_EQ(errors[3].location, "/compositions/0/dependencies/7");
  EXPECT_EQ(errors[3].message, "duplicates item 0; the items of this array must be unique");
}

// The `format`s the validator checks (json_schema.h says what each accepts).
TEST(ValidateCycloneDxJson, ChecksFormats) {
  using namespace json_schema;
  EXPECT_TRUE(IsDateTime("2020-02-29T23:59:60.5+01:00"));
  EXPECT_TRUE(IsDateTime("2024-05-01t12:00:00z"));
  EXPECT_FALSE(IsDateTime("2020-04-13"));            // the spec suite's invalid-metadata-timestamp
  EXPECT_FALSE(IsDateTime("2021-02-29T00:00:00Z"));  // no such day
  EXPECT_FALSE(IsDateTime("2024-05-01T24:00:00Z"));
  EXPECT_TRUE(IsDate("2024-02-29"));
  EXPECT_FALSE(IsDate("2024-13-01"));
  EXPECT_TRUE(IsIriReference("https://github.com/FasterXML/${project.artifactId}/issues"));
  EXPECT_TRUE(IsIriReference("../relative/path?q=1#frag"));
  EXPECT_TRUE(IsIriReference("https://例え.jp/パス"));
  EXPECT_FALSE(IsIriReference("https://example.com/a\tb"));
  EXPECT_FALSE(IsUri("https://example.com/a b"));
  EXPECT_FALSE(IsIriReference("1http://x"));
  EXPECT_FALSE(IsIriReference("https://example.com/%zz"));
  EXPECT_TRUE(IsUri("https://example.com/x"));
  EXPECT_FALSE(IsUri("/relative"));
  EXPECT_TRUE(IsEmail("jane.doe@example.com"));
  EXPECT_FALSE(IsEmail("jane.doe@"));
  EXPECT_FALSE(IsEmail("jane doe@example.com"));
}

// Real SBOMs written by CycloneDX tools (CycloneDX/bom-examples) are valid against their schema.
TEST(ValidateCycloneDxJson, AcceptsTheCycloneDxBomExamples) {
  int checked = 0;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(testing::Corpus("cyclonedx-bom-examples"))) {
    if (entry.path().extension() != ".json") continue;
    const std::string bytes = ReadFile(entry.path());
    auto parsed = Parse(bytes);
    if (!parsed.value || parsed.value->format != Format::kCycloneDxJson) continue;
    auto errors = ValidateCycloneDxJson(bytes, parsed.value->spec_version);
    EXPECT_TRUE(errors.empty()) << entry.path() << ": " << FirstError(errors);
    ++checked;
  }
  EXPECT_GT(checked, 20);
}

}  // namespace
}  // namespace craft::sbom
