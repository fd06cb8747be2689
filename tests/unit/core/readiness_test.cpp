#include "core/readiness.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace craft::core {
namespace {

Date D(const char* s) { return *ParseDate(s); }

// A complete version of a default-category product: every rule of CRA.md satisfied.
ReadinessInput Complete() {
  ReadinessInput in;
  in.organisation.legal_name = "Acme Devices GmbH";
  in.organisation.address = {"Hauptstraße 1", "", "Berlin", "10115", "DE"};
  in.organisation.contact_email = "compliance@acme.example";
  in.organisation.vulnerability_contact_point = "security@acme.example";
  in.organisation.csirt_member_state = "DE";
  in.product.category = Category::kDefault;
  in.version.id = "v1";
  in.version.release_date = D("2027-01-15");
  in.version.end_of_support = D("2032-01-15");
  in.version.support_period_justification = "Expected use of at least five years.";
  in.version.harmonised_standards_applied = HarmonisedStandardsApplied{true, {}};
  in.version.conformity_assessment_type = ConformityAssessmentType::kSelfAssessment;
  in.version.secure_by_default = true;
  in.document_types = {DocumentType::kRiskAssessment, DocumentType::kEuDeclarationOfConformity,
                       DocumentType::kUserManual, DocumentType::kVulnerabilityPolicy};
  in.today = D("2026-11-23");
  in.sbom_count = 1;
  in.best_sbom_score = 91.5;
  return in;
}

std::vector<std::string> Keys(const ReadinessInput& in) {
  std::vector<std::string> keys;
  for (const auto& item : AssessReadiness(in).missing_items) keys.push_back(item.key);
  return keys;
}

bool Missing(const ReadinessInput& in, const std::string& key) {
  const auto keys = Keys(in);
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

TEST(Readiness, CompleteVersionIsReady) {
  const auto r = AssessReadiness(Complete());
  EXPECT_TRUE(r.ready);
  EXPECT_TRUE(r.missing_items.empty()) << r.missing_items.front().key;
}

// Annex II: every organisation field the user information needs.
TEST(Readiness, OrganisationFields) {
  auto in = Complete();
  in.organisation.legal_name = "  ";
  EXPECT_TRUE(Missing(in, "organisation.legal_name"));
  in = Complete();
  in.organisation.address.postal_code.clear();
  EXPECT_TRUE(Missing(in, "organisation.address"));
  in = Complete();
  in.organisation.address.line2.clear();  // optional
  EXPECT_FALSE(Missing(in, "organisation.address"));
  in.organisation.contact_email.clear();
  EXPECT_TRUE(Missing(in, "organisation.contact_email"));
  in = Complete();
  in.organisation.vulnerability_contact_point.clear();
  EXPECT_TRUE(Missing(in, "organisation.vulnerability_contact_point"));
  in = Complete();
  in.organisation.csirt_member_state.clear();
  EXPECT_TRUE(Missing(in, "organisation.csirt_member_state"));
}

TEST(Readiness, ReleaseDate) {
  auto in = Complete();
  in.version.release_date.reset();
  EXPECT_TRUE(Missing(in, "release_date"));
}

// Article 13(8): end of support at least 5 years after release, or a justification.
TEST(Readiness, SupportPeriod) {
  auto in = Complete();
  in.version.end_of_support.reset();
  EXPECT_TRUE(Missing(in, "end_of_support"));

  in = Complete();
  in.version.end_of_support = D("2029-01-15");  // 2 years: allowed with a justification
  EXPECT_FALSE(Missing(in, "support_period"));
  in.version.support_period_justification.clear();
  EXPECT_TRUE(Missing(in, "support_period"));
  EXPECT_TRUE(Missing(in, "support_period_justification"));
  in.document_types.push_back(DocumentType::kSupportPeriodJustification);
  EXPECT_FALSE(Missing(in, "support_period"));
  EXPECT_FALSE(Missing(in, "support_period_justification"));

  in = Complete();
  in.version.end_of_support = D("2026-01-01");  // before release
  EXPECT_TRUE(Missing(in, "end_of_support"));
}

// Annex VII (5): standards listed, or an explicit "none".
TEST(Readiness, HarmonisedStandards) {
  auto in = Complete();
  in.version.harmonised_standards_applied.reset();
  EXPECT_TRUE(Missing(in, "harmonised_standards_applied"));
  in.version.harmonised_standards_applied = HarmonisedStandardsApplied{false, {}};
  EXPECT_TRUE(Missing(in, "harmonised_standards_applied"));
  in.version.harmonised_standards_applied->standards.push_back(
      {"EN 18031-1:2024", "", false, "4.2"});
  EXPECT_FALSE(Missing(in, "harmonised_standards_applied"));
}

// Article 32: module A only where the category allows it.
TEST(Readiness, ConformityTypeAllowedForCategory) {
  auto in = Complete();
  in.version.conformity_assessment_type.reset();
  EXPECT_TRUE(Missing(in, "conformity_assessment_type"));

  in = Complete();
  in.product.category = Category::kImportantClassI;
  EXPECT_TRUE(Missing(in, "conformity_assessment_type"));  // "none" applied: no module A
  in.version.harmonised_standards_applied =
      HarmonisedStandardsApplied{false, {{"EN 18031-1", "", true, ""}}};
  EXPECT_FALSE(Missing(in, "conformity_assessment_type"));
  in.version.harmonised_standards_applied->standards[0].applied_in_full = false;
  EXPECT_TRUE(Missing(in, "conformity_assessment_type"));

  in = Complete();
  in.product.category = Category::kImportantClassII;
  EXPECT_TRUE(Missing(in, "conformity_assessment_type"));
  in.product.open_source = true;
  in.product.technical_documentation_public = true;
  EXPECT_FALSE(Missing(in, "conformity_assessment_type"));

  in = Complete();
  in.product.category = Category::kCritical;
  EXPECT_TRUE(Missing(in, "conformity_assessment_type"));
  in.version.conformity_assessment_type = ConformityAssessmentType::kEuCertification;
  EXPECT_FALSE(Missing(in, "conformity_assessment_type"));
}

// Modules B+C and H involve a notified body, whose name must be recorded.
TEST(Readiness, NotifiedBodyForThirdParty) {
  auto in = Complete();
  in.version.conformity_assessment_type = ConformityAssessmentType::kThirdPartyTypeExamination;
  EXPECT_TRUE(Missing(in, "notified_body"));
  in.version.notified_body = "TÜV Example, NB 0000";
  EXPECT_FALSE(Missing(in, "notified_body"));
}

// CE marking (date and by whom) once the version is placed on the market.
TEST(Readiness, CeMarkingOncePlacedOnMarket) {
  auto in = Complete();
  in.version.first_placed_on_market = D("2027-02-01");  // in the future
  EXPECT_FALSE(Missing(in, "ce_marking"));
  in.version.first_placed_on_market = D("2026-02-01");
  EXPECT_TRUE(Missing(in, "ce_marking"));
  in.version.ce_marking = {true, D("2026-01-20"), ""};
  EXPECT_TRUE(Missing(in, "ce_marking"));
  in.version.ce_marking.applied_by = "Acme Devices GmbH";
  EXPECT_FALSE(Missing(in, "ce_marking"));
}

TEST(Readiness, SecureByDefaultConfirmation) {
  auto in = Complete();
  in.version.secure_by_default = false;
  EXPECT_TRUE(Missing(in, "secure_by_default"));
}

// The four required documents; `other` never counts; either disclosure policy type counts.
TEST(Readiness, RequiredDocuments) {
  for (const char* key : {"risk_assessment document", "eu_declaration_of_conformity document",
                          "user_manual document", "vulnerability_policy document"}) {
    auto in = Complete();
    in.document_types = {DocumentType::kOther, DocumentType::kTestReport};
    EXPECT_TRUE(Missing(in, key)) << key;
  }
  auto in = Complete();
  in.document_types = {DocumentType::kRiskAssessment, DocumentType::kEuDeclarationOfConformity,
                       DocumentType::kUserManual, DocumentType::kCoordinatedDisclosurePolicy};
  EXPECT_TRUE(AssessReadiness(in).ready);
}

// Each item names its source and where to fix it.
TEST(Readiness, ItemsCarryLabelSourceAndFix) {
  ReadinessInput empty;
  empty.version.id = "abc";
  empty.today = D("2026-11-23");
  const auto r = AssessReadiness(empty);
  EXPECT_FALSE(r.ready);
  EXPECT_GE(r.missing_items.size(), 14u);
  for (const auto& item : r.missing_items) {
    EXPECT_FALSE(item.label.empty()) << item.key;
    EXPECT_FALSE(item.source.empty()) << item.key;
    EXPECT_FALSE(item.fix.path.empty()) << item.key;
  }
  EXPECT_EQ(r.missing_items.front().key, "organisation.legal_name");
  EXPECT_EQ(r.missing_items.back().key, "sbom");
}

// An SBOM is required, a valid one, scoring at or above the organisation's threshold (default 80).
TEST(Readiness, SbomPresentValidAndAboveTheThreshold) {
  auto in = Complete();
  in.sbom_count = 0;
  in.best_sbom_score.reset();
  EXPECT_EQ(Keys(in), std::vector<std::string>{"sbom"});
  in.sbom_count = 2;  // stored, but none valid
  EXPECT_EQ(Keys(in), std::vector<std::string>{"sbom"});
  in.best_sbom_score = 79.9;
  EXPECT_EQ(Keys(in), std::vector<std::string>{"sbom_quality"});
  const auto item = AssessReadiness(in).missing_items.front();
  EXPECT_NE(item.label.find("79.9"), std::string::npos) << item.label;
  EXPECT_NE(item.label.find("80"), std::string::npos) << item.label;
  EXPECT_EQ(item.fix.path, "/api/v1/versions/v1/sboms");
  in.best_sbom_score = 80;  // at the threshold
  EXPECT_TRUE(AssessReadiness(in).ready);
  in.organisation.sbom_quality_threshold = 95;
  EXPECT_EQ(Keys(in), std::vector<std::string>{"sbom_quality"});
  in.organisation.sbom_quality_threshold = 0;
  in.best_sbom_score = 0;
  EXPECT_TRUE(AssessReadiness(in).ready);
}

// A KEV finding not triaged as not_affected, fixed or false_positive keeps the version incomplete,
// with that CVE as the item and the finding's analysis as the place to fix it.
TEST(Readiness, UntriagedKnownExploitedVulnerability) {
  auto in = Complete();
  in.open_kev_vulnerabilities = {{"CVE-2021-44228", "f1"}, {"CVE-2023-4966", "f2"}};
  const auto r = AssessReadiness(in);
  EXPECT_FALSE(r.ready);
  ASSERT_EQ(r.missing_items.size(), 2u);
  EXPECT_EQ(r.missing_items[0].key, "kev CVE-2021-44228");
  EXPECT_EQ(r.missing_items[1].key, "kev CVE-2023-4966");
  EXPECT_NE(r.missing_items[0].label.find("CVE-2021-44228"), std::string::npos);
  EXPECT_EQ(r.missing_items[0].fix.method, "PUT");
  EXPECT_EQ(r.missing_items[0].fix.path, "/api/v1/findings/f1/analysis");
}

}  // namespace
}  // namespace craft::core
