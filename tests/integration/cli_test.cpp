// The command line: --help on every command, settings from CRAFT_* variables, and the offline
// commands that need no server.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "craft_server.h"

namespace craft::testing {
namespace {

// Issue 2: `craft --help` and `--help` on every subcommand describe every flag.
TEST(Cli, HelpOnEveryCommand) {
  const std::vector<std::pair<std::vector<std::string>, std::vector<std::string>>> cases = {
      {{"--help"}, {"serve", "admin", "vuln", "sbom", "export"}},
      {{"serve", "--help"},
       {"--data", "--listen", "--json-limit", "--upload-limit", "--read-timeout",
        "--max-connections", "CRAFT_DATA", "CRAFT_LISTEN"}},
      {{"admin", "--help"}, {"org", "audit"}},
      {{"admin", "org", "create", "--help"}, {"NAME", "--data"}},
      {{"admin", "org", "list", "--help"}, {"--data"}},
      {{"admin", "audit", "verify", "--help"}, {"--data"}},
      {{"vuln", "compare", "--help"}, {"--ecosystem"}},
      {{"sbom", "check", "--help"}, {"FILE", "--profile", "--format", "--fail-under"}},
      {{"export", "verify", "--help"}, {"FILE", "--public-key"}},
      {{"export", "technical-file", "--help"}, {"--version", "--output", "--no-sboms", "--data"}},
  };
  for (const auto& [args, words] : cases) {
    const auto result = RunCraft(args);
    EXPECT_EQ(result.exit_code, 0) << args[0];
    for (const auto& word : words) {
      EXPECT_NE(result.output.find(word), std::string::npos) << args[0] << " lacks " << word;
    }
  }
  EXPECT_NE(RunCraft({"no-such-command"}).exit_code, 0);
}

// Issue 4: `craft vuln compare` prints <, = or > with the ecosystem's own ordering.
TEST(Cli, VulnCompare) {
  EXPECT_EQ(RunCraft({"vuln", "compare", "--ecosystem", "Debian", "1:1.0-1", "2.0"}).output, ">\n");
  EXPECT_EQ(RunCraft({"vuln", "compare", "--ecosystem", "PyPI", "1.0rc1", "1.0"}).output, "<\n");
  EXPECT_EQ(RunCraft({"vuln", "compare", "--ecosystem", "npm", "1.0.0", "1.0.0+build"}).output,
            "=\n");
  EXPECT_EQ(RunCraft({"vuln", "compare", "--ecosystem", "Maven", "1.0-SNAPSHOT", "1.0"}).output,
            "<\n");
  EXPECT_EQ(RunCraft({"vuln", "compare", "--ecosystem", "nope", "1", "2"}).exit_code, 2);
}

// Issue 3: `craft sbom check` exits 0 when valid and at or above --fail-under, 14 under it, 2 when
// invalid or not an SBOM; its JSON carries the validate endpoint's fields.
TEST(Cli, SbomCheckExitCodesAndJson) {
  const std::string corpora = CRAFT_CORPORA;
  const std::string keycloak = corpora + "/cyclonedx-bom-examples/SBOM/keycloak-10.0.2/bom.json";
  auto ok = RunCraft({"sbom", "check", keycloak, "--format", "json"});
  ASSERT_EQ(ok.exit_code, 0) << ok.output;
  const auto json = nlohmann::json::parse(ok.output);
  // Independent count: the file's own components array (jq '.components | length').
  std::ifstream in(keycloak);
  const auto raw = nlohmann::json::parse(in);
  EXPECT_EQ(json["component_count"], raw["components"].size());
  for (const char* field :
       {"valid", "format", "spec_version", "component_count", "purl_coverage_pct",
        "versionless_count", "quality_score", "warnings", "errors"}) {
    EXPECT_TRUE(json.contains(field)) << field;
  }
  EXPECT_EQ(json["valid"], true);
  const double score = json["quality_score"];
  EXPECT_GT(score, 0);
  EXPECT_EQ(
      RunCraft({"sbom", "check", keycloak, "--fail-under", std::to_string(score + 1)}).exit_code,
      14);
  EXPECT_EQ(
      RunCraft({"sbom", "check", keycloak, "--fail-under", std::to_string(score - 1)}).exit_code,
      0);
  // Not an SBOM at all, and an XML file the CycloneDX 1.6 schema rejects.
  auto html = RunCraft({"sbom", "check", corpora + "/purl-spec/purl-types-index.json"});
  EXPECT_EQ(html.exit_code, 2) << html.output;
  auto invalid = RunCraft(
      {"sbom", "check",
       corpora + "/cyclonedx-spec/tools/src/test/resources/1.6/invalid-component-type-1.6.xml"});
  EXPECT_EQ(invalid.exit_code, 2) << invalid.output;
  EXPECT_NE(invalid.output.find("error"), std::string::npos);
  EXPECT_EQ(RunCraft({"sbom", "check", "/nonexistent.json"}).exit_code, 2);
}

// The text report (the default format) says what the JSON answer says: the header, every error
// and warning, the summary and one line per check of the profile, in the JSON's key order, with
// the reason of each check that does not pass and its count of failing components. It is written
// from the result itself, not from the JSON, so the two are compared here.
TEST(Cli, SbomCheckTextSaysWhatTheJsonSays) {
  const std::string corpora = CRAFT_CORPORA;
  for (const std::string& file :
       {corpora + "/cyclonedx-bom-examples/SBOM/keycloak-10.0.2/bom.json",
        corpora + "/spdx-spec/support-2.3.1/examples/SPDXTagExample-v2.3.spdx",
        corpora + "/sbomqs/testdata/bsi/noneComponentLicense.cdx16.json"}) {
    for (const char* profile : {"bsi-v2.1", "bsi-v2.0", "ntia"}) {
      SCOPED_TRACE(file + " " + profile);
      const auto text = RunCraft({"sbom", "check", file, "--profile", profile});
      const auto r = nlohmann::json::parse(
          RunCraft({"sbom", "check", file, "--profile", profile, "--format", "json"}).output);
      std::ostringstream want;
      want << file << ": " << (r["valid"].get<bool>() ? "valid" : "INVALID") << " "
           << r["format"].get<std::string>() << " " << r["spec_version"].get<std::string>() << ", "
           << r["component_count"] << " components, quality score "
           << r["quality_score"].get<double>() << " (" << r["grade"].get<std::string>() << ")\n";
      for (const char* kind : {"errors", "warnings"}) {
        for (const auto& d : r[kind]) {
          want << (kind == std::string("errors") ? "  error   " : "  warning ")
               << d["location"].get<std::string>() << ": " << d["message"].get<std::string>()
               << "\n";
        }
      }
      const auto& s = r["summary"];
      want << "  components: " << s["total"] << " (direct " << s["direct"] << ", transitive "
           << s["transitive"] << "), PURL coverage " << r["purl_coverage_pct"].get<double>()
           << "%, licence coverage " << s["license_coverage_pct"].get<double>() << "%, versionless "
           << r["versionless_count"] << ", duplicates " << s["duplicates"] << "\n";
      const auto& report = r["report"];
      want << "  " << profile << ": "
           << (report["conforms"].get<bool>() ? "conforms" : "does not conform") << "\n";
      for (const auto& [name, check] : report["checks"].items()) {
        want << "    " << check["outcome"].get<std::string>() << "  " << name;
        if (check["outcome"] != "pass") want << ": " << check["reason"].get<std::string>();
        if (!check["failing"].empty()) want << " (" << check["failing"].size() << " components)";
        want << "\n";
      }
      EXPECT_EQ(text.output, want.str());
    }
  }
}

}  // namespace
}  // namespace craft::testing
