#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "corpus.h"
#include "sbom/parse.h"

namespace craft::sbom {
namespace {

using nlohmann::json;
using testing::Corpus;
using testing::ReadCorpus;
using testing::ReadFile;

std::string Errors(const Parsed<Document>& p) {
  std::string out;
  for (const auto& d : p.diagnostics) {
    if (d.severity == Diagnostic::Severity::kError) out += d.location + ": " + d.message + "\n";
  }
  return out;
}

using Triple = std::tuple<std::string, std::string, std::string>;

std::set<Triple> RelationshipSet(const Document& d) {
  std::set<Triple> out;
  for (const auto& r : d.relationships) out.emplace(r.from, r.type, r.to);
  return out;
}

std::set<std::string> Packages(const Document& d) {
  std::set<std::string> out;
  for (const auto& c : d.components) {
    std::string licences;
    for (const auto& l : c.declared_licenses) licences += "D:" + l.id + l.expression + ";";
    for (const auto& l : c.concluded_licenses) licences += "C:" + l.id + l.expression + ";";
    out.insert(c.ref + "|" + c.name + "|" + c.version + "|" + c.purl + "|" + c.cpe + "|" +
               licences + "|" + std::to_string(c.hashes.size()));
  }
  return out;
}

// Tag-value, counted independently: one package per "PackageName:" line, one relationship per
// "Relationship:" line.
std::size_t CountLines(const std::string& text, const std::string& prefix) {
  std::istringstream in(text);
  std::size_t n = 0;
  for (std::string line; std::getline(in, line);) n += line.rfind(prefix, 0) == 0 ? 1 : 0;
  return n;
}

// The official SPDX examples (spdx-spec development-v2.2.2 and support-2.3.1): the JSON and the
// tag-value serialisation of one example yield the same packages (ids, names, versions,
// identifiers, licences, checksums), the same relationships and the same primary package.
TEST(ParseSpdx, JsonAndTagValueOfTheOfficialExamplesAgree) {
  struct Pair {
    std::string json, tag_value, version;
  };
  for (const Pair& p :
       {Pair{"spdx-spec/development-v2.2.2/examples/SPDXJSONExample-v2.2.spdx.json",
             "spdx-spec/development-v2.2.2/examples/SPDXTagExample-v2.2.spdx", "2.2"},
        Pair{"spdx-spec/support-2.3.1/examples/SPDXJSONExample-v2.3.spdx.json",
             "spdx-spec/support-2.3.1/examples/SPDXTagExample-v2.3.spdx", "2.3"}}) {
    auto from_json = Parse(ReadCorpus(p.json));
    auto from_tv = Parse(ReadCorpus(p.tag_value));
    ASSERT_TRUE(from_json.value) << p.json << "\n" << Errors(from_json);
    ASSERT_TRUE(from_tv.value) << p.tag_value << "\n" << Errors(from_tv);
    EXPECT_FALSE(from_json.HasErrors()) << Errors(from_json);
    EXPECT_FALSE(from_tv.HasErrors()) << Errors(from_tv);
    EXPECT_EQ(from_json.value->format, Format::kSpdxJson);
    EXPECT_EQ(from_tv.value->format, Format::kSpdxTagValue);
    EXPECT_EQ(from_json.value->spec_version, p.version);
    EXPECT_EQ(from_tv.value->spec_version, p.version);
    EXPECT_EQ(Packages(*from_json.value), Packages(*from_tv.value)) << p.version;
    EXPECT_EQ(RelationshipSet(*from_json.value), RelationshipSet(*from_tv.value)) << p.version;
    EXPECT_EQ(from_json.value->serial_number, from_tv.value->serial_number);
    EXPECT_EQ(from_json.value->timestamp, from_tv.value->timestamp);
    ASSERT_NE(from_json.value->Primary(), nullptr);
    ASSERT_NE(from_tv.value->Primary(), nullptr);
    EXPECT_EQ(from_json.value->Primary()->ref, from_tv.value->Primary()->ref);
    // Independent counts of the same files.
    auto raw = json::parse(ReadCorpus(p.json));
    EXPECT_EQ(from_json.value->components.size(), raw["packages"].size());
    EXPECT_EQ(from_tv.value->components.size(),
              CountLines(ReadCorpus(p.tag_value), "PackageName:"));
  }
}

// Every SPDX 2.2 / 2.3 file of spdx/spdx-examples (JSON and tag-value, written by real build
// tools) reads without an error, with as many packages as an independent count finds and every
// relationship the file states.
TEST(ParseSpdx, ReadsEverySpdx2Example) {
  int files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(Corpus("spdx-examples"))) {
    const auto path = entry.path();
    const std::string name = path.filename().string();
    bool is_json = path.extension() == ".json" && name.find("spdx3") == std::string::npos &&
                   path.parent_path().filename() != "spdx3.0";
    bool is_tv = path.extension() == ".spdx";
    if (!is_json && !is_tv) continue;
    std::string bytes = ReadFile(path);
    if (is_json && json::parse(bytes, nullptr, false).value("spdxVersion", "").empty()) continue;
    auto parsed = Parse(bytes);
    ASSERT_TRUE(parsed.value) << path << "\n" << Errors(parsed);
    EXPECT_FALSE(parsed.HasErrors()) << path << "\n" << Errors(parsed);
    auto rels = RelationshipSet(*parsed.value);
    if (is_json) {
      auto raw = json::parse(bytes);
      EXPECT_EQ(parsed.value->components.size(), raw.value("packages", json::array()).size())
          << path;
      for (const auto& r : raw.value("relationships", json::array())) {
        EXPECT_TRUE(
            rels.contains({r["spdxElementId"], r["relationshipType"], r["relatedSpdxElement"]}))
            << path << " " << r.dump();
      }
    } else {
      EXPECT_EQ(parsed.value->components.size(), CountLines(bytes, "PackageName:")) << path;
      EXPECT_GE(parsed.value->relationships.size(),
                CountLines(bytes, "Relationship:") > 0 ? 1u : 0u);
    }
    ++files;
  }
  EXPECT_GT(files, 20);
  std::cout << "[parse] spdx-examples SPDX 2 files: " << files << "\n";
}

// Every SPDX 3.0 JSON-LD file of spdx-examples and of spdx-spec's develop branch: read without an
// error; packages (software_Package, ai_AIPackage, dataset_DatasetPackage elements of @graph),
// relationships (one per "to" of each Relationship element) and completeness statements (one per
// dependsOn relationship that states it) match an independent count.
TEST(ParseSpdx, ReadsEverySpdx3Example) {
  int files = 0;
  for (const char* root : {"spdx-examples", "spdx-spec/develop/examples/jsonld"}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(Corpus(root))) {
      if (entry.path().extension() != ".json") continue;
      std::string bytes = ReadFile(entry.path());
      json raw = json::parse(bytes, nullptr, false);
      if (raw.is_discarded() || !raw.contains("@graph")) continue;
      std::size_t packages = 0, relationships = 0, completeness = 0;
      for (const auto& e : raw["@graph"]) {
        std::string type = e.value("type", e.value("@type", ""));
        if (type == "software_Package" || type == "ai_AIPackage" ||
            type == "dataset_DatasetPackage") {
          ++packages;
        }
        if (e.contains("relationshipType")) relationships += e.value("to", json::array()).size();
        if (e.value("relationshipType", "") == "dependsOn" && e.contains("completeness")) {
          ++completeness;
        }
      }
      auto parsed = Parse(bytes);
      ASSERT_TRUE(parsed.value) << entry.path() << "\n" << Errors(parsed);
      EXPECT_FALSE(parsed.HasErrors()) << entry.path() << "\n" << Errors(parsed);
      EXPECT_EQ(parsed.value->format, Format::kSpdx3JsonLd);
      EXPECT_EQ(parsed.value->components.size(), packages) << entry.path();
      EXPECT_EQ(parsed.value->relationships.size(), relationships) << entry.path();
      EXPECT_EQ(parsed.value->compositions.size(), completeness) << entry.path();
      EXPECT_FALSE(parsed.value->spec_version.empty()) << entry.path();
      ++files;
    }
  }
  EXPECT_GT(files, 20);
  std::cout << "[parse] SPDX 3 JSON-LD files: " << files << "\n";
}

// SPDX 3 licences and identifiers: spdx-examples example8 (a Maven build) states declared and
// concluded licences through hasDeclaredLicense / hasConcludedLicense relationships to
// LicenseExpression elements, and package URLs in software_packageUrl.
TEST(ParseSpdx, Spdx3LicencesAndPurls) {
  const std::string path = "spdx-examples/software/example8/spdx3.0/examplemaven-0.0.1.spdx3.json";
  auto parsed = Parse(ReadCorpus(path));
  ASSERT_TRUE(parsed.value) << Errors(parsed);
  auto raw = json::parse(ReadCorpus(path));
  std::size_t declared_rels = 0, purls = 0;
  for (const auto& e : raw["@graph"]) {
    if (e.value("relationshipType", "") == "hasDeclaredLicense") declared_rels += e["to"].size();
    if (e.contains("software_packageUrl")) ++purls;
  }
  std::size_t declared = 0, with_purl = 0;
  for (const auto& c : parsed.value->components) {
    declared += c.declared_licenses.size();
    with_purl += c.purl.empty() ? 0 : 1;
  }
  EXPECT_GT(declared_rels, 0u);
  EXPECT_LE(declared, declared_rels);  // NoAssertionLicense targets carry no licence
  EXPECT_GT(declared, 0u);
  EXPECT_EQ(with_purl, purls);
}

// SPDX 2 fields: supplier and originator actors, checksums, the purl external reference and the
// DESCRIBES target as primary (spdx-spec support-2.3.1 SPDXJSONExample-v2.3.spdx.json, glibc).
TEST(ParseSpdx, ReadsPackageFields) {
  auto parsed =
      Parse(ReadCorpus("spdx-spec/support-2.3.1/examples/SPDXJSONExample-v2.3.spdx.json"));
  ASSERT_TRUE(parsed.value);
  const Component* glibc = parsed.value->Primary();
  ASSERT_NE(glibc, nullptr);
  EXPECT_EQ(glibc->name, "glibc");
  ASSERT_TRUE(glibc->supplier);
  EXPECT_EQ(glibc->supplier->name, "Jane Doe");  // "Person: Jane Doe (jane.doe@example.com)"
  EXPECT_EQ(glibc->supplier->emails, std::vector<std::string>{"jane.doe@example.com"});
  ASSERT_TRUE(glibc->manufacturer);
  EXPECT_EQ(glibc->manufacturer->name, "ExampleCodeInspect");
  EXPECT_EQ(glibc->hashes.size(), 4u);
  EXPECT_FALSE(glibc->cpe.empty());
  ASSERT_EQ(glibc->concluded_licenses.size(), 1u);
  EXPECT_EQ(glibc->concluded_licenses[0].expression, "(LGPL-2.0-only OR LicenseRef-3)");
  EXPECT_EQ(parsed.value->tools.size(), 1u);
  EXPECT_EQ(parsed.value->authors.size(), 2u);
}

}  // namespace
}  // namespace craft::sbom
