// The VEX vocabulary mapping (src/vuln/vex/mapping.h). Every expectation is a row of the tables in
// docs/vex-mapping.md; the spellings are those of the CycloneDX 1.6 schema (bom-1.6.schema.json,
// "impactAnalysisState", "impactAnalysisJustification", "response") and OpenVEX 0.2.0 / CSAF 2.0.

#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

#include "vuln/vex/mapping.h"

namespace craft::vuln::vex {
namespace {

// docs/vex-mapping.md, "CycloneDX justification -> OpenVEX/CSAF": the nine rows.
TEST(VexMapping, CycloneDxJustificationToOpenVex) {
  const std::vector<std::tuple<std::string, std::string>> rows = {
      {"code_not_present", "vulnerable_code_not_present"},
      {"code_not_reachable", "vulnerable_code_not_in_execute_path"},
      {"requires_configuration", "vulnerable_code_cannot_be_controlled_by_adversary"},
      {"requires_dependency", "component_not_present"},
      {"requires_environment", "vulnerable_code_cannot_be_controlled_by_adversary"},
      {"protected_by_compiler", "inline_mitigations_already_exist"},
      {"protected_at_runtime", "inline_mitigations_already_exist"},
      {"protected_at_perimeter", "inline_mitigations_already_exist"},
      {"protected_by_mitigating_control", "inline_mitigations_already_exist"},
  };
  for (const auto& [cdx, openvex] : rows) {
    auto parsed = ParseCdxJustification(cdx);
    ASSERT_TRUE(parsed) << cdx;
    EXPECT_EQ(ToString(*parsed), cdx);
    EXPECT_EQ(ToString(FromCdx(*parsed)), openvex) << cdx;
  }
}

// docs/vex-mapping.md, "OpenVEX/CSAF justification -> CycloneDX": the five rows, and each one maps
// back to itself (the reverse table is a right inverse of the forward one).
TEST(VexMapping, OpenVexJustificationToCycloneDx) {
  const std::vector<std::tuple<std::string, std::string>> rows = {
      {"component_not_present", "requires_dependency"},
      {"vulnerable_code_not_present", "code_not_present"},
      {"vulnerable_code_not_in_execute_path", "code_not_reachable"},
      {"vulnerable_code_cannot_be_controlled_by_adversary", "requires_configuration"},
      {"inline_mitigations_already_exist", "protected_by_mitigating_control"},
  };
  for (const auto& [openvex, cdx] : rows) {
    auto parsed = ParseJustification(openvex);
    ASSERT_TRUE(parsed) << openvex;
    EXPECT_EQ(ToString(*parsed), openvex);
    EXPECT_EQ(ToString(ToCdx(*parsed)), cdx) << openvex;
    EXPECT_EQ(FromCdx(ToCdx(*parsed)), *parsed) << openvex;
  }
}

// docs/vex-mapping.md, "CycloneDX state -> craft status" and "craft status -> CycloneDX state".
TEST(VexMapping, States) {
  const std::vector<std::tuple<std::string, std::string>> to_craft = {
      {"resolved", "fixed"},
      {"resolved_with_pedigree", "fixed"},
      {"exploitable", "affected"},
      {"in_triage", "under_investigation"},
      {"false_positive", "false_positive"},
      {"not_affected", "not_affected"},
  };
  for (const auto& [cdx, craft] : to_craft) {
    auto parsed = ParseCdxState(cdx);
    ASSERT_TRUE(parsed) << cdx;
    EXPECT_EQ(ToString(*parsed), cdx);
    EXPECT_EQ(ToString(FromCdx(*parsed)), craft) << cdx;
  }
  const std::vector<std::tuple<std::string, std::string, std::string>> from_craft = {
      {"under_investigation", "in_triage", "under_investigation"},
      {"affected", "exploitable", "affected"},
      {"not_affected", "not_affected", "not_affected"},
      {"fixed", "resolved", "fixed"},
      {"false_positive", "false_positive", "not_affected"},
  };
  for (const auto& [craft, cdx, four] : from_craft) {
    auto parsed = ParseStatus(craft);
    ASSERT_TRUE(parsed) << craft;
    EXPECT_EQ(ToString(ToCdx(*parsed)), cdx) << craft;
    EXPECT_EQ(ToString(ToFourStatuses(*parsed)), four) << craft;
    EXPECT_EQ(FromCdx(ToCdx(*parsed)), *parsed) << craft;
  }
}

// The five responses of CycloneDX 1.6 ("response" enum) spell back to themselves; unknown words
// and other vocabularies' words are rejected.
TEST(VexMapping, ResponsesAndUnknownWords) {
  for (std::string r :
       {"can_not_fix", "will_not_fix", "update", "rollback", "workaround_available"}) {
    auto parsed = ParseResponse(r);
    ASSERT_TRUE(parsed) << r;
    EXPECT_EQ(ToString(*parsed), r);
  }
  EXPECT_FALSE(ParseResponse("patch"));
  EXPECT_FALSE(ParseStatus("exploitable"));
  EXPECT_FALSE(ParseCdxState("affected"));
  EXPECT_FALSE(ParseJustification("code_not_present"));
  EXPECT_FALSE(ParseCdxJustification("component_not_present"));
  EXPECT_FALSE(ParseStatus(""));
}

// docs/vex-mapping.md, "Exporting a justification": own justification first, then the CycloneDX
// one translated, then component_not_present for a bare false positive; none unless not_affected.
TEST(VexMapping, ExportJustification) {
  Statement s;
  s.status = Status::kAffected;
  s.justification = Justification::kVulnerableCodeNotPresent;
  EXPECT_FALSE(ExportJustification(s));
  s.status = Status::kNotAffected;
  EXPECT_EQ(ExportJustification(s), Justification::kVulnerableCodeNotPresent);
  s.justification.reset();
  s.cdx_justification = CdxJustification::kProtectedAtRuntime;
  EXPECT_EQ(ExportJustification(s), Justification::kInlineMitigationsAlreadyExist);
  s.cdx_justification.reset();
  EXPECT_FALSE(ExportJustification(s));
  s.status = Status::kFalsePositive;
  EXPECT_EQ(ExportJustification(s), Justification::kComponentNotPresent);
}

}  // namespace
}  // namespace craft::vuln::vex
