// sbom::Merge: several SBOMs into one product SBOM (issue 3, "Merge"), on built documents and on
// real SBOMs of the corpora.
#include "sbom/merge.h"

#include <gtest/gtest.h>

#include <set>

#include "corpus.h"
#include "sbom/parse.h"
#include "sbom/purl.h"
#include "sbom/write/write.h"

namespace craft::sbom::testing {

// Defined in write_roundtrip_test.cpp.
std::vector<std::string> SchemaErrors(const std::string& json, bool cyclonedx);

namespace {

Component Make(std::string ref, std::string name, std::string version, std::string purl = "") {
  Component c;
  c.type = "library";
  c.ref = std::move(ref);
  c.name = std::move(name);
  c.version = std::move(version);
  c.purl = std::move(purl);
  return c;
}

std::vector<std::string> Sources(const Component& c) {
  std::vector<std::string> out;
  for (const auto& p : c.properties) {
    if (p.name == kSourceProperty) out.push_back(p.value);
  }
  return out;
}

const Component* ByName(const Document& doc, const std::string& name) {
  for (const auto& c : doc.components) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

std::set<std::pair<std::string, std::string>> Edges(const Document& doc) {
  std::set<std::pair<std::string, std::string>> out;
  for (const auto& d : doc.dependencies) {
    for (const auto& t : d.depends_on) out.emplace(d.ref, t);
  }
  return out;
}

// The manufacturer's SBOM: app 1.0 depends on Django-Foo (spelled as PyPI allows).
Document Manufacturer() {
  Document doc;
  doc.serial_number = "urn:uuid:00000000-0000-4000-8000-000000000001";
  doc.timestamp = "2026-01-01T00:00:00Z";
  doc.metadata_component = Make("app", "app", "1.0", "pkg:generic/app@1.0");
  doc.metadata_component->type = "application";
  doc.components.push_back(Make("lib", "Django_Foo", "1.0", "pkg:pypi/Django_Foo@1.0"));
  doc.components.back().hashes.push_back({"SHA-256", std::string(64, 'a')});
  doc.dependencies = {{"app", {"lib"}}, {"lib", {}}};
  return doc;
}

// A supplier's SBOM whose refs collide with the manufacturer's: its primary is "app" too.
Document Supplier() {
  Document doc;
  doc.serial_number = "https://supplier.example/spdx/widget-2.0";
  doc.timestamp = "2026-02-01T10:00:00+02:00";
  doc.components.push_back(Make("app", "widget", "2.0", "pkg:npm/widget@2.0"));
  doc.primary_component = 0;
  doc.components.push_back(Make("lib", "django-foo", "1.0", "pkg:pypi/django-foo@1.0"));
  doc.components.back().hashes.push_back({"SHA512", std::string(128, 'b')});
  doc.components.push_back(Make("zlib", "zlib", "1.3"));
  doc.components.back().group = "madler";
  doc.dependencies = {{"app", {"lib", "zlib"}}, {"lib", {"zlib"}}};
  return doc;
}

// Deduplication is by normalised purl: pkg:pypi/Django_Foo and pkg:pypi/django-foo are one
// package (purl-spec, PyPI type rules); the survivor keeps both inputs' hashes and provenance.
TEST(Merge, DeduplicatesByNormalisedPurlAndKeepsProvenance) {
  const Document merged = Merge({Manufacturer(), Supplier()});
  ASSERT_EQ(merged.components.size(), 3u);  // Django_Foo, widget, zlib
  const Component* lib = ByName(merged, "Django_Foo");
  ASSERT_TRUE(lib);
  EXPECT_EQ(lib->ref, "lib");
  EXPECT_EQ(lib->hashes.size(), 2u);
  EXPECT_EQ(Sources(*lib),
            (std::vector<std::string>{"urn:uuid:00000000-0000-4000-8000-000000000001",
                                      "https://supplier.example/spdx/widget-2.0"}));
  EXPECT_EQ(Sources(*ByName(merged, "zlib")),
            std::vector<std::string>{"https://supplier.example/spdx/widget-2.0"});
}

// The supplier's "app" collides with the manufacturer's and is renamed; its edges follow, the
// duplicate edge to the deduplicated lib is kept once, and the supplier's primary component
// becomes a dependency of the merged primary.
TEST(Merge, RenamesCollidingRefsAndRepointsEdges) {
  const Document merged = Merge({Manufacturer(), Supplier()});
  ASSERT_TRUE(merged.metadata_component);
  EXPECT_EQ(merged.metadata_component->ref, "app");
  EXPECT_EQ(merged.metadata_component->name, "app");
  const Component* widget = ByName(merged, "widget");
  ASSERT_TRUE(widget);
  EXPECT_EQ(widget->ref, "app-sbom2");
  const std::set<std::pair<std::string, std::string>> expected = {{"app", "lib"},
                                                                  {"app", "app-sbom2"},
                                                                  {"app-sbom2", "lib"},
                                                                  {"app-sbom2", "zlib"},
                                                                  {"lib", "zlib"}};
  EXPECT_EQ(Edges(merged), expected);
  std::set<std::string> nodes;
  for (const auto& d : merged.dependencies) EXPECT_TRUE(nodes.insert(d.ref).second) << d.ref;
}

// Without a purl, (group, name, version) decides; a different group is a different component.
TEST(Merge, DeduplicatesByGroupNameVersionWithoutPurl) {
  Document a = Manufacturer(), b = Supplier(), c = Supplier();
  c.serial_number = "urn:uuid:00000000-0000-4000-8000-000000000003";
  c.components[2].ref = "z";
  Document d = Supplier();
  d.serial_number = "urn:uuid:00000000-0000-4000-8000-000000000004";
  d.components[2].group = "other";
  const Document merged = Merge({a, b, c, d});
  std::size_t zlibs = 0;
  for (const auto& comp : merged.components) zlibs += comp.name == "zlib";
  EXPECT_EQ(zlibs, 2u);
  EXPECT_EQ(Sources(*ByName(merged, "zlib")).size(), 2u);
  EXPECT_TRUE(Edges(merged).count({"lib", "zlib"}));
}

// An input about the same product (its primary component has the merged primary's purl) adds
// no second product and no edge from the product to itself.
TEST(Merge, TheSameProductTwiceIsOneProduct) {
  Document again = Manufacturer();
  again.serial_number = "urn:uuid:00000000-0000-4000-8000-000000000002";
  const Document merged = Merge({Manufacturer(), again});
  ASSERT_EQ(merged.components.size(), 1u);
  EXPECT_EQ(Sources(*merged.metadata_component).size(), 2u);
  EXPECT_EQ(Sources(merged.components[0]).size(), 2u);
  EXPECT_EQ(Edges(merged), (std::set<std::pair<std::string, std::string>>{{"app", "lib"}}));
}

// --name / --version name the product; the former purl no longer names it and is not kept.
TEST(Merge, OptionsNameThePrimaryComponent) {
  const Document merged = Merge({Manufacturer(), Supplier()}, {"product", "3.1"});
  ASSERT_TRUE(merged.metadata_component);
  EXPECT_EQ(merged.metadata_component->name, "product");
  EXPECT_EQ(merged.metadata_component->version, "3.1");
  EXPECT_TRUE(merged.metadata_component->purl.empty());
  EXPECT_EQ(merged.metadata_component->ref, "app");
  const Document kept = Merge({Manufacturer()}, {"app", "1.0"});
  EXPECT_EQ(kept.metadata_component->purl, "pkg:generic/app@1.0");
}

// The latest timestamp, as UTC; the header comes from the first SBOM.
TEST(Merge, TakesTheLatestTimestampAndIsDeterministic) {
  const Document merged = Merge({Manufacturer(), Supplier()});
  EXPECT_EQ(merged.timestamp, "2026-02-01T08:00:00Z");
  EXPECT_TRUE(merged.serial_number.empty());
  EXPECT_EQ(WriteCycloneDxJson(merged), WriteCycloneDxJson(Merge({Manufacturer(), Supplier()})));
  EXPECT_TRUE(Merge({}).components.empty());
}

Document ParseCorpus(const std::string& relative) {
  auto parsed = Parse(ReadCorpus(relative));
  EXPECT_TRUE(parsed.value) << relative;
  return parsed.value ? std::move(*parsed.value) : Document{};
}

// Real SBOMs of three tools (CycloneDX Maven plugin, CycloneDX npm, SPDX tools-java): every
// input component survives once per distinct purl (or group/name/version), every component names
// its inputs, every edge names a component, and both writers give schema-valid output.
TEST(Merge, CorpusSbomsMergeIntoOneValidProductSbom) {
  const std::vector<Document> inputs = {
      ParseCorpus("cyclonedx-bom-examples/SBOM/dropwizard-1.3.15/bom.json"),
      ParseCorpus("cyclonedx-bom-examples/SBOM/juice-shop/via_npm/flat/bom.1.4.json"),
      ParseCorpus(
          "spdx-examples/presentations/OSS-NA-2023/SPDXVersion2.3/03-SBOMwDependency.json")};
  std::set<std::string> keys;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    std::vector<Component> all = inputs[i].components;
    if (i > 0 && inputs[i].metadata_component) all.push_back(*inputs[i].metadata_component);
    for (std::size_t j = 0; j < all.size(); ++j) {
      if (i == 0 && inputs[i].primary_component == j) continue;
      const auto purl = all[j].purl.empty() ? std::nullopt : CanonicalPurl(all[j].purl);
      keys.insert(purl ? *purl : all[j].group + "/" + all[j].name + "@" + all[j].version);
    }
  }
  const Document merged = Merge(inputs);
  EXPECT_EQ(merged.components.size(), keys.size());
  std::set<std::string> refs = {merged.metadata_component->ref};
  for (const auto& c : merged.components) {
    EXPECT_FALSE(Sources(c).empty()) << c.name;
    if (!c.ref.empty()) {
      EXPECT_TRUE(refs.insert(c.ref).second) << "duplicate ref " << c.ref;
    }
  }
  for (const auto& [from, to] : Edges(merged)) {
    EXPECT_TRUE(refs.count(from)) << from;
    EXPECT_TRUE(refs.count(to)) << to;
  }
  for (const auto& e : SchemaErrors(WriteCycloneDxJson(merged), true)) ADD_FAILURE() << e;
  for (const auto& e : SchemaErrors(WriteSpdxJson(merged), false)) ADD_FAILURE() << e;
  const auto back = Parse(WriteCycloneDxJson(merged));
  ASSERT_TRUE(back.value);
  EXPECT_EQ(back.value->components.size(), merged.components.size());
}

}  // namespace
}  // namespace craft::sbom::testing
