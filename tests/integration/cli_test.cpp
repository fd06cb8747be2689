// The command line: --help on every command, settings from CRAFT_* variables, and the offline
// commands that need no server.

#include <gtest/gtest.h>

#include "craft_server.h"

namespace craft::testing {
namespace {

// Issue 2: `craft --help` and `--help` on every subcommand describe every flag.
TEST(Cli, HelpOnEveryCommand) {
  const std::vector<std::pair<std::vector<std::string>, std::vector<std::string>>> cases = {
      {{"--help"}, {"serve", "admin", "vuln", "export"}},
      {{"serve", "--help"},
       {"--data", "--listen", "--json-limit", "--upload-limit", "--read-timeout",
        "--max-connections", "CRAFT_DATA", "CRAFT_LISTEN"}},
      {{"admin", "--help"}, {"org", "audit"}},
      {{"admin", "org", "create", "--help"}, {"NAME", "--data"}},
      {{"admin", "org", "list", "--help"}, {"--data"}},
      {{"admin", "audit", "verify", "--help"}, {"--data"}},
      {{"vuln", "compare", "--help"}, {"--ecosystem"}},
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

}  // namespace
}  // namespace craft::testing
