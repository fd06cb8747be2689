// The quality score (sbom/quality/score.h, docs/quality-score.md): the formula's weights, its
// edge cases and its agreement with the component summary on a real SBOM.

#include <gtest/gtest.h>

#include <string>

#include "corpus.h"
#include "sbom/parse.h"
#include "sbom/quality/score.h"
#include "sbom/summary.h"

namespace craft::sbom::quality {
namespace {

Document Complete() {
  Document doc;
  doc.serial_number = "urn:uuid:1";
  doc.timestamp = "2025-01-01T00:00:00Z";
  doc.tools.push_back({"", "cdxgen", "10"});
  Component c;
  c.ref = "a";
  c.name = "a";
  c.version = "1";
  c.supplier = Party{"Acme", {}, {}};
  c.purl = "pkg:generic/a@1";
  c.declared_licenses.push_back({"MIT", "", "", "", ""});
  c.hashes.push_back({"SHA-256", "00"});
  doc.components = {c, c};
  doc.components[1].ref = "b";
  doc.dependencies = {{"a", {"b"}}};
  return doc;
}

// Checks: the weights sum to 100 and a complete SBOM scores 100, grade A. Expectation: score.h.
TEST(QualityScore, CompleteSbomScoresFull) {
  QualityScore q = ScoreSbom(Complete());
  double weights = 0;
  for (const auto& c : q.categories) weights += c.weight;
  EXPECT_DOUBLE_EQ(weights, 100);
  EXPECT_DOUBLE_EQ(q.score, 100);
  EXPECT_EQ(q.grade, 'A');
}

// Checks: each category costs its weight times the share of components failing it.
// Expectation: score.h's table (versions 15, hashes 5, creation_info 4+4+2).
TEST(QualityScore, CategoriesCostTheirWeight) {
  Document doc = Complete();
  doc.components[0].version.clear();  // half the components: -7.5
  EXPECT_DOUBLE_EQ(ScoreSbom(doc).score, 92.5);
  doc.components[0].hashes.clear();
  doc.components[1].hashes.clear();  // all: -5
  EXPECT_DOUBLE_EQ(ScoreSbom(doc).score, 87.5);
  EXPECT_EQ(ScoreSbom(doc).grade, 'B');
  doc.timestamp.clear();      // -4
  doc.serial_number.clear();  // -2
  EXPECT_DOUBLE_EQ(ScoreSbom(doc).score, 81.5);
  doc.dependencies.clear();  // -15
  EXPECT_DOUBLE_EQ(ScoreSbom(doc).score, 66.5);
  EXPECT_EQ(ScoreSbom(doc).grade, 'D');
}

// Checks: an SBOM without components scores only its creation info (10), grade F.
TEST(QualityScore, EmptySbom) {
  Document doc = Complete();
  doc.components.clear();
  QualityScore q = ScoreSbom(doc);
  EXPECT_DOUBLE_EQ(q.score, 10);
  EXPECT_EQ(q.grade, 'F');
}

// Checks: grade thresholds. Expectation: score.h (A >= 90 ... E >= 50, F below).
TEST(QualityScore, Grades) {
  EXPECT_EQ(GradeFor(100), 'A');
  EXPECT_EQ(GradeFor(90), 'A');
  EXPECT_EQ(GradeFor(89.9), 'B');
  EXPECT_EQ(GradeFor(70), 'C');
  EXPECT_EQ(GradeFor(60), 'D');
  EXPECT_EQ(GradeFor(50), 'E');
  EXPECT_EQ(GradeFor(49.9), 'F');
  EXPECT_EQ(GradeFor(0), 'F');
}

// Checks: on keycloak, the unique-identifier and licence categories equal the summary's PURL and
// licence coverage once metadata.component is counted in. Expectation: summary.h's counts (tested
// against raw JSON in summary_test.cpp) and the metadata component's own purl and licences.
TEST(QualityScore, KeycloakAgreesWithTheSummary) {
  auto parsed = Parse(testing::ReadCorpus("cyclonedx-bom-examples/SBOM/keycloak-10.0.2/bom.json"));
  ASSERT_TRUE(parsed.value);
  const Document& doc = *parsed.value;
  ASSERT_TRUE(doc.metadata_component);
  ComponentSummary s = Summarise(doc);
  QualityScore q = ScoreSbom(doc);
  double n = static_cast<double>(s.total + 1);
  const Component& m = *doc.metadata_component;
  double ids = static_cast<double>(s.with_purl) + (m.purl.empty() ? 0 : 1);
  double lic = static_cast<double>(s.with_license) +
               (m.declared_licenses.empty() && m.concluded_licenses.empty() ? 0 : 1);
  EXPECT_DOUBLE_EQ(q.categories[3].fraction, ids / n);  // unique_identifiers (all PURLs here)
  EXPECT_DOUBLE_EQ(q.categories[5].fraction, lic / n);  // licences
  EXPECT_GT(q.score, 0);
  EXPECT_LE(q.score, 100);
}

}  // namespace
}  // namespace craft::sbom::quality
