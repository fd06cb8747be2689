#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <set>

#include "corpus.h"
#include "sbom/parse.h"

namespace craft::sbom {
namespace {

using nlohmann::json;
using testing::Corpus;
using testing::CorpusFiles;
using testing::ReadCorpus;
using testing::ReadFile;

std::string Errors(const Parsed<Document>& p) {
  std::string out;
  for (const auto& d : p.diagnostics) {
    if (d.severity == Diagnostic::Severity::kError) out += d.location + ": " + d.message + "\n";
  }
  return out;
}

// Components counted independently of craft's reader: nlohmann over the same bytes, nested
// components included, metadata.component excluded (the subject of the BOM, not one of its parts).
std::size_t CountComponents(const json& components) {
  std::size_t n = 0;
  if (!components.is_array()) return 0;
  for (const auto& c : components) n += 1 + CountComponents(c.value("components", json::array()));
  return n;
}

std::size_t IndependentCount(const json& bom) {
  std::size_t n = CountComponents(bom.value("components", json::array()));
  if (bom.contains("metadata") && bom["metadata"].contains("component")) {
    n += CountComponents(bom["metadata"]["component"].value("components", json::array()));
  }
  return n;
}

std::set<std::string> Refs(const Document& d) {
  std::set<std::string> refs;
  for (const auto& c : d.components)
    refs.insert(c.ref + "|" + c.name + "|" + c.version + "|" + c.purl);
  return refs;
}

// Every valid-* file of the CycloneDX specification's test suite, 1.4 to 1.7, JSON and XML
// (cyclonedx-spec/tools/src/test/resources/1.x): read without an error diagnostic, as the
// format and spec version of its folder.
TEST(ParseCycloneDx, ReadsEveryValidSpecFile) {
  int files = 0;
  for (std::string v : {"1.4", "1.5", "1.6", "1.7"}) {
    const std::string folder = "cyclonedx-spec/tools/src/test/resources/" + v;
    for (const std::string ext : {".json", ".xml"}) {
      for (const auto& path : CorpusFiles(folder, "valid-", ext)) {
        auto parsed = Parse(ReadFile(path));
        ++files;
        ASSERT_TRUE(parsed.value) << path << "\n" << Errors(parsed);
        EXPECT_FALSE(parsed.HasErrors()) << path << "\n" << Errors(parsed);
        EXPECT_EQ(parsed.value->spec_version, v) << path;
        EXPECT_EQ(parsed.value->format,
                  ext == ".json" ? Format::kCycloneDxJson : Format::kCycloneDxXml)
            << path;
      }
    }
  }
  std::cout << "[parse] CycloneDX spec valid-* files read: " << files << "\n";
}

// An independent count of an XML BOM's components, by XPath over the same bytes: every
// <component> in a <components> list of the <bom> or of another component (so neither tools,
// pedigree ancestors nor metadata's own component), nested ones included.
std::size_t IndependentXmlCount(const std::string& bytes) {
  pugi::xml_document xml;
  if (!xml.load_buffer(bytes.data(), bytes.size())) return 0;
  const char* query =
      "count(//*[local-name()='component'][parent::*[local-name()='components' and "
      "(parent::*[local-name()='bom'] or parent::*[local-name()='component'])]]"
      "[not(ancestor::*[local-name()='tools' or local-name()='pedigree'])])";
  return static_cast<std::size_t>(pugi::xpath_query(query).evaluate_number(xml));
}

// Every valid-* file of the spec suite, 1.4 to 1.7: components (nested ones flattened) number as
// many as an independent count of the same file finds: nlohmann for JSON, XPath for XML.
TEST(ParseCycloneDx, SpecSuiteCountsMatchAnIndependentCount) {
  int files = 0;
  for (std::string v : {"1.4", "1.5", "1.6", "1.7"}) {
    const std::string folder = "cyclonedx-spec/tools/src/test/resources/" + v;
    for (const auto& path : CorpusFiles(folder, "valid-", ".json")) {
      auto parsed = Parse(ReadFile(path));
      ASSERT_TRUE(parsed.value) << path;
      EXPECT_EQ(parsed.value->components.size(), IndependentCount(json::parse(ReadFile(path))))
          << path;
      ++files;
    }
    for (const auto& path : CorpusFiles(folder, "valid-", ".xml")) {
      auto bytes = ReadFile(path);
      auto parsed = Parse(bytes);
      ASSERT_TRUE(parsed.value) << path;
      EXPECT_EQ(parsed.value->components.size(), IndependentXmlCount(bytes)) << path;
      ++files;
    }
  }
  EXPECT_GT(files, 300);
}

// The real SBOMs of CycloneDX/bom-examples (every JSON file under SBOM/, OBOM/, HBOM/, CBOM/,
// SaaSBOM/, VEX/): component, dependency and vulnerability counts equal an independent count of
// the same file.
TEST(ParseCycloneDx, RealSbomCountsMatchAnIndependentCount) {
  int files = 0;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(Corpus("cyclonedx-bom-examples"))) {
    if (entry.path().extension() != ".json") continue;
    json bom = json::parse(ReadFile(entry.path()), nullptr, false);
    if (bom.is_discarded() || bom.value("bomFormat", "") != "CycloneDX") continue;
    auto parsed = Parse(ReadFile(entry.path()));
    ASSERT_TRUE(parsed.value) << entry.path() << "\n" << Errors(parsed);
    EXPECT_FALSE(parsed.HasErrors()) << entry.path() << "\n" << Errors(parsed);
    EXPECT_EQ(parsed.value->components.size(), IndependentCount(bom)) << entry.path();
    EXPECT_EQ(parsed.value->dependencies.size(), bom.value("dependencies", json::array()).size())
        << entry.path();
    EXPECT_EQ(parsed.value->vulnerabilities.size(),
              bom.value("vulnerabilities", json::array()).size())
        << entry.path();
    ++files;
  }
  EXPECT_GT(files, 50);
  std::cout << "[parse] bom-examples JSON files checked: " << files << "\n";
}

// keycloak-10.0.2: `jq '.components | length' bom.json` gives 903 and `jq '.dependencies |
// length'` 899; the XML twin holds the same components. Its metadata.component is
// keycloak-parent.
TEST(ParseCycloneDx, KeycloakJsonAndXml) {
  auto from_json = Parse(ReadCorpus("cyclonedx-bom-examples/SBOM/keycloak-10.0.2/bom.json"));
  auto from_xml = Parse(ReadCorpus("cyclonedx-bom-examples/SBOM/keycloak-10.0.2/bom.xml"));
  ASSERT_TRUE(from_json.value && from_xml.value);
  EXPECT_EQ(from_json.value->components.size(), 903u);
  EXPECT_EQ(from_json.value->dependencies.size(), 899u);
  EXPECT_EQ(Refs(*from_json.value), Refs(*from_xml.value));
  ASSERT_NE(from_json.value->Primary(), nullptr);
  EXPECT_EQ(from_json.value->Primary()->name, "keycloak-parent");
  EXPECT_EQ(from_xml.value->Primary()->name, "keycloak-parent");
  // bom-examples' keycloak is CycloneDX 1.2: read, with a warning that craft supports 1.4+.
  EXPECT_EQ(from_json.value->spec_version, "1.2");
  EXPECT_FALSE(from_json.diagnostics.empty());
}

// The other XML files of bom-examples agree with their JSON twins (same folder, same version).
TEST(ParseCycloneDx, RealXmlAgreesWithItsJsonTwin) {
  int pairs = 0;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(Corpus("cyclonedx-bom-examples"))) {
    if (entry.path().extension() != ".xml") continue;
    auto twin = entry.path();
    twin.replace_extension(".json");
    if (!std::filesystem::exists(twin)) continue;
    auto from_xml = Parse(ReadFile(entry.path()));
    auto from_json = Parse(ReadFile(twin));
    ASSERT_TRUE(from_xml.value) << entry.path() << "\n" << Errors(from_xml);
    ASSERT_TRUE(from_json.value) << twin;
    EXPECT_EQ(from_xml.value->components.size(), from_json.value->components.size())
        << entry.path();
    EXPECT_EQ(from_xml.value->dependencies.size(), from_json.value->dependencies.size())
        << entry.path();
    ++pairs;
  }
  EXPECT_GT(pairs, 10);
}

// Fields land where the model says, per the spec suite's valid-component-*-1.6 files and
// valid-license-declared-concluded-mix-1.7.json (acknowledgement: declared / concluded).
TEST(ParseCycloneDx, ReadsComponentFields) {
  const std::string folder = "cyclonedx-spec/tools/src/test/resources/1.6/";
  auto hashes = Parse(ReadCorpus(folder + "valid-component-hashes-1.6.json"));
  ASSERT_TRUE(hashes.value);
  auto raw = json::parse(ReadCorpus(folder + "valid-component-hashes-1.6.json"));
  ASSERT_FALSE(hashes.value->components.empty());
  EXPECT_EQ(hashes.value->components[0].hashes.size(), raw["components"][0]["hashes"].size());
  EXPECT_EQ(hashes.value->components[0].hashes[0].value,
            raw["components"][0]["hashes"][0]["content"].get<std::string>());

  auto ids = Parse(ReadCorpus(folder + "valid-component-identifiers-1.6.json"));
  auto raw_ids = json::parse(ReadCorpus(folder + "valid-component-identifiers-1.6.json"));
  ASSERT_TRUE(ids.value);
  EXPECT_EQ(ids.value->components[0].purl, raw_ids["components"][0]["purl"].get<std::string>());
  EXPECT_EQ(ids.value->components[0].cpe, raw_ids["components"][0]["cpe"].get<std::string>());

  auto swid = Parse(ReadCorpus(folder + "valid-component-swid-1.6.xml"));
  ASSERT_TRUE(swid.value);
  ASSERT_FALSE(swid.value->components.empty());
  EXPECT_FALSE(swid.value->components[0].swid_tag_id.empty());

  auto mix = Parse(ReadCorpus(
      "cyclonedx-spec/tools/src/test/resources/1.7/valid-license-declared-concluded-mix-1.7.json"));
  ASSERT_TRUE(mix.value);
  std::size_t declared = 0, concluded = 0;
  for (const auto& c : mix.value->components) {
    declared += c.declared_licenses.size();
    concluded += c.concluded_licenses.size();
  }
  EXPECT_GT(declared, 0u);
  EXPECT_GT(concluded, 0u);
}

// Nested components are flattened with their parent kept (valid-assembly-1.6.json nests them).
TEST(ParseCycloneDx, FlattensNestedComponentsKeepingTheParent) {
  auto parsed =
      Parse(ReadCorpus("cyclonedx-spec/tools/src/test/resources/1.6/valid-assembly-1.6.json"));
  ASSERT_TRUE(parsed.value);
  const auto& components = parsed.value->components;
  std::size_t nested = 0;
  for (std::size_t i = 0; i < components.size(); ++i) {
    if (!components[i].parent) continue;
    ++nested;
    EXPECT_LT(*components[i].parent, i) << "a parent comes before its children";
  }
  EXPECT_GT(nested, 0u);
}

// Embedded vulnerabilities with their VEX analysis (bom-examples VEX/CISA-Use-Cases/Case-1
// vex-not_affected.json: state not_affected, with a justification).
TEST(ParseCycloneDx, ReadsVexAnalysis) {
  const std::string path = "cyclonedx-bom-examples/VEX/CISA-Use-Cases/Case-1/vex-not_affected.json";
  auto parsed = Parse(ReadCorpus(path));
  auto raw = json::parse(ReadCorpus(path));
  ASSERT_TRUE(parsed.value);
  ASSERT_EQ(parsed.value->vulnerabilities.size(), 1u);
  const auto& v = parsed.value->vulnerabilities[0];
  EXPECT_EQ(v.id, raw["vulnerabilities"][0]["id"].get<std::string>());
  EXPECT_EQ(v.analysis_state, raw["vulnerabilities"][0]["analysis"]["state"].get<std::string>());
  EXPECT_EQ(v.analysis_state, "not_affected");
  EXPECT_FALSE(v.affects.empty());
}

}  // namespace
}  // namespace craft::sbom
