// OpenVEX 0.2.0 reading and writing (src/vuln/vex/openvex.h). Expectations come from the raw JSON
// of the shared OpenVEX fixtures (counted here with nlohmann, independently of the reader), from
// the OpenVEX JSON schema (corpora/vuln/vex/openvex-spec/openvex_json_schema.json, a draft 2020-12
// schema that only uses keywords valijson's draft 7 parser knows: $defs are reached by JSON
// pointer, if/then, anyOf) and from docs/vex-mapping.md.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
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
#include "vuln/vex/openvex.h"

namespace craft::vuln::vex {
namespace {

namespace fs = std::filesystem;

// Every JSON file under corpora/vuln/vex whose @context is the OpenVEX 0.2.0 namespace.
std::vector<fs::path> OpenVexFixtures() {
  std::vector<fs::path> out;
  for (const auto& e : fs::recursive_directory_iterator(fs::path(CRAFT_CORPORA) / "vuln/vex")) {
    if (!e.is_regular_file() || e.path().extension() != ".json") continue;
    auto j = nlohmann::json::parse(craft::testing::ReadText(e.path()), nullptr, false);
    if (j.is_object() && j.value("@context", "") == "https://openvex.dev/ns/v0.2.0") {
      out.push_back(e.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> OpenVexSchemaErrors(const std::string& document) {
  static const nlohmann::json schema_json = nlohmann::json::parse(craft::testing::ReadText(
      fs::path(CRAFT_CORPORA) / "vuln/vex/openvex-spec/openvex_json_schema.json"));
  valijson::Schema schema;
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  valijson::adapters::NlohmannJsonAdapter schema_adapter(schema_json);
  parser.populateSchema(schema_adapter, schema);
  return craft::testing::SchemaErrors(schema, document);
}

// Every OpenVEX fixture (grype's test data) reads with one statement per raw `statements[]` entry
// and one product per raw product plus one per subcomponent; names and statuses as in the file;
// and the fixtures themselves validate against the schema (so the validator set-up is sound),
// except the one noted below.
TEST(VexOpenVex, EveryFixtureReadsAllStatements) {
  auto fixtures = OpenVexFixtures();
  ASSERT_GE(fixtures.size(), 7u);  // 9 files when this was written
  for (const auto& path : fixtures) {
    SCOPED_TRACE(path.string());
    std::string bytes = craft::testing::ReadText(path);
    auto raw = nlohmann::json::parse(bytes);
    // grype's affected.openvex.json has an affected statement without the action_statement the
    // schema requires (checked by hand in the file): the one fixture that is not schema-valid.
    bool known_invalid = path.filename() == "affected.openvex.json";
    auto fixture_errors = OpenVexSchemaErrors(bytes);
    EXPECT_EQ(fixture_errors.empty(), !known_invalid)
        << (fixture_errors.empty() ? "" : fixture_errors[0]);
    ReadResult r = ReadOpenVex(bytes);
    ASSERT_TRUE(r.ok);
    EXPECT_TRUE(r.diagnostics.empty()) << r.diagnostics[0].pointer << r.diagnostics[0].message;
    ASSERT_EQ(r.statements.size(), raw["statements"].size());
    for (std::size_t i = 0; i < r.statements.size(); ++i) {
      const auto& st = raw["statements"][i];
      EXPECT_EQ(r.statements[i].vulnerability, st["vulnerability"]["name"].get<std::string>());
      EXPECT_EQ(ToString(r.statements[i].status), st["status"].get<std::string>());
      std::size_t products = 0;
      for (const auto& p : st.value("products", nlohmann::json::array())) {
        products += 1 + p.value("subcomponents", nlohmann::json::array()).size();
      }
      EXPECT_EQ(r.statements[i].products.size(), products);
    }
  }
}

// grype's openvex-demo1.json: CVE-2023-1255 fixed in two apk subcomponents of an alpine OCI
// image (values read off the file).
TEST(VexOpenVex, SubcomponentsKeepTheirProduct) {
  ReadResult r = ReadOpenVex(craft::testing::ReadText(
      fs::path(CRAFT_CORPORA) / "vuln/vex/grype/grype/vex/testdata/vex-docs/openvex-demo1.json"));
  ASSERT_EQ(r.statements.size(), 1u);
  const Statement& s = r.statements[0];
  EXPECT_EQ(s.status, Status::kFixed);
  ASSERT_EQ(s.products.size(), 3u);
  EXPECT_EQ(s.products[1].purl, "pkg:apk/alpine/libssl3@3.0.8-r3");
  EXPECT_EQ(s.products[1].within, s.products[0].purl);
  EXPECT_EQ(s.author, "The OpenVEX Project <openvex@openssf.org>");
}

// Read -> write -> read keeps every statement (name, status, justification, products with their
// nesting, impact and action statements), and every written document validates against the
// OpenVEX schema.
TEST(VexOpenVex, RoundTripKeepsStatementsAndValidates) {
  for (const auto& path : OpenVexFixtures()) {
    SCOPED_TRACE(path.string());
    ReadResult first = ReadOpenVex(craft::testing::ReadText(path));
    std::string written = WriteOpenVex(first.statements, {});
    auto errors = OpenVexSchemaErrors(written);
    EXPECT_TRUE(errors.empty()) << (errors.empty() ? "" : errors.front());
    ReadResult second = ReadOpenVex(written);
    ASSERT_EQ(second.statements.size(), first.statements.size());
    for (std::size_t i = 0; i < first.statements.size(); ++i) {
      const Statement& a = first.statements[i];
      const Statement& b = second.statements[i];
      EXPECT_EQ(b.vulnerability, a.vulnerability);
      EXPECT_EQ(b.status, a.status);
      EXPECT_EQ(b.justification, a.justification);
      EXPECT_EQ(b.aliases, a.aliases);
      if (!a.impact_statement.empty()) {
        EXPECT_EQ(b.impact_statement, a.impact_statement);
      }
      if (!a.action_statement.empty()) {
        EXPECT_EQ(b.action_statement, a.action_statement);
      }
      ASSERT_EQ(b.products.size(), a.products.size());
      for (std::size_t p = 0; p < a.products.size(); ++p) {
        EXPECT_EQ(b.products[p].purl, a.products[p].purl);
        EXPECT_EQ(b.products[p].within, a.products[p].within);
      }
    }
  }
}

// CycloneDX -> OpenVEX: every statement of every CycloneDX fixture is written as a schema-valid
// OpenVEX statement with the docs/vex-mapping.md translation (false_positive -> not_affected;
// nine justifications -> five); reading it back gives the same number of statements.
TEST(VexOpenVex, CycloneDxFixturesExportValid) {
  for (const auto& e : fs::recursive_directory_iterator(fs::path(CRAFT_CORPORA) /
                                                        "vuln/vex/cyclonedx-bom-examples")) {
    if (!e.is_regular_file() || e.path().filename() != "vex.json") continue;
    SCOPED_TRACE(e.path().string());
    ReadResult cdx = ReadCycloneDx(craft::testing::ReadText(e.path()));
    ASSERT_FALSE(cdx.statements.empty());
    std::string written = WriteOpenVex(
        cdx.statements, {"https://example.com/vex/1", "Example", "2026-01-01T00:00:00Z", 1});
    auto errors = OpenVexSchemaErrors(written);
    EXPECT_TRUE(errors.empty()) << (errors.empty() ? "" : errors.front());
    ReadResult back = ReadOpenVex(written);
    ASSERT_EQ(back.statements.size(), cdx.statements.size());
    for (std::size_t i = 0; i < cdx.statements.size(); ++i) {
      EXPECT_EQ(back.statements[i].status, ToFourStatuses(cdx.statements[i].status));
      EXPECT_EQ(back.statements[i].justification, ExportJustification(cdx.statements[i]));
    }
  }
}

// Malformed input gives diagnostics with JSON pointers, never throws; the validator rejects an
// affected statement without an action statement (the schema's if/then), so it does check.
TEST(VexOpenVex, MalformedInputGivesDiagnostics) {
  EXPECT_FALSE(ReadOpenVex("nope").ok);
  EXPECT_FALSE(ReadOpenVex(R"({"statements":{}})").ok);
  EXPECT_FALSE(ReadOpenVex(std::string(200, '{')).ok);
  ReadResult r = ReadOpenVex(R"({"statements":[
    {"vulnerability":{"name":"CVE-1"},"status":"exploitable"},
    {"vulnerability":{},"status":"fixed"},
    {"vulnerability":{"name":"CVE-3"},"status":"not_affected","justification":"because",
     "products":[{"@id":"pkg:npm/a@1"},{}]},
    {"vulnerability":{"name":"CVE-4"},"status":"false_positive"},
    "x"]})");
  ASSERT_TRUE(r.ok);
  ASSERT_EQ(r.statements.size(), 1u);
  EXPECT_EQ(r.statements[0].vulnerability, "CVE-3");
  EXPECT_FALSE(r.statements[0].justification);
  std::vector<std::string> pointers;
  for (const auto& d : r.diagnostics) pointers.push_back(d.pointer);
  for (std::string expected :
       {"/statements/0/status", "/statements/1/vulnerability", "/statements/2/justification",
        "/statements/2/products/1", "/statements/3/status", "/statements/4"}) {
    EXPECT_NE(std::find(pointers.begin(), pointers.end(), expected), pointers.end()) << expected;
  }
  auto bad =
      nlohmann::json::parse(WriteOpenVex(r.statements, {"x", "a", "2026-01-01T00:00:00Z", 1}));
  bad["statements"][0]["status"] = "affected";
  bad["statements"][0].erase("justification");
  EXPECT_FALSE(OpenVexSchemaErrors(bad.dump()).empty());
}

}  // namespace
}  // namespace craft::vuln::vex
