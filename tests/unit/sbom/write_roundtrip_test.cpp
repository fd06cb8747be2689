// Round trips through the writers on every real SBOM of the corpora that craft reads: parse ->
// write CycloneDX 1.6 / SPDX 2.3 -> validate against the official schema -> parse -> compare.
// Expectations: the CycloneDX 1.6 JSON schema (npm @cyclonedx/cyclonedx-library) and the SPDX 2.3
// JSON schema (corpora/schemas), and the mapping documented in src/sbom/write/write.h.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include "../json_schema_check.h"
#include "corpus.h"
#include "sbom/license/expression.h"
#include "sbom/parse.h"
#include "sbom/write/mapping.h"
#include "sbom/write/write.h"

namespace craft::sbom::testing {

// Schema errors of a document (empty when valid), for the tests of the writers and of merge.
std::vector<std::string> SchemaErrors(const std::string& json, bool cyclonedx);

namespace {

namespace fs = std::filesystem;

class JsonSchema {
 public:
  explicit JsonSchema(const fs::path& file) : folder_(file.parent_path()) {
    const nlohmann::json root = Load(file.filename().string());
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    valijson::adapters::NlohmannJsonAdapter adapter(root);
    parser.populateSchema(
        adapter, schema_,
        [this](const std::string& uri) { return new nlohmann::json(Load(Strip(uri))); },
        [](const nlohmann::json* doc) { delete doc; });
  }

  std::vector<std::string> Errors(const std::string& text) const {
    return craft::testing::SchemaErrors(schema_, text);
  }

 private:
  static std::string Strip(const std::string& uri) {
    auto slash = uri.rfind('/');
    return slash == std::string::npos ? uri : uri.substr(slash + 1);
  }
  nlohmann::json Load(const std::string& name) const {
    return nlohmann::json::parse(ReadFile(folder_ / name));
  }

  fs::path folder_;
  valijson::Schema schema_;
};

}  // namespace

std::vector<std::string> SchemaErrors(const std::string& json, bool cyclonedx) {
  static const JsonSchema kCycloneDx(fs::path(CRAFT_NPM_MODULES) /
                                     "@cyclonedx/cyclonedx-library/res/schema/"
                                     "bom-1.6.SNAPSHOT.schema.json");
  static const JsonSchema kSpdx(Corpus("schemas/spdx-2.3.schema.json"));
  return (cyclonedx ? kCycloneDx : kSpdx).Errors(json);
}

namespace {

// Every file below these folders that sbom::Parse reads (a value, possibly with warnings): JSON,
// XML, tag-value (.spdx, .tv) and SPDX 3 JSON-LD; licences, READMEs and checksums are not SBOMs.
std::vector<std::string> CorpusSboms() {
  // (folder, file name prefix): of the CycloneDX specification's test files only the valid ones,
  // whose content the schema accepts (the invalid ones the parser reads are schema violations
  // such as duplicate components, which no writer should reproduce).
  static const std::pair<const char*, const char*> kFolders[] = {
      {"cyclonedx-bom-examples", ""},
      {"spdx-examples", ""},
      {"spdx-spec", ""},
      {"sbom-scorecard", ""},
      {"sbomqs/samples", ""},
      {"sbomqs/spdx3", ""},
      {"sbomqs/testdata/sboms", ""},
      {"ntia-conformance-checker/tests/data", ""},
      {"cyclonedx-spec/tools/src/test/resources", "valid-"}};
  std::vector<std::string> out;
  for (const auto& [folder, prefix] : kFolders) {
    std::error_code ec;
    for (const auto& e : fs::recursive_directory_iterator(Corpus(folder), ec)) {
      if (!e.is_regular_file() || !e.path().filename().string().starts_with(prefix)) continue;
      const std::string bytes = ReadFile(e.path());
      if (Parse(bytes).value) out.push_back(fs::relative(e.path(), Corpus("")).string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Components in a comparable order: the primary first, then the others in document order.
std::vector<const Component*> AllComponents(const Document& doc) {
  std::vector<const Component*> out;
  const bool listed = doc.primary_component && *doc.primary_component < doc.components.size();
  if (listed) {
    out.push_back(&doc.components[*doc.primary_component]);
  } else if (doc.metadata_component) {
    out.push_back(&*doc.metadata_component);
  }
  for (std::size_t i = 0; i < doc.components.size(); ++i) {
    if (!listed || i != *doc.primary_component) out.push_back(&doc.components[i]);
  }
  return out;
}

// The hashes the target can hold, in its own algorithm names; what is not here is the exact loss.
std::set<std::pair<std::string, std::string>> Hashes(const Component& c, bool cyclonedx) {
  std::set<std::pair<std::string, std::string>> out;
  for (const auto& h : c.hashes) {
    const std::string alg = cyclonedx ? write::CycloneDxHashAlgorithm(h.algorithm)
                                      : write::SpdxHashAlgorithm(h.algorithm);
    if (alg.empty() || h.value.empty()) continue;
    if (cyclonedx && !write::IsCycloneDxHashContent(h.value)) continue;
    out.emplace(alg, h.value);
  }
  return out;
}

std::string LicenseText(const License& l) {
  return !l.id.empty() ? l.id : !l.name.empty() ? l.name : l.expression;
}

// CycloneDX keeps each licence statement: its text (a listed id canonically spelled) and whether
// it is concluded.
std::multiset<std::string> CycloneDxLicenses(const Component& c) {
  std::multiset<std::string> out;
  for (const auto* list : {&c.declared_licenses, &c.concluded_licenses}) {
    for (const auto& l : *list) {
      const std::string text = LicenseText(l);
      if (text.empty()) continue;
      out.insert((list == &c.concluded_licenses ? "concluded:" : "declared:") +
                 write::ListedLicenseId(text).value_or(text));
    }
  }
  return out;
}

// SPDX joins the statements of each kind into one expression: compare the licences it names
// (a free-text name becomes a LicenseRef- of its characters).
std::set<std::string> SpdxLicenseTerms(const std::vector<License>& licenses) {
  std::set<std::string> out;
  for (const auto& l : licenses) {
    const std::string text = LicenseText(l);
    const LicenseExpression e = ParseLicenseExpression(text);
    const bool usable = l.name.empty() ? e.root != nullptr : e.Valid();
    if (text.empty()) continue;
    if (!usable) {
      out.insert("LicenseRef-" + write::SpdxIdCharacters(text));
      continue;
    }
    for (const auto& t : e.terms)
      out.insert(t.id + (t.or_later ? "+" : "") +
                 (t.exception.empty() ? "" : " WITH " + t.exception));
  }
  return out;
}

// Dependency edges between components, as positions in AllComponents (first component of a ref).
// `lost` counts the edges naming something that is not a component (files, services).
std::set<std::pair<std::size_t, std::size_t>> ComponentEdges(const Document& doc,
                                                             std::size_t* lost = nullptr) {
  std::map<std::string, std::size_t> index;
  const auto all = AllComponents(doc);
  for (std::size_t i = 0; i < all.size(); ++i) index.emplace(all[i]->ref, i);
  std::set<std::pair<std::size_t, std::size_t>> out;
  for (const auto& d : doc.dependencies) {
    for (const auto& t : d.depends_on) {
      auto from = index.find(d.ref), to = index.find(t);
      if (from != index.end() && to != index.end() && !d.ref.empty() && !t.empty()) {
        out.emplace(from->second, to->second);
      } else if (lost) {
        ++*lost;
      }
    }
  }
  return out;
}

std::set<std::pair<std::string, std::string>> RefEdges(const Document& doc) {
  std::set<std::pair<std::string, std::string>> out;
  for (const auto& d : doc.dependencies) {
    for (const auto& t : d.depends_on) {
      if (!d.ref.empty() && !t.empty()) out.emplace(d.ref, t);
    }
  }
  return out;
}

// (aggregate, ref) pairs; CycloneDX merges the compositions of one aggregate into one.
std::set<std::pair<std::string, std::string>> Compositions(const Document& doc) {
  std::set<std::pair<std::string, std::string>> out;
  for (const auto& c : doc.compositions) {
    if (c.aggregate.empty()) continue;
    const std::string aggregate = write::CycloneDxAggregate(c.aggregate);
    out.emplace(aggregate, "");
    for (const auto& r : c.assemblies) out.emplace(aggregate, "assembly " + r);
    for (const auto& r : c.dependencies) out.emplace(aggregate, "dependency " + r);
  }
  return out;
}

std::string SupplierName(const Component& c) { return c.supplier ? c.supplier->name : ""; }

class WriteRoundTrip : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    bytes_ = ReadFile(Corpus(GetParam()));
    auto parsed = Parse(bytes_);
    ASSERT_TRUE(parsed.value);
    original_ = std::move(*parsed.value);
  }

  // Writes, checks the schema and determinism, and reads the output back.
  Document Through(bool cyclonedx) {
    std::vector<Diagnostic> warnings;
    const std::string out =
        cyclonedx ? WriteCycloneDxJson(original_, &warnings) : WriteSpdxJson(original_, &warnings);
    EXPECT_EQ(out, cyclonedx ? WriteCycloneDxJson(original_) : WriteSpdxJson(original_));
    for (const auto& e : SchemaErrors(out, cyclonedx)) ADD_FAILURE() << e;
    auto back = Parse(out);
    EXPECT_FALSE(back.HasErrors()) << (back.diagnostics.empty() ? "" : back.diagnostics[0].message);
    if (!back.value) return {};
    return std::move(*back.value);
  }

  std::string bytes_;
  Document original_;
};

// CycloneDX 1.6 keeps everything the model holds for a component, the bom-refs, the graph and
// the document's identity (an SPDX namespace in the craft:spdx:documentNamespace property).
TEST_P(WriteRoundTrip, ThroughCycloneDx16) {
  const Document back = Through(true);
  const auto before = AllComponents(original_), after = AllComponents(back);
  ASSERT_EQ(before.size(), after.size());
  for (std::size_t i = 0; i < before.size(); ++i) {
    const Component &a = *before[i], &b = *after[i];
    SCOPED_TRACE("component " + std::to_string(i) + " " + a.name);
    EXPECT_EQ(a.ref, b.ref);
    EXPECT_EQ(a.group, b.group);
    EXPECT_EQ(a.name, b.name);
    EXPECT_EQ(a.version, b.version);
    EXPECT_EQ(a.purl, b.purl);
    EXPECT_EQ(a.cpe, b.cpe);
    EXPECT_EQ(a.swid_tag_id, b.swid_tag_id);
    EXPECT_EQ(a.file_name, b.file_name);
    EXPECT_EQ(SupplierName(a), SupplierName(b));
    EXPECT_EQ(Hashes(a, true), Hashes(b, true));
    EXPECT_EQ(CycloneDxLicenses(a), CycloneDxLicenses(b));
    for (const auto& p : a.properties) EXPECT_TRUE(b.FindProperty(p.name)) << p.name;
  }
  EXPECT_EQ(RefEdges(original_), RefEdges(back));
  if (original_.serial_number.starts_with("urn:uuid:") && original_.serial_number.size() == 45) {
    EXPECT_EQ(back.serial_number, original_.serial_number);
  } else {
    EXPECT_TRUE(back.serial_number.starts_with("urn:uuid:"));
  }
  EXPECT_EQ(back.timestamp, write::IsRfc3339(original_.timestamp) ? original_.timestamp : "");
  EXPECT_EQ(back.vulnerabilities.size(), original_.vulnerabilities.size());
  EXPECT_EQ(Compositions(back), Compositions(original_));
}

// SPDX 2.3 has packages only. Lost by design (see write.h): component group, scope, properties
// (the file name stays as packageFileName), nesting (kept as CONTAINS, read back flat), bom-refs
// that are not SPDX ids (renamed), external references other than purl / cpe / swid /
// distribution (kept as OTHER references), dependency edges and relationships naming files or
// services, compositions and vulnerabilities. Each licence kind becomes one expression.
TEST_P(WriteRoundTrip, ThroughSpdx23) {
  const Document back = Through(false);
  const auto before = AllComponents(original_), after = AllComponents(back);
  ASSERT_EQ(before.size(), after.size());
  for (std::size_t i = 0; i < before.size(); ++i) {
    const Component &a = *before[i], &b = *after[i];
    SCOPED_TRACE("component " + std::to_string(i) + " " + a.name);
    if (write::IsSpdxId(a.ref)) {
      EXPECT_EQ(a.ref, b.ref);
    }
    EXPECT_TRUE(write::IsSpdxId(b.ref)) << b.ref;
    EXPECT_EQ(a.name, b.name);
    EXPECT_EQ(a.version, b.version);
    EXPECT_EQ(a.purl.find_first_of(" \t") == std::string::npos ? a.purl : "", b.purl);
    EXPECT_EQ(a.cpe, b.cpe);
    EXPECT_EQ(a.swid_tag_id, b.swid_tag_id);
    EXPECT_EQ(a.file_name, b.file_name);
    EXPECT_EQ(SupplierName(a), SupplierName(b));
    EXPECT_EQ(Hashes(a, false), Hashes(b, false));
    EXPECT_EQ(SpdxLicenseTerms(a.declared_licenses), SpdxLicenseTerms(b.declared_licenses));
    EXPECT_EQ(SpdxLicenseTerms(a.concluded_licenses), SpdxLicenseTerms(b.concluded_licenses));
    EXPECT_TRUE(b.properties.empty());
  }
  std::size_t lost = 0;
  EXPECT_EQ(ComponentEdges(original_, &lost), ComponentEdges(back));
  std::size_t lost_back = 0;
  ComponentEdges(back, &lost_back);
  EXPECT_EQ(lost_back, 0u) << lost << " edges named no component before";
  if (original_.format == Format::kSpdxJson || original_.format == Format::kSpdxTagValue ||
      original_.serial_number.starts_with("urn:uuid:")) {
    EXPECT_EQ(back.serial_number, original_.serial_number);
  }
  if (const Component* p = original_.Primary()) {
    ASSERT_TRUE(back.Primary());
    EXPECT_EQ(back.Primary()->name, p->name);
  }
  EXPECT_TRUE(back.vulnerabilities.empty());
  EXPECT_TRUE(back.compositions.empty());
}

std::string TestName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name;
  for (char c : info.param) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Corpora, WriteRoundTrip, ::testing::ValuesIn(CorpusSboms()), TestName);

// The corpus list is not silently empty or short.
TEST(WriteRoundTripCorpus, ReadsTheRealSboms) { EXPECT_GE(CorpusSboms().size(), 100u); }

}  // namespace
}  // namespace craft::sbom::testing

namespace craft::sbom::testing {
namespace {

// An SPDX 3 licence expression "NOASSERTION" states nothing, as NOASSERTION does in SPDX 2: the
// reader used to keep it as an expression, which the writers then had to carry as a licence.
TEST(WriteRoundTripCorpus, Spdx3NoAssertionLicenseIsNoStatement) {
  const auto parsed = Parse(ReadCorpus("sbomqs/spdx3/appbomination.spdx3.json"));
  ASSERT_TRUE(parsed.value);
  std::size_t checked = 0;
  for (const auto& c : parsed.value->components) {
    for (const auto* list : {&c.declared_licenses, &c.concluded_licenses}) {
      for (const auto& l : *list) EXPECT_NE(l.expression, "NOASSERTION") << c.name;
    }
    if (c.name == "hamcrest-core") {
      EXPECT_TRUE(c.declared_licenses.empty());
      ++checked;
    }
  }
  EXPECT_EQ(checked, 1u);
}

}  // namespace
}  // namespace craft::sbom::testing
