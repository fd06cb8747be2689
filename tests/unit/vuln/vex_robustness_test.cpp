// Robustness of the three VEX readers (cyclonedx.h, openvex.h, csaf.h): their headers promise they
// never throw and report bad input as diagnostics. Checked here on every prefix (in 97 steps) of
// every VEX fixture in the corpora, on each fixture with every value of one type swapped for
// another, on the size limit (model.h kMaxDocumentBytes) and the depth limit (kMaxDepth).

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "../json_schema_check.h"
#include "vuln/vex/csaf.h"
#include "vuln/vex/cyclonedx.h"
#include "vuln/vex/openvex.h"

namespace craft::vuln::vex {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> VexFixtures() {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(fs::path(CRAFT_CORPORA) / "vuln/vex")) {
    if (!e.is_regular_file() || e.path().extension() != ".json") continue;
    if (e.path().string().find("schema") != std::string::npos) continue;
    out.push_back(craft::testing::ReadText(e.path()));
  }
  return out;
}

void ReadAll(std::string_view bytes) {
  EXPECT_NO_THROW(ReadCycloneDx(bytes));
  EXPECT_NO_THROW(ReadOpenVex(bytes));
  EXPECT_NO_THROW(ReadCsaf(bytes));
}

// Replaces every string by a number, every number by an object, every array by a string (one
// kind of swap per call), to reach each reader's type checks.
nlohmann::json Swap(const nlohmann::json& j, int kind) {
  if (j.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [k, v] : j.items()) out[k] = Swap(v, kind);
    return out;
  }
  if (j.is_array()) {
    if (kind == 2) return "array";
    nlohmann::json out = nlohmann::json::array();
    for (const auto& v : j) out.push_back(Swap(v, kind));
    return out;
  }
  if (kind == 0 && j.is_string()) return 7;
  if (kind == 1 && j.is_number()) return nlohmann::json::object();
  return j;
}

TEST(VexRobustness, TruncatedFixturesNeverThrow) {
  auto fixtures = VexFixtures();
  ASSERT_GE(fixtures.size(), 40u);
  for (const auto& f : fixtures) {
    std::size_t step = f.size() / 97 + 1;
    for (std::size_t n = 0; n < f.size(); n += step) ReadAll(std::string_view(f).substr(0, n));
  }
}

TEST(VexRobustness, TypeSwappedFixturesNeverThrow) {
  for (const auto& f : VexFixtures()) {
    auto j = nlohmann::json::parse(f, nullptr, false);
    if (j.is_discarded()) continue;
    for (int kind = 0; kind < 3; ++kind) ReadAll(Swap(j, kind).dump());
  }
}

TEST(VexRobustness, LimitsAreEnforced) {
  std::string big(kMaxDocumentBytes + 1, ' ');
  EXPECT_FALSE(ReadCycloneDx(big).ok);
  EXPECT_FALSE(ReadOpenVex(big).ok);
  EXPECT_FALSE(ReadCsaf(big).ok);
  std::string deep = std::string(kMaxDepth + 1, '[') + std::string(kMaxDepth + 1, ']');
  ReadResult r = ReadCsaf(deep);
  EXPECT_FALSE(r.ok);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].pointer, "");
  // Brackets inside strings do not count towards the depth.
  std::string in_string = R"({"statements":[],"x":")" + std::string(200, '[') + R"("})";
  EXPECT_TRUE(ReadOpenVex(in_string).ok);
}

}  // namespace
}  // namespace craft::vuln::vex
