// CVSS v2, v3.0, v3.1 and v4.0 scores computed from vectors, checked against the baseScore NVD
// states beside every vector in the shared NVD fixtures, and against the specifications' rules.

#include "vuln/cvss/cvss.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "vuln/import/nvd.h"

namespace craft::vuln::cvss {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Every NVD CVE API 2.0 fixture of the shared corpus (vuln/nvd), except the two files of CPE and
// tag lookups that osv.dev keeps beside them.
std::vector<fs::path> NvdFixtures() {
  std::vector<fs::path> files;
  fs::path root = fs::path(CRAFT_CORPORA) / "vuln/nvd";
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root, ec); it != fs::end(it); ++it) {
    auto name = it->path().filename().string();
    if (it->path().extension() == ".json" && name != "cpe_testdata.json" &&
        name != "tags_testdata.json") {
      files.push_back(it->path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

double Base(std::string_view vector) {
  auto result = ScoreVector(vector);
  EXPECT_TRUE(result) << vector << ": " << result.error;
  return result ? result.score->base_score : -1;
}

// Every CVSS vector in the NVD fixtures scores exactly the baseScore NVD published beside it (and
// its rating is NVD's baseSeverity band). Source: the fixtures' cvssData.baseScore.
TEST(Cvss, EveryNvdFixtureVectorScoresAsNvdStates) {
  auto files = NvdFixtures();
  ASSERT_GE(files.size(), 30u) << "NVD fixtures missing under " << CRAFT_CORPORA;
  std::map<advisory::SeverityType, int> checked;
  for (const auto& file : files) {
    auto result = import::ParseNvdPage(ReadFile(file));
    ASSERT_TRUE(result.page) << file;
    for (const auto& cve : result.page->vulnerabilities) {
      for (const auto& severity : cve.severity) {
        ASSERT_TRUE(severity.stated_base_score) << cve.id;
        auto score = ScoreVector(severity.score);
        ASSERT_TRUE(score) << cve.id << " " << severity.score << ": " << score.error;
        EXPECT_DOUBLE_EQ(score.score->base_score, *severity.stated_base_score)
            << file.filename() << " " << cve.id << " " << severity.score;
        ++checked[severity.type];
      }
    }
  }
  // 16 v2, 56 v3.x (6 of them v3.0) and 2 v4.0 vectors in the fixtures.
  EXPECT_EQ(checked[advisory::SeverityType::kCvssV2], 16);
  EXPECT_EQ(checked[advisory::SeverityType::kCvssV3], 56);
  EXPECT_EQ(checked[advisory::SeverityType::kCvssV4], 2);
}

// The rating bands of the CVSS v3.1 specification (section 5) and v4.0 (section 6), and NVD's v2
// bands.
TEST(Cvss, RatingBandsFollowTheSpecifications) {
  EXPECT_EQ(RatingV3(0.0), Rating::kNone);
  EXPECT_EQ(RatingV3(0.1), Rating::kLow);
  EXPECT_EQ(RatingV3(3.9), Rating::kLow);
  EXPECT_EQ(RatingV3(4.0), Rating::kMedium);
  EXPECT_EQ(RatingV3(6.9), Rating::kMedium);
  EXPECT_EQ(RatingV3(7.0), Rating::kHigh);
  EXPECT_EQ(RatingV3(8.9), Rating::kHigh);
  EXPECT_EQ(RatingV3(9.0), Rating::kCritical);
  EXPECT_EQ(RatingV2(0.0), Rating::kLow);
  EXPECT_EQ(RatingV2(6.9), Rating::kMedium);
  EXPECT_EQ(RatingV2(10.0), Rating::kHigh);
  EXPECT_EQ(RatingName(Rating::kCritical), "CRITICAL");
}

// Scores from the CVSS v3.1 formulas (specification section 7.1): scope changed multiplies by 1.08
// and caps at 10, no impact scores 0; 4.7 is NVD's score for CVE-2018-5407's vector (the OSV
// linter's fixture carries the same vector).
TEST(Cvss, V3FormulaEdges) {
  EXPECT_DOUBLE_EQ(Base("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"), 9.8);
  EXPECT_DOUBLE_EQ(Base("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H"), 10.0);
  EXPECT_DOUBLE_EQ(Base("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N"), 0.0);
  EXPECT_DOUBLE_EQ(Base("CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:H/I:N/A:N"), 4.7);
  // Temporal and environmental metrics are validated, not scored.
  EXPECT_DOUBLE_EQ(Base("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:U"), 9.8);
  EXPECT_EQ(ScoreV3("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H").score->rating,
            Rating::kCritical);
}

// Vectors the specifications reject give no score and say why: a missing base metric, a metric
// twice, an unknown value, a wrong prefix, v4.0 metrics out of the specification's order. The
// first is the malformed vector of Dependency-Track's osv-vulnerability-invalid-cvss.json.
TEST(Cvss, InvalidVectorsGiveNoScoreAndAMessage) {
  for (std::string_view bad :
       {"CVSS:3.1/AV:N/AC:L", "CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        "CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H",
        "CVSS:4.0/AC:L/AV:N/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N", "AV:N/AC:L/Au:N/C:P/I:P",
        "AV:N/AC:L/Au:N/C:P/I:P/A:P/", "", "CVSS:4.0/"}) {
    auto result = ScoreVector(bad);
    EXPECT_FALSE(result) << bad;
    EXPECT_FALSE(result.error.empty()) << bad;
  }
}

// CVSS v4.0: the reference calculator's rounding fix (cvss-v4-calculator issue #66): this vector
// interpolates to 8.55, which binary floating point leaves at 8.5499999; it must round to 8.6.
// No impact on any system scores 0.0 (the calculator's shortcut), and threat metric E:U lowers
// the score through EQ5.
TEST(Cvss, V4RoundsHalfUpAndAppliesThreat) {
  EXPECT_DOUBLE_EQ(Base("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:H/VI:L/VA:N/SC:H/SI:H/SA:H"), 8.6);
  EXPECT_DOUBLE_EQ(Base("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N"), 0.0);
  EXPECT_DOUBLE_EQ(Base("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H"), 10.0);
  double base = Base("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N");
  double threat = Base("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U");
  EXPECT_LT(threat, base);
}

// v2: the guide's parenthesised notation is accepted; NVD's bands rate 10.0 High.
TEST(Cvss, V2ParenthesisedNotation) {
  EXPECT_DOUBLE_EQ(Base("(AV:N/AC:L/Au:N/C:C/I:C/A:C)"), 10.0);
  EXPECT_DOUBLE_EQ(Base("AV:N/AC:L/Au:N/C:N/I:N/A:N"), 0.0);
  EXPECT_EQ(ScoreV2("AV:N/AC:L/Au:N/C:C/I:C/A:C").score->rating, Rating::kHigh);
}

}  // namespace
}  // namespace craft::vuln::cvss
