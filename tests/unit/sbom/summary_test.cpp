// The component summary (sbom/summary.h). The keycloak SBOM of cyclonedx-bom-examples is counted
// twice: by craft, and independently here from the raw JSON with nlohmann (no craft code), so a
// parser or summary mistake shows as a disagreement.

#include "sbom/summary.h"

#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "corpus.h"
#include "sbom/parse.h"

namespace craft::sbom {
namespace {

using testing::ReadCorpus;

struct Independent {
  std::size_t total = 0, with_purl = 0, with_license = 0, versionless = 0;
  std::size_t direct = 0, transitive = 0, duplicates = 0;
  std::map<std::string, std::size_t> by_type;
};

void Walk(const nlohmann::json& components, std::vector<const nlohmann::json*>& out) {
  for (const auto& c : components) {
    out.push_back(&c);
    if (c.contains("components")) Walk(c["components"], out);
  }
}

// The counts of summary.h's contract, computed straight from the JSON text.
Independent CountRaw(const nlohmann::json& bom) {
  Independent n;
  std::vector<const nlohmann::json*> all;
  if (bom.contains("components")) Walk(bom["components"], all);  // pointers into `bom`
  std::set<std::string> refs, purls;
  std::set<std::string> names;
  for (const auto* c : all) {
    ++n.total;
    ++n.by_type[c->value("type", "")];
    std::string purl = c->value("purl", "");
    if (!purl.empty()) ++n.with_purl;
    if (c->contains("licenses") && !(*c)["licenses"].empty()) ++n.with_license;
    if (c->value("version", "").empty()) ++n.versionless;
    refs.insert(c->value("bom-ref", ""));
    std::string key =
        c->value("group", "") + "\n" + c->value("name", "") + "\n" + c->value("version", "");
    bool repeated = purl.empty() ? !names.insert(key).second : !purls.insert(purl).second;
    if (repeated) ++n.duplicates;
  }
  std::map<std::string, std::vector<std::string>> graph;
  for (const auto& d : bom.value("dependencies", nlohmann::json::array())) {
    for (const auto& t : d.value("dependsOn", nlohmann::json::array())) {
      graph[d["ref"]].push_back(t);
    }
  }
  std::string root = bom["metadata"]["component"].value("bom-ref", "");
  std::set<std::string> direct;
  bool has_root = false;
  for (const auto& d : bom.value("dependencies", nlohmann::json::array())) {
    has_root = has_root || d["ref"] == root;
  }
  if (has_root) {
    for (const auto& t : graph[root]) {
      if (refs.count(t)) direct.insert(t);
    }
  } else {  // the roots: listed components nobody depends on
    std::set<std::string> depended;
    for (const auto& [from, tos] : graph) {
      if (refs.count(from)) depended.insert(tos.begin(), tos.end());
    }
    for (const auto& r : refs) {
      if (!depended.count(r)) direct.insert(r);
    }
  }
  std::set<std::string> seen(direct);
  std::vector<std::string> stack(direct.begin(), direct.end());
  while (!stack.empty()) {
    std::string r = stack.back();
    stack.pop_back();
    for (const auto& t : graph[r]) {
      if (refs.count(t) && seen.insert(t).second) stack.push_back(t);
    }
  }
  n.direct = direct.size();
  n.transitive = seen.size() - direct.size();
  return n;
}

// Checks: every count of the keycloak summary equals the independent count. Expectation: the raw
// JSON, counted above; plus jq '.components | length' = 903, all of type library.
TEST(Summary, KeycloakAgreesWithAnIndependentCount) {
  std::string bytes = ReadCorpus("cyclonedx-bom-examples/SBOM/keycloak-10.0.2/bom.json");
  auto parsed = Parse(bytes);
  ASSERT_TRUE(parsed.value);
  ComponentSummary s = Summarise(*parsed.value);
  Independent n = CountRaw(nlohmann::json::parse(bytes));
  EXPECT_EQ(s.total, 903u);
  EXPECT_EQ(s.total, n.total);
  EXPECT_EQ(s.by_type, n.by_type);
  EXPECT_EQ(s.by_type.at("library"), 903u);
  EXPECT_EQ(s.with_purl, n.with_purl);
  EXPECT_EQ(s.with_license, n.with_license);
  EXPECT_EQ(s.versionless, n.versionless);
  EXPECT_EQ(s.duplicates, n.duplicates);
  EXPECT_EQ(s.direct, n.direct);
  EXPECT_EQ(s.transitive, n.transitive);
  EXPECT_EQ(s.direct + s.transitive + s.unreachable, s.total);
  EXPECT_GT(s.direct, 0u);
  EXPECT_DOUBLE_EQ(s.purl_coverage_pct, 100.0 * n.with_purl / n.total);
}

// Checks: the same agreement on the other real CycloneDX SBOMs of cyclonedx-bom-examples.
// Expectation: the independent count above.
TEST(Summary, OtherRealSbomsAgreeWithAnIndependentCount) {
  for (const char* name :
       {"cern-lhc-vdm-editor-e564943", "dropwizard-1.3.15", "protonmail-webclient-v4-0912dff"}) {
    std::string bytes =
        ReadCorpus(std::string("cyclonedx-bom-examples/SBOM/") + name + "/bom.json");
    auto parsed = Parse(bytes);
    ASSERT_TRUE(parsed.value) << name;
    ComponentSummary s = Summarise(*parsed.value);
    Independent n = CountRaw(nlohmann::json::parse(bytes));
    EXPECT_EQ(s.total, n.total) << name;
    EXPECT_EQ(s.by_type, n.by_type) << name;
    EXPECT_EQ(s.with_purl, n.with_purl) << name;
    EXPECT_EQ(s.with_license, n.with_license) << name;
    EXPECT_EQ(s.versionless, n.versionless) << name;
    EXPECT_EQ(s.duplicates, n.duplicates) << name;
    EXPECT_EQ(s.direct, n.direct) << name;
    EXPECT_EQ(s.transitive, n.transitive) << name;
  }
}

// Checks: direct / transitive / unreachable and duplicates on a small graph built by hand.
// Expectation: app -> a -> b, app -> c, d unreachable; e repeats a's PURL.
TEST(Summary, GraphRootedAtThePrimary) {
  Document doc;
  Component app;
  app.ref = "app";
  doc.metadata_component = app;
  for (const char* r : {"a", "b", "c", "d", "e"}) {
    Component c;
    c.ref = r;
    c.name = r;
    c.version = "1";
    c.purl = std::string("pkg:generic/") + r + "@1";
    doc.components.push_back(c);
  }
  doc.components[4].purl = doc.components[0].purl;
  doc.components[3].version.clear();
  doc.dependencies = {{"app", {"a", "c"}}, {"a", {"b"}}, {"b", {"a", "missing"}}};
  ComponentSummary s = Summarise(doc);
  EXPECT_FALSE(s.roots_inferred);
  EXPECT_EQ(s.direct, 2u);
  EXPECT_EQ(s.transitive, 1u);
  EXPECT_EQ(s.unreachable, 2u);
  EXPECT_EQ(s.duplicates, 1u);
  EXPECT_EQ(s.versionless, 1u);
  EXPECT_DOUBLE_EQ(s.purl_coverage_pct, 100.0);
  EXPECT_DOUBLE_EQ(s.license_coverage_pct, 0.0);
}

}  // namespace
}  // namespace craft::sbom
