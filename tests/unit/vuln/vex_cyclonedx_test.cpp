// CycloneDX VEX reading and writing (src/vuln/vex/cyclonedx.h). Expectations come from the raw
// JSON of the shared fixtures (counted here with nlohmann, independently of the reader), from the
// CycloneDX 1.6 schema (corpora/schemas/bom-1.6.schema.json, validated with valijson) and from the
// mapping tables of docs/vex-mapping.md.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>
#include <vector>

#include "../json_schema_check.h"
#include "vuln/vex/cyclonedx.h"
#include "vuln/vex/mapping.h"

namespace craft::vuln::vex {
namespace {

namespace fs = std::filesystem;

// Every CycloneDX JSON file under corpora/vuln/vex with a "vulnerabilities" array.
std::vector<fs::path> CycloneDxFixtures() {
  std::vector<fs::path> out;
  fs::path root = fs::path(CRAFT_CORPORA) / "vuln/vex";
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (!e.is_regular_file() || e.path().extension() != ".json") continue;
    auto j = nlohmann::json::parse(craft::testing::ReadText(e.path()), nullptr, false);
    if (j.is_object() && j.value("bomFormat", "") == "CycloneDX" && j.contains("vulnerabilities")) {
      out.push_back(e.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Schema errors of `document` against CycloneDX 1.6, resolving the schema's two external refs
// (spdx.schema.json, jsf-0.82.schema.json) from the same folder.
std::vector<std::string> CycloneDx16Errors(const std::string& document) {
  static const fs::path dir = fs::path(CRAFT_CORPORA) / "schemas";
  static const nlohmann::json schema_json =
      nlohmann::json::parse(craft::testing::ReadText(dir / "bom-1.6.schema.json"));
  static std::map<std::string, nlohmann::json> external;
  valijson::Schema schema;
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  valijson::adapters::NlohmannJsonAdapter schema_adapter(schema_json);
  auto fetch = [](const std::string& uri) -> const nlohmann::json* {
    std::string file = fs::path(uri).filename().string();
    auto it = external.find(file);
    if (it == external.end()) {
      auto parsed = nlohmann::json::parse(craft::testing::ReadText(dir / file), nullptr, false);
      if (parsed.is_discarded()) parsed = nlohmann::json::object();  // e.g. spdx enum not stored
      it = external.emplace(file, std::move(parsed)).first;
    }
    return &it->second;
  };
  auto release = [](const nlohmann::json*) {};
  parser.populateSchema(schema_adapter, schema, fetch, release);
  return craft::testing::SchemaErrors(schema, document);
}

// The statements the raw JSON holds: vulnerabilities with an analysis whose state is one of the
// six of CycloneDX 1.6 (cyclonedx.h), and their affects refs.
struct Expected {
  std::size_t statements = 0;
  std::size_t products = 0;
};
Expected CountRaw(const nlohmann::json& doc) {
  Expected e;
  for (const auto& v : doc["vulnerabilities"]) {
    if (!v.contains("analysis") || !v["analysis"].contains("state")) continue;
    if (!ParseCdxState(v["analysis"]["state"].get<std::string>())) continue;
    ++e.statements;
    if (v.contains("affects")) e.products += v["affects"].size();
  }
  return e;
}

// Every CycloneDX VEX fixture in the corpora (bom-examples VEX use cases, CISA use cases, the
// spec's valid-vulnerability tests) reads with exactly the statements and affected refs its raw
// JSON holds, and state / justification agree with the raw values.
TEST(VexCycloneDx, EveryFixtureReadsAllStatements) {
  auto fixtures = CycloneDxFixtures();
  ASSERT_GE(fixtures.size(), 25u);  // 29 files with "vulnerabilities" when this was written
  std::size_t total = 0;
  for (const auto& path : fixtures) {
    SCOPED_TRACE(path.string());
    std::string bytes = craft::testing::ReadText(path);
    auto raw = nlohmann::json::parse(bytes);
    Expected expected = CountRaw(raw);
    ReadResult r = ReadCycloneDx(bytes);
    ASSERT_TRUE(r.ok);
    ASSERT_EQ(r.statements.size(), expected.statements);
    std::size_t products = 0;
    std::size_t k = 0;
    for (const auto& v : raw["vulnerabilities"]) {
      if (!v.contains("analysis")) continue;
      const Statement& s = r.statements[k++];
      EXPECT_EQ(s.vulnerability, v["id"].get<std::string>());
      EXPECT_EQ(ToString(*s.cdx_state), v["analysis"]["state"].get<std::string>());
      if (v["analysis"].contains("justification")) {
        EXPECT_EQ(ToString(*s.cdx_justification),
                  v["analysis"]["justification"].get<std::string>());
      }
      products += s.products.size();
    }
    EXPECT_EQ(products, expected.products);
    total += r.statements.size();
  }
  EXPECT_GT(total, 100u);
}

// The spec's valid-vulnerability-1.6.json: state not_affected, justification code_not_reachable
// (-> vulnerable_code_not_in_execute_path), responses will_not_fix and update, the affects ref is
// a PURL, and the dates come from analysis.firstIssued / lastUpdated (values from the file).
TEST(VexCycloneDx, SpecExampleFields) {
  ReadResult r = ReadCycloneDx(craft::testing::ReadText(
      fs::path(CRAFT_CORPORA) /
      "vuln/vex/cyclonedx-spec/tools/src/test/resources/1.6/valid-vulnerability-1.6.json"));
  ASSERT_TRUE(r.ok);
  ASSERT_EQ(r.statements.size(), 1u);
  const Statement& s = r.statements[0];
  EXPECT_EQ(s.status, Status::kNotAffected);
  EXPECT_EQ(s.justification, Justification::kVulnerableCodeNotInExecutePath);
  EXPECT_EQ(s.responses, (std::vector<Response>{Response::kWillNotFix, Response::kUpdate}));
  ASSERT_EQ(s.products.size(), 1u);
  EXPECT_EQ(s.products[0].purl, "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.4");
  EXPECT_EQ(s.first_issued, "2022-01-01T00:00:00.000Z");
  EXPECT_EQ(s.last_updated, "2022-02-01T00:00:00.000Z");
}

// Read -> write (CycloneDX 1.6) -> read keeps every statement of every fixture with the same id,
// state, justification, responses, detail and affected refs; every written BOM validates against
// bom-1.6.schema.json.
TEST(VexCycloneDx, RoundTripKeepsStatementsAndValidates) {
  for (const auto& path : CycloneDxFixtures()) {
    SCOPED_TRACE(path.string());
    ReadResult first = ReadCycloneDx(craft::testing::ReadText(path));
    std::string written = WriteCycloneDx(first.statements, {"", "2026-01-01T00:00:00Z"});
    auto errors = CycloneDx16Errors(written);
    EXPECT_TRUE(errors.empty()) << (errors.empty() ? "" : errors.front());
    ReadResult second = ReadCycloneDx(written);
    ASSERT_TRUE(second.ok);
    ASSERT_EQ(second.statements.size(), first.statements.size());
    for (std::size_t i = 0; i < first.statements.size(); ++i) {
      const Statement& a = first.statements[i];
      const Statement& b = second.statements[i];
      EXPECT_EQ(b.vulnerability, a.vulnerability);
      EXPECT_EQ(b.cdx_state, a.cdx_state);
      EXPECT_EQ(b.status, a.status);
      EXPECT_EQ(b.cdx_justification, a.cdx_justification);
      EXPECT_EQ(b.responses, a.responses);
      EXPECT_EQ(b.detail, a.detail);
      EXPECT_EQ(b.aliases, a.aliases);
      ASSERT_EQ(b.products.size(), a.products.size());
      for (std::size_t p = 0; p < a.products.size(); ++p) {
        EXPECT_EQ(b.products[p].bom_ref, a.products[p].bom_ref);
        EXPECT_EQ(b.products[p].purl, a.products[p].purl);
      }
    }
  }
}

// Statements made in craft's own vocabulary (no CycloneDX originals) are written with the
// docs/vex-mapping.md translation and the BOM is schema-valid: false_positive -> false_positive,
// inline_mitigations_already_exist -> protected_by_mitigating_control.
TEST(VexCycloneDx, WritesCraftStatements) {
  Statement s;
  s.vulnerability = "CVE-2021-44228";
  s.aliases = {"GHSA-jfh8-c2jp-5v3q"};
  s.products.resize(1);
  s.products[0].purl = "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1";
  s.status = Status::kNotAffected;
  s.justification = Justification::kInlineMitigationsAlreadyExist;
  s.impact_statement = "JNDI lookups are disabled.";
  s.author = "Example AB";
  Statement fp = s;
  fp.status = Status::kFalsePositive;
  fp.justification.reset();
  std::string written = WriteCycloneDx({s, fp});
  auto errors = CycloneDx16Errors(written);
  EXPECT_TRUE(errors.empty()) << (errors.empty() ? "" : errors.front());
  auto doc = nlohmann::json::parse(written);
  EXPECT_EQ(doc["vulnerabilities"][0]["analysis"]["justification"],
            "protected_by_mitigating_control");
  EXPECT_EQ(doc["vulnerabilities"][0]["analysis"]["detail"], "JNDI lookups are disabled.");
  EXPECT_EQ(doc["vulnerabilities"][1]["analysis"]["state"], "false_positive");
  EXPECT_EQ(doc["components"].size(), 1u);
  // The validator does reject: a state outside the schema's enum is an error.
  doc["vulnerabilities"][0]["analysis"]["state"] = "exploited";
  EXPECT_FALSE(CycloneDx16Errors(doc.dump()).empty());
  ReadResult back = ReadCycloneDx(written);
  ASSERT_EQ(back.statements.size(), 2u);
  EXPECT_EQ(back.statements[0].justification, Justification::kInlineMitigationsAlreadyExist);
  EXPECT_EQ(back.statements[0].author, "Example AB");
  EXPECT_EQ(back.statements[1].status, Status::kFalsePositive);
}

// Malformed input: not JSON, not CycloneDX, too deep, wrong types and unknown vocabulary give
// diagnostics with JSON pointers and never throw; good statements next to bad ones survive.
TEST(VexCycloneDx, MalformedInputGivesDiagnostics) {
  EXPECT_FALSE(ReadCycloneDx("{").ok);
  EXPECT_FALSE(ReadCycloneDx("").ok);
  EXPECT_FALSE(ReadCycloneDx(R"({"bomFormat":"SPDX"})").ok);
  EXPECT_FALSE(ReadCycloneDx(std::string(100, '[') + std::string(100, ']')).ok);
  ReadResult r = ReadCycloneDx(R"({"bomFormat":"CycloneDX","vulnerabilities":[
    {"id":"CVE-1","analysis":{"state":"exploited"},"affects":[{"ref":"a"}]},
    {"id":"CVE-2","analysis":{"state":"not_affected","justification":"nope","response":["x",1]},
     "affects":[{"ref":"a"},{"nope":1}]},
    {"analysis":{"state":"in_triage"}},
    {"id":"CVE-4","analysis":"x"},
    {"id":"CVE-5"},
    7]})");
  ASSERT_TRUE(r.ok);
  ASSERT_EQ(r.statements.size(), 1u);
  EXPECT_EQ(r.statements[0].vulnerability, "CVE-2");
  EXPECT_FALSE(r.statements[0].cdx_justification);
  std::vector<std::string> pointers;
  for (const auto& d : r.diagnostics) pointers.push_back(d.pointer);
  for (std::string expected :
       {"/vulnerabilities/0/analysis/state", "/vulnerabilities/1/analysis/justification",
        "/vulnerabilities/1/analysis/response/0", "/vulnerabilities/1/analysis/response/1",
        "/vulnerabilities/1/affects/1", "/vulnerabilities/2/id", "/vulnerabilities/3/analysis",
        "/vulnerabilities/5"}) {
    EXPECT_NE(std::find(pointers.begin(), pointers.end(), expected), pointers.end()) << expected;
  }
  ReadResult wrong = ReadCycloneDx(R"({"bomFormat":"CycloneDX","vulnerabilities":{}})");
  EXPECT_TRUE(wrong.ok);
  ASSERT_EQ(wrong.diagnostics.size(), 1u);
  EXPECT_EQ(wrong.diagnostics[0].pointer, "/vulnerabilities");
}

}  // namespace
}  // namespace craft::vuln::vex
