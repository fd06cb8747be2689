// craft sbom convert / craft sbom merge (issue 3, "Writing" and the CLI), driven through the real
// binary; every output is re-checked with `craft sbom check --format json`.

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "craft_server.h"

namespace craft::testing {
namespace {

namespace fs = std::filesystem;

const std::string kCorpora = CRAFT_CORPORA;

struct Folder {
  Folder() : path(fs::temp_directory_path() / ("craft-convert-" + std::to_string(getpid()))) {
    fs::create_directories(path);
  }
  ~Folder() { fs::remove_all(path); }
  std::string operator/(const std::string& name) const { return (path / name).string(); }
  fs::path path;
};

nlohmann::json Check(const std::string& file) {
  const auto result = RunCraft({"sbom", "check", file, "--format", "json"});
  const auto json = nlohmann::json::parse(result.output, nullptr, false);
  EXPECT_FALSE(json.is_discarded()) << result.output;
  return json.is_discarded() ? nlohmann::json::object() : json;
}

// stdout and stderr of a craft run, for the messages of failures.
std::pair<int, std::string> RunWithStderr(const std::string& args) {
  FILE* pipe = popen((std::string(CRAFT_BINARY) + " " + args + " 2>&1").c_str(), "r");
  std::string out;
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

// CycloneDX -> SPDX 2.3 -> CycloneDX 1.6: both outputs are valid SBOMs. SPDX lists the
// CycloneDX metadata.component as a package (one more component); back in CycloneDX it is
// metadata.component again, so the count is the original's.
TEST(SbomConvert, CycloneDxToSpdxAndBack) {
  Folder tmp;
  const std::string input = kCorpora + "/cyclonedx-bom-examples/SBOM/dropwizard-1.3.15/bom.json";
  const auto original = Check(input);
  ASSERT_EQ(original["valid"], true);
  auto to_spdx =
      RunCraft({"sbom", "convert", input, "--to", "spdx-2.3", "-o", tmp / "d.spdx.json"});
  ASSERT_EQ(to_spdx.exit_code, 0) << to_spdx.output;
  const auto spdx = Check(tmp / "d.spdx.json");
  EXPECT_EQ(spdx["valid"], true) << spdx.dump(2);
  EXPECT_EQ(spdx["format"], "SPDX JSON");
  EXPECT_EQ(spdx["spec_version"], "2.3");
  EXPECT_EQ(spdx["component_count"], original["component_count"].get<int>() + 1);
  auto back = RunCraft({"sbom", "convert", tmp / "d.spdx.json", "-o", tmp / "d.cdx.json"});
  ASSERT_EQ(back.exit_code, 0) << back.output;
  const auto cdx = Check(tmp / "d.cdx.json");
  EXPECT_EQ(cdx["valid"], true) << cdx.dump(2);
  EXPECT_EQ(cdx["spec_version"], "1.6");
  EXPECT_EQ(cdx["component_count"], original["component_count"]);
}

// SPDX 2.3 -> CycloneDX 1.6 (the described package becomes metadata.component) -> SPDX 2.3.
TEST(SbomConvert, SpdxToCycloneDxAndBack) {
  Folder tmp;
  const std::string input =
      kCorpora + "/spdx-examples/presentations/OSS-NA-2023/SPDXVersion2.3/03-SBOMwDependency.json";
  const auto original = Check(input);
  ASSERT_EQ(original["valid"], true);
  ASSERT_EQ(RunCraft({"sbom", "convert", input, "--to", "cyclonedx-1.6", "-o", tmp / "s.cdx.json"})
                .exit_code,
            0);
  const auto cdx = Check(tmp / "s.cdx.json");
  EXPECT_EQ(cdx["valid"], true) << cdx.dump(2);
  EXPECT_EQ(cdx["format"], "CycloneDX JSON");
  EXPECT_EQ(cdx["component_count"], original["component_count"].get<int>() - 1);
  ASSERT_EQ(
      RunCraft({"sbom", "convert", tmp / "s.cdx.json", "--to", "spdx-2.3", "-o", tmp / "s.json"})
          .exit_code,
      0);
  const auto spdx = Check(tmp / "s.json");
  EXPECT_EQ(spdx["valid"], true) << spdx.dump(2);
  EXPECT_EQ(spdx["component_count"], original["component_count"]);
}

// Two suppliers' SBOMs under one product: the merged SBOM is valid and holds both.
TEST(SbomConvert, MergeTwoSboms) {
  Folder tmp;
  const std::string a = kCorpora + "/cyclonedx-bom-examples/SBOM/dropwizard-1.3.15/bom.json";
  const std::string b =
      kCorpora + "/spdx-examples/presentations/OSS-NA-2023/SPDXVersion2.3/03-SBOMwDependency.json";
  const int count_a = Check(a)["component_count"], count_b = Check(b)["component_count"];
  for (const char* to : {"cyclonedx-1.6", "spdx-2.3"}) {
    auto merged = RunCraft({"sbom", "merge", a, b, "--to", to, "-o", tmp / "merged.json", "--name",
                            "product", "--version", "2.0"});
    ASSERT_EQ(merged.exit_code, 0) << merged.output;
    const auto check = Check(tmp / "merged.json");
    EXPECT_EQ(check["valid"], true) << check.dump(2);
    // The second SBOM's described package stays a component; the product is the primary one.
    const int expected = count_a + count_b + (std::string(to) == "spdx-2.3" ? 1 : 0);
    EXPECT_EQ(check["component_count"], expected) << to;
  }
}

// `--help` describes every argument of both commands.
TEST(SbomConvert, HelpDescribesEveryArgument) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> cases = {
      {"convert", {"FILE", "--to", "--output", "cyclonedx-1.6", "spdx-2.3"}},
      {"merge", {"FILES", "--to", "--output", "--name", "--version"}}};
  for (const auto& [command, words] : cases) {
    const auto help = RunCraft({"sbom", command, "--help"});
    EXPECT_EQ(help.exit_code, 0);
    for (const auto& word : words) EXPECT_NE(help.output.find(word), std::string::npos) << word;
  }
  EXPECT_NE(RunCraft({"sbom", "--help"}).output.find("convert"), std::string::npos);
}

// Not an SBOM, a missing file: exit 2 and a message naming the file; an output that cannot be
// written: exit 1, and nothing is left behind.
TEST(SbomConvert, BadInputAndUnwritableOutput) {
  Folder tmp;
  const std::string not_sbom = kCorpora + "/purl-spec/purl-types-index.json";
  auto [code, message] = RunWithStderr("sbom convert " + not_sbom + " -o " + (tmp / "x.json"));
  EXPECT_EQ(code, 2) << message;
  EXPECT_NE(message.find(not_sbom), std::string::npos) << message;
  EXPECT_FALSE(fs::exists(tmp / "x.json"));
  auto [truncated_code, truncated] =
      RunWithStderr("sbom merge " + not_sbom + " " + not_sbom + " -o " + (tmp / "x.json"));
  EXPECT_EQ(truncated_code, 2) << truncated;
  EXPECT_EQ(RunCraft({"sbom", "convert", tmp / "missing.json", "-o", tmp / "x.json"}).exit_code, 2);
  const std::string good = kCorpora + "/cyclonedx-bom-examples/SBOM/dropwizard-1.3.15/bom.json";
  EXPECT_EQ(RunCraft({"sbom", "convert", good, "-o", tmp / "no/such/folder/x.json"}).exit_code, 1);
  EXPECT_EQ(std::distance(fs::directory_iterator(tmp.path), fs::directory_iterator()), 0);
}

}  // namespace
}  // namespace craft::testing
