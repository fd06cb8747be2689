// manifest.json against CRA.md "The export", issue 5, and its published JSON Schema
// (docs/manifest-v1.1.schema.json, checked with valijson).
#include "export/manifest.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/digest.h"
#include "core/readiness.h"
#include "test_support.h"

namespace craft::exporting {
namespace {

using nlohmann::json;

std::vector<ManifestEntry> EntriesOf(const TechnicalFile& f, const TechnicalFileLayout& layout) {
  std::vector<ManifestEntry> entries = {{"technical-file.pdf", 3, core::Sha256Hex("pdf")}};
  for (const auto& p : layout.documents) {
    const auto& d = f.documents[p.index].document;
    if (!p.path.empty()) entries.push_back({p.path, d.size, d.sha256});
  }
  return entries;
}

std::string Render(const TechnicalFile& f, bool include_sboms = true,
                   std::optional<std::string> key = std::nullopt) {
  const auto layout = PlanTechnicalFile(f, include_sboms);
  return RenderManifest(f, layout, EntriesOf(f, layout), key);
}

class Manifest : public ::testing::Test {
 protected:
  fixture::SampleBytes bytes_;
  TechnicalFile file_ = fixture::SampleTechnicalFile(bytes_);
};

TEST_F(Manifest, SampleValidatesAgainstThePublishedSchema) {
  const std::string text = Render(file_, true, std::string(64, 'a'));
  const auto errors = fixture::ManifestSchemaErrors(text);
  EXPECT_TRUE(errors.empty()) << ::testing::PrintToString(errors);
}

TEST_F(Manifest, SchemaRejectsAManifestMissingAKeyOrWithAWrongFormat) {
  json m = json::parse(Render(file_));
  json without = m;
  without.erase("retention");
  EXPECT_FALSE(fixture::ManifestSchemaErrors(without.dump()).empty());
  json wrong_format = m;
  wrong_format["export_format"] = "craft Technical File v1.0";
  EXPECT_FALSE(fixture::ManifestSchemaErrors(wrong_format.dump()).empty());
  json bad_hash = m;
  bad_hash["entries"][0]["sha256"] = "ABC";
  EXPECT_FALSE(fixture::ManifestSchemaErrors(bad_hash.dump()).empty());
  json escaping = m;
  escaping["entries"][0]["path"] = "documents/../../etc/passwd";
  EXPECT_FALSE(fixture::ManifestSchemaErrors(escaping.dump()).empty());
  json ready_with_missing = m;
  ready_with_missing["cra_status"]["status"] = "ready";
  ready_with_missing["cra_status"]["missing_items"] =
      json::array({{{"key", "x"},
                    {"label", ""},
                    {"source", ""},
                    {"fix", {{"method", ""}, {"path", ""}, {"field", ""}, {"ui", ""}}}}});
  EXPECT_FALSE(fixture::ManifestSchemaErrors(ready_with_missing.dump()).empty());
}

TEST_F(Manifest, CarriesEveryKeyOfTheContractInOrder) {
  const json m = json::parse(Render(file_));
  const std::vector<std::string> keys = {"export_format",
                                         "exported_at",
                                         "cra_annex_vii_version",
                                         "manufacturer",
                                         "product",
                                         "version",
                                         "cra_status",
                                         "harmonised_standards_applied",
                                         "conformity_assessment",
                                         "ce_marking",
                                         "support_period",
                                         "retention",
                                         "vulnerability_handling",
                                         "vulnerability_status",
                                         "sboms",
                                         "sbom_components",
                                         "documents",
                                         "signature",
                                         "entries"};
  const auto ordered = nlohmann::ordered_json::parse(Render(file_));
  std::vector<std::string> actual;
  for (const auto& [key, value] : ordered.items()) actual.push_back(key);
  EXPECT_EQ(actual, keys);
  EXPECT_EQ(m["export_format"], "craft Technical File v1.1");
  EXPECT_EQ(m["exported_at"], "2026-05-28T20:26:40Z");
  EXPECT_EQ(m["manufacturer"]["name"], "Müller Gerätebau GmbH & Co. KG");
  EXPECT_EQ(m["manufacturer"]["vulnerability_contact_point"], "security@mueller.example");
  EXPECT_EQ(m["product"]["name"], "Müller Zähler-Gerät Ω");
  EXPECT_EQ(m["product"]["category"], "important_class_i");
  EXPECT_EQ(m["version"]["version"], "2.4.1");
  EXPECT_EQ(m["conformity_assessment"]["module"], "B+C");
  EXPECT_EQ(m["ce_marking"]["date"], "2026-02-01");
  EXPECT_EQ(m["harmonised_standards_applied"]["standards"][0]["reference"], "EN 18031-1:2024");
}

TEST_F(Manifest, CraStatusIsTheReadinessVerdict) {
  json m = json::parse(Render(file_));
  EXPECT_EQ(m["cra_status"]["status"], file_.readiness.ready ? "ready" : "incomplete");
  EXPECT_DOUBLE_EQ(m["cra_status"]["quality_score"].get<double>(), 86.5);
  file_.organisation.legal_name.clear();
  file_.version.release_date.reset();
  std::vector<core::DocumentType> types;  // no documents at all
  file_.readiness = core::AssessReadiness({file_.organisation,
                                           file_.product,
                                           file_.version,
                                           types,
                                           core::DateOf(file_.exported_at),
                                           0,
                                           std::nullopt,
                                           {}});
  m = json::parse(Render(file_));
  EXPECT_EQ(m["cra_status"]["status"], "incomplete");
  std::vector<std::string> keys;
  for (const auto& item : m["cra_status"]["missing_items"]) keys.push_back(item["key"]);
  std::vector<std::string> expected;
  for (const auto& item : file_.readiness.missing_items) expected.push_back(item.key);
  EXPECT_EQ(keys, expected);
  EXPECT_NE(std::find(keys.begin(), keys.end(), "risk_assessment document"), keys.end());
  EXPECT_TRUE(fixture::ManifestSchemaErrors(m.dump()).empty());
}

TEST_F(Manifest, RetentionDatesComeFromTheVersion) {
  file_.version.last_placed_on_market = core::ParseDate("2027-06-30");
  file_.retention = core::AssessRetention(file_.version, core::DateOf(file_.exported_at));
  const json m = json::parse(Render(file_));
  EXPECT_EQ(m["retention"]["first_placed_on_market"], "2026-02-01");
  EXPECT_EQ(m["retention"]["last_placed_on_market"], "2027-06-30");
  EXPECT_EQ(m["retention"]["retain_until"], "2037-06-30");  // + 10 years beats end of support
}

TEST_F(Manifest, VulnerabilityStatusCountsAndListsTheAcceptedFindings) {
  const json m = json::parse(Render(file_));
  const json& v = m["vulnerability_status"];
  std::map<std::string, int> by_severity;
  int kev = 0;
  std::vector<std::string> accepted;
  for (const Finding& f : file_.findings) {
    ++by_severity[std::string(ToString(f.severity))];
    kev += f.kev;
    const bool ok = f.status == TriageStatus::kNotAffected ||
                    f.status == TriageStatus::kFalsePositive ||
                    (f.status == TriageStatus::kAffected && !f.response.empty());
    if (ok) accepted.push_back(f.id);
  }
  for (const auto& [severity, count] : by_severity) EXPECT_EQ(v["by_severity"][severity], count);
  EXPECT_EQ(v["total"], file_.findings.size());
  EXPECT_EQ(v["kev"], kev);
  ASSERT_EQ(v["accepted"].size(), accepted.size());
  for (std::size_t i = 0; i < accepted.size(); ++i) {
    EXPECT_EQ(v["accepted"][i]["id"], accepted[i]);
    if (v["accepted"][i]["status"] == "not_affected") {
      EXPECT_EQ(v["accepted"][i]["justification"], "vulnerable_code_not_present");
    }
  }
  EXPECT_EQ(v["assessed_at"], "2026-05-28T19:26:40Z");
}

TEST_F(Manifest, DocumentsAndSbomsCarryPathTypeSizeHashAndAvailability) {
  json m = json::parse(Render(file_));
  ASSERT_EQ(m["documents"].size(), file_.documents.size());
  for (const auto& d : m["documents"]) {
    EXPECT_TRUE(d["content_available"].get<bool>());
    EXPECT_EQ(
        d["path"].get<std::string>().rfind("documents/" + d["type"].get<std::string>() + "/", 0),
        0u);
    EXPECT_TRUE(core::IsSha256Hex(d["sha256"].get<std::string>()));
  }
  EXPECT_EQ(m["sboms"][0]["path"], "sboms/bom.cdx.json");
  EXPECT_EQ(m["sboms"][0]["sha256"], core::Sha256Hex(bytes_.sbom));
  EXPECT_EQ(m["sboms"][0]["size"], bytes_.sbom.size());
  EXPECT_EQ(m["sboms"][0]["summary"]["components"], 25);
  m = json::parse(Render(file_, /*include_sboms=*/false));
  EXPECT_FALSE(m["sboms"][0]["content_available"].get<bool>());
  EXPECT_TRUE(m["sboms"][0]["path"].is_null());
  EXPECT_FALSE(m["sbom_components"]["content_available"].get<bool>());
  EXPECT_TRUE(fixture::ManifestSchemaErrors(m.dump()).empty());
}

TEST_F(Manifest, ABareVersionStillValidates) {
  TechnicalFile bare;
  bare.product.name = "Bare";
  bare.version.version = "0.1";
  bare.exported_at = 1780000000;
  bare.readiness = core::AssessReadiness({bare.organisation,
                                          bare.product,
                                          bare.version,
                                          {},
                                          core::DateOf(bare.exported_at),
                                          0,
                                          std::nullopt,
                                          {}});
  const std::string text = Render(bare);
  const auto errors = fixture::ManifestSchemaErrors(text);
  EXPECT_TRUE(errors.empty()) << ::testing::PrintToString(errors) << text;
  EXPECT_TRUE(json::parse(text)["cra_status"]["quality_score"].is_null());
}

TEST_F(Manifest, InvalidUtf8IsReplacedNotThrown) {
  file_.documents[0].document.title = std::string("bad \xff\xfe title");
  std::string text;
  ASSERT_NO_THROW(text = Render(file_));
  EXPECT_NE(text.find("bad \xEF\xBF\xBD"), std::string::npos);
}

TEST_F(Manifest, SameInputGivesTheSameBytes) { EXPECT_EQ(Render(file_), Render(file_)); }

TEST_F(Manifest, IndexReadsBackEntriesListedFilesAndKey) {
  const std::string key = core::Sha256Hex("key");
  std::string error;
  const auto index = ReadManifestIndex(Render(file_, true, key), error);
  ASSERT_TRUE(index) << error;
  EXPECT_EQ(index->export_format, kExportFormat);
  EXPECT_EQ(index->entries.size(), 1 + file_.documents.size());
  EXPECT_EQ(index->signing_key, key);
  EXPECT_EQ(index->listed_files.size(), file_.documents.size() + file_.sboms.size());
}

TEST_F(Manifest, IndexRefusesGarbageWithoutThrowing) {
  for (const std::string bad :
       {"", "[]", "{", "{\"entries\":{}}", "{\"entries\":[{\"path\":1,\"sha256\":\"x\"}]}",
        "{\"entries\":[{\"path\":\"a\",\"sha256\":\"abc\"}]}", "{\"entries\":[7]}"}) {
    std::string error;
    EXPECT_FALSE(ReadManifestIndex(bad, error)) << bad;
    EXPECT_FALSE(error.empty()) << bad;
  }
  std::string error;
  const auto odd = ReadManifestIndex(
      "{\"entries\":[],\"documents\":[{\"content_available\":\"yes\",\"path\":1}],"
      "\"signature\":[]}",
      error);
  ASSERT_TRUE(odd);
  EXPECT_TRUE(odd->listed_files.empty());
}

TEST(ComponentList, ListsEveryComponentWithNullsForEmptyFields) {
  std::vector<NormalisedComponent> components = {{"openssl",
                                                  "3.0.13",
                                                  "library",
                                                  "pkg:deb/debian/openssl@3.0.13",
                                                  "",
                                                  {"Apache-2.0"},
                                                  {{"SHA-256", std::string(64, 'a')}},
                                                  "OpenSSL Foundation"},
                                                 {"zlib", "", "library", "", "", {}, {}, ""}};
  const json list = json::parse(RenderComponentList(components));
  EXPECT_EQ(list["count"], 2);
  EXPECT_EQ(list["components"][0]["purl"], "pkg:deb/debian/openssl@3.0.13");
  EXPECT_EQ(list["components"][0]["hashes"][0]["algorithm"], "SHA-256");
  EXPECT_TRUE(list["components"][1]["version"].is_null());
  EXPECT_TRUE(list["components"][1]["cpe"].is_null());
}

}  // namespace
}  // namespace craft::exporting
