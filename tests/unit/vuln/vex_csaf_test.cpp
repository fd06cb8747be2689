// CSAF 2.0 VEX reading and writing (src/vuln/vex/csaf.h). Expectations come from the raw JSON of
// the shared CSAF fixtures (counted here with nlohmann, independently of the reader), from the
// CSAF 2.0 JSON schema (corpora/vuln/vex/csaf-2.0/csaf_2.0/json_schema/csaf_json_schema.json,
// validated with valijson; its three CVSS sub-schemas are remote https://www.first.org URLs not in
// the corpora, so `scores` are not checked: craft writes none) and from docs/vex-mapping.md.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>
#include <vector>

#include "../json_schema_check.h"
#include "vuln/vex/csaf.h"
#include "vuln/vex/cyclonedx.h"
#include "vuln/vex/mapping.h"
#include "vuln/vex/openvex.h"

namespace craft::vuln::vex {
namespace {

namespace fs = std::filesystem;

// Every JSON file under corpora/vuln (vex/ and csaf/) with document.csaf_version "2.0".
std::vector<fs::path> CsafFixtures() {
  std::vector<fs::path> out;
  for (const auto& e : fs::recursive_directory_iterator(fs::path(CRAFT_CORPORA) / "vuln")) {
    if (!e.is_regular_file() || e.path().extension() != ".json") continue;
    if (e.path().string().find("/osv/") != std::string::npos) continue;
    auto j = nlohmann::json::parse(craft::testing::ReadText(e.path()), nullptr, false);
    if (j.is_object() && j.contains("document") && j["document"].is_object() &&
        j["document"].value("csaf_version", "") == "2.0") {
      out.push_back(e.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> CsafSchemaErrors(const std::string& document) {
  static const nlohmann::json schema_json = nlohmann::json::parse(craft::testing::ReadText(
      fs::path(CRAFT_CORPORA) / "vuln/vex/csaf-2.0/csaf_2.0/json_schema/csaf_json_schema.json"));
  // Stand-ins for the remote CVSS schemas: only what tells v3.0 from v3.1 (the CSAF schema's
  // cvss_v3 is a oneOf of the two), so the CVSS objects themselves are not checked.
  static const nlohmann::json anything = nlohmann::json::object();
  static const nlohmann::json v30 = {{"properties", {{"version", {{"const", "3.0"}}}}}};
  static const nlohmann::json v31 = {{"properties", {{"version", {{"const", "3.1"}}}}}};
  valijson::Schema schema;
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  valijson::adapters::NlohmannJsonAdapter schema_adapter(schema_json);
  auto fetch = [](const std::string& uri) -> const nlohmann::json* {
    if (uri.find("cvss-v3.0") != std::string::npos) return &v30;
    if (uri.find("cvss-v3.1") != std::string::npos) return &v31;
    return &anything;
  };
  auto release = [](const nlohmann::json*) {};
  parser.populateSchema(schema_adapter, schema, fetch, release);
  return craft::testing::SchemaErrors(schema, document);
}

// (vulnerability, product id, craft status) for every product id in the raw product_status lists
// that carry a VEX status (csaf.h: `recommended` is not one).
std::multiset<std::tuple<std::string, std::string, std::string>> RawTriples(
    const nlohmann::json& doc) {
  static const std::map<std::string, std::string> kLists = {
      {"first_affected", "affected"},
      {"known_affected", "affected"},
      {"last_affected", "affected"},
      {"first_fixed", "fixed"},
      {"fixed", "fixed"},
      {"known_not_affected", "not_affected"},
      {"under_investigation", "under_investigation"}};
  std::multiset<std::tuple<std::string, std::string, std::string>> out;
  for (const auto& v : doc.value("vulnerabilities", nlohmann::json::array())) {
    std::string id =
        v.contains("cve") ? v["cve"].get<std::string>() : v["ids"][0]["text"].get<std::string>();
    for (const auto& [list, status] : kLists) {
      if (!v.contains("product_status") || !v["product_status"].contains(list)) continue;
      for (const auto& pid : v["product_status"][list]) out.insert({id, pid, status});
    }
  }
  return out;
}

std::multiset<std::tuple<std::string, std::string, std::string>> ReadTriples(const ReadResult& r) {
  std::multiset<std::tuple<std::string, std::string, std::string>> out;
  for (const auto& s : r.statements) {
    out.insert({s.vulnerability, s.products.at(0).id, std::string(ToString(s.status))});
  }
  return out;
}

// Every CSAF 2.0 fixture (the 11 OASIS csaf_vex examples, the 6 other OASIS examples, the 5 Red
// Hat advisories, grype's CSAF test data) reads with exactly one statement per product id in its
// raw product_status lists, with the same vulnerability and status; every fixture validates
// against the CSAF schema (so the validator set-up is sound).
TEST(VexCsaf, EveryFixtureReadsAllStatements) {
  auto fixtures = CsafFixtures();
  ASSERT_GE(fixtures.size(), 20u);
  std::size_t total = 0;
  for (const auto& path : fixtures) {
    SCOPED_TRACE(path.string());
    std::string bytes = craft::testing::ReadText(path);
    auto errors = CsafSchemaErrors(bytes);
    EXPECT_TRUE(errors.empty()) << (errors.empty() ? "" : errors[0]);
    ReadResult r = ReadCsaf(bytes);
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(ReadTriples(r), RawTriples(nlohmann::json::parse(bytes)));
    total += r.statements.size();
  }
  EXPECT_GT(total, 20u);
}

// OASIS 2022-evd-uc-01-na-001.json: CVE-2021-44228 known_not_affected in CSAFPID-0001 "Example
// Company ABC 4.2" with the impact "Class with vulnerable code was removed before shipping." and
// publisher "Example Company ProductCERT" (values read off the file).
TEST(VexCsaf, NotAffectedExampleFields) {
  ReadResult r =
      ReadCsaf(craft::testing::ReadText(fs::path(CRAFT_CORPORA) /
                                        "vuln/vex/csaf-2.0/csaf_2.0/examples/csaf/csaf_vex/"
                                        "2022-evd-uc-01-na-001.json"));
  ASSERT_EQ(r.statements.size(), 1u);
  const Statement& s = r.statements[0];
  EXPECT_EQ(s.vulnerability, "CVE-2021-44228");
  EXPECT_EQ(s.status, Status::kNotAffected);
  EXPECT_EQ(s.products[0].name, "Example Company ABC 4.2");
  EXPECT_EQ(s.impact_statement, "Class with vulnerable code was removed before shipping.");
  EXPECT_EQ(s.author, "Example Company ProductCERT");
  EXPECT_EQ(s.timestamp, "2022-03-03T11:00:00.000Z");
}

// Read -> write -> read keeps every distinct (vulnerability, product name, status, justification)
// of every fixture; every written document validates against the CSAF schema.
TEST(VexCsaf, RoundTripKeepsStatementsAndValidates) {
  for (const auto& path : CsafFixtures()) {
    SCOPED_TRACE(path.string());
    ReadResult first = ReadCsaf(craft::testing::ReadText(path));
    std::string written = WriteCsaf(first.statements, {});
    auto errors = CsafSchemaErrors(written);
    EXPECT_TRUE(errors.empty()) << (errors.empty() ? "" : errors.front());
    ReadResult second = ReadCsaf(written);
    // A product listed twice with the same status (bsi-2022-0001.json: CSAFPID-0006 under both
    // first_fixed and fixed) is written once, so the comparison is of distinct statements.
    auto key = [](const ReadResult& r) {
      std::set<std::tuple<std::string, std::string, std::string, std::string>> out;
      for (const auto& s : r.statements) {
        out.insert({s.vulnerability, s.products[0].name, std::string(ToString(s.status)),
                    s.justification ? std::string(ToString(*s.justification)) : ""});
      }
      return out;
    };
    EXPECT_EQ(key(second), key(first));
  }
}

// docs/vex-mapping.md "craft status -> OpenVEX / CSAF status": a false positive is written as
// known_not_affected with the component_not_present flag and an impact starting "False positive.";
// in OpenVEX as not_affected, component_not_present, status_notes "False positive. <detail>".
TEST(VexCsaf, FalsePositiveExport) {
  Statement s;
  s.vulnerability = "CVE-2024-0001";
  s.status = Status::kFalsePositive;
  s.detail = "Matched by name only.";
  s.products.resize(1);
  s.products[0].purl = "pkg:npm/left-pad@1.0.0";
  auto csaf = nlohmann::json::parse(
      WriteCsaf({s}, {"x-1", "t", "p", "https://example.com", "2026-01-01T00:00:00Z"}));
  EXPECT_TRUE(CsafSchemaErrors(csaf.dump()).empty());
  const auto& v = csaf["vulnerabilities"][0];
  EXPECT_EQ(v["product_status"]["known_not_affected"][0], "CSAFPID-1");
  EXPECT_EQ(v["flags"][0]["label"], "component_not_present");
  EXPECT_EQ(v["threats"][0]["details"], "False positive. Matched by name only.");
  auto openvex = nlohmann::json::parse(WriteOpenVex({s}, {"x", "a", "2026-01-01T00:00:00Z", 1}));
  const auto& st = openvex["statements"][0];
  EXPECT_EQ(st["status"], "not_affected");
  EXPECT_EQ(st["justification"], "component_not_present");
  EXPECT_EQ(st["status_notes"], "False positive. Matched by name only.");
  EXPECT_EQ(ReadCsaf(csaf.dump()).statements.at(0).status, Status::kNotAffected);
}

// CycloneDX and OpenVEX fixtures exported as CSAF validate against the schema and keep one
// statement per (statement, product) with the docs/vex-mapping.md status.
TEST(VexCsaf, OtherFormatsExportValid) {
  std::vector<fs::path> files = {
      "vuln/vex/cyclonedx-bom-examples/VEX/CISA-Use-Cases/Case-2/vex.json",
      "vuln/vex/cyclonedx-spec/tools/src/test/resources/1.6/valid-vulnerability-1.6.json",
      "vuln/vex/grype/grype/vex/testdata/vex-docs/openvex-demo1.json"};
  for (const auto& f : files) {
    SCOPED_TRACE(f.string());
    std::string bytes = craft::testing::ReadText(fs::path(CRAFT_CORPORA) / f);
    ReadResult in =
        f.string().find("openvex") != std::string::npos ? ReadOpenVex(bytes) : ReadCycloneDx(bytes);
    ASSERT_FALSE(in.statements.empty());
    std::string written =
        WriteCsaf(in.statements, {"x-1", "t", "p", "https://example.com", "2026-01-01T00:00:00Z"});
    auto errors = CsafSchemaErrors(written);
    EXPECT_TRUE(errors.empty()) << (errors.empty() ? "" : errors.front());
    std::size_t expected = 0;
    for (const auto& s : in.statements) expected += s.products.size();
    EXPECT_EQ(ReadCsaf(written).statements.size(), expected);
  }
}

// Malformed input gives diagnostics with JSON pointers and never throws; the validator rejects a
// document without a publisher, so it does check.
TEST(VexCsaf, MalformedInputGivesDiagnostics) {
  EXPECT_FALSE(ReadCsaf("[").ok);
  EXPECT_FALSE(ReadCsaf(R"({"statements":[]})").ok);
  ReadResult r = ReadCsaf(R"({"document":{},"product_tree":{"full_product_names":[
      {"name":"A","product_id":"P1"}]},"vulnerabilities":[
    {"cve":"CVE-1","product_status":{"known_affected":["P1",3,"P9"]},
     "flags":[{"label":"nope","product_ids":["P1"]}]},
    {"product_status":{"fixed":["P1"]}},
    {"cve":"CVE-3","product_status":[]},
    5]})");
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.statements.size(), 2u);  // P1 and the unknown P9 of CVE-1
  std::vector<std::string> pointers;
  for (const auto& d : r.diagnostics) pointers.push_back(d.pointer);
  for (std::string expected :
       {"/vulnerabilities/0/product_status/known_affected/1",
        "/vulnerabilities/0/product_status/known_affected/2", "/vulnerabilities/0/flags/0/label",
        "/vulnerabilities/1/cve", "/vulnerabilities/2/product_status", "/vulnerabilities/3"}) {
    EXPECT_NE(std::find(pointers.begin(), pointers.end(), expected), pointers.end()) << expected;
  }
  auto doc = nlohmann::json::parse(
      WriteCsaf(r.statements, {"x-1", "t", "p", "https://example.com", "2026-01-01T00:00:00Z"}));
  auto errors = CsafSchemaErrors(doc.dump());
  EXPECT_TRUE(errors.empty()) << (errors.empty() ? "" : errors[0]);
  doc["document"].erase("publisher");
  EXPECT_FALSE(CsafSchemaErrors(doc.dump()).empty());
}

}  // namespace
}  // namespace craft::vuln::vex
