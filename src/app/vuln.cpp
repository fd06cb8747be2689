// craft vuln: the vulnerability engine from the command line.

#include <iostream>

#include "app/commands.h"
#include "vuln/version/compare.h"

namespace craft::app {
namespace {

struct CompareOptions {
  std::string ecosystem;
  std::string a;
  std::string b;
};

void CompareVersions(const CompareOptions& options) {
  const auto scheme = vuln::version::ParseSchemeName(options.ecosystem);
  if (!scheme) {
    std::cerr << "craft vuln compare: unknown ecosystem '" << options.ecosystem
              << "' (use an OSV ecosystem name such as npm, PyPI, Maven, Debian, Alpine, "
                 "Red Hat, or a scheme such as semver, pep440, dpkg, apk, rpm)\n";
    throw CLI::RuntimeError(2);
  }
  const int order = vuln::version::Compare(*scheme, options.a, options.b);
  std::cout << (order < 0 ? "<" : order > 0 ? ">" : "=") << std::endl;
}

}  // namespace

void AddVulnCommands(CLI::App& app) {
  auto options = std::make_shared<CompareOptions>();
  CLI::App* vuln = app.add_subcommand("vuln", "Vulnerability engine: version ordering, matching");
  vuln->require_subcommand(1);
  CLI::App* compare = vuln->add_subcommand(
      "compare", "Compare two versions with an ecosystem's own ordering; prints <, = or >");
  compare
      ->add_option("--ecosystem", options->ecosystem,
                   "OSV ecosystem (npm, PyPI, Maven, Go, crates.io, NuGet, RubyGems, "
                   "Packagist, Pub, Debian, Ubuntu, Alpine, Red Hat, CRAN, Hackage, ...) or "
                   "scheme name")
      ->required();
  compare->add_option("A", options->a, "First version")->required();
  compare->add_option("B", options->b, "Second version")->required();
  compare->callback([options]() { CompareVersions(*options); });
  AddVulnDatabaseCommands(*vuln);
}

}  // namespace craft::app
