// craft export: the Annex VII technical file, offline.

#include <fstream>
#include <iostream>
#include <sstream>

#include "app/commands.h"
#include "export/verify.h"

namespace craft::app {
namespace {

struct VerifyOptions {
  std::string zip;
  std::string public_key_file;
};

// Exit codes: 0 intact (and signature verified when a key was given), 4 when anything differs.
void VerifyExport(const VerifyOptions& options) {
  std::optional<std::string> key;
  if (!options.public_key_file.empty()) {
    std::ifstream in(options.public_key_file, std::ios::binary);
    if (!in) {
      std::cerr << "craft export verify: cannot read " << options.public_key_file << "\n";
      throw CLI::RuntimeError(2);
    }
    std::stringstream text;
    text << in.rdbuf();
    key = text.str();
  }
  const exporting::VerificationReport report = exporting::VerifyTechnicalFile(options.zip, key);
  if (report.ok()) {
    std::cout << options.zip << ": intact, " << report.entries_checked
              << " entries match manifest.json";
    if (key) std::cout << "; signature verified";
    std::cout << std::endl;
    return;
  }
  std::cout << options.zip << ": " << report.differences.size() << " difference(s)\n";
  for (const auto& d : report.differences) {
    std::cout << "  - " << exporting::ToString(d.kind) << (d.path.empty() ? "" : " " + d.path)
              << ": " << d.message << "\n";
  }
  std::cout.flush();
  throw CLI::RuntimeError(4);
}

}  // namespace

void AddExportCommands(CLI::App& app) {
  auto options = std::make_shared<VerifyOptions>();
  CLI::App* exporting = app.add_subcommand("export", "The Annex VII technical file");
  exporting->require_subcommand(1);
  CLI::App* verify = exporting->add_subcommand(
      "verify",
      "Check every entry of a technical-file ZIP against manifest.json and, with a public key, "
      "its Ed25519 signature; exit 4 when anything differs");
  verify->add_option("FILE", options->zip, "The technical-file ZIP")
      ->required()
      ->check(CLI::ExistingFile);
  verify
      ->add_option("--public-key", options->public_key_file,
                   "The organisation's Ed25519 public key (PEM) to check manifest.json.sig")
      ->envname("CRAFT_PUBLIC_KEY");
  verify->callback([options]() { VerifyExport(*options); });
}

}  // namespace craft::app
