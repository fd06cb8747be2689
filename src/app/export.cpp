// craft export: the Annex VII technical file, offline.

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/commands.h"
#include "app/data_folder.h"
#include "export/assemble.h"
#include "export/verify.h"
#include "export/zip_layout.h"

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

struct TechnicalFileOptions {
  std::string data_dir = "./var";
  std::string version_id;
  std::string output;
  bool no_sboms = false;
};

// The organisation that holds the version (versions are unique across the installation).
std::optional<std::string> OwnerOf(store::Store& store, const std::string& version_id) {
  for (const auto& org : store.ListOrganisations()) {
    if (store.GetVersion(org.id, version_id)) return org.id;
  }
  return std::nullopt;
}

// Writes the ZIP to a temporary file beside OUT and renames it into place: OUT is whole or absent.
void ExportTechnicalFile(const TechnicalFileOptions& options) {
  DataFolder folder = OpenDataFolder(options.data_dir);
  const auto org = OwnerOf(*folder.store, options.version_id);
  if (!org) {
    std::cerr << "craft export technical-file: no version " << options.version_id << " in "
              << options.data_dir << "\n";
    throw CLI::RuntimeError(2);
  }
  const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
  auto file =
      exporting::AssembleTechnicalFile(*folder.store, *folder.blobs, *org, options.version_id, now);
  const std::string out =
      options.output.empty() ? exporting::TechnicalFileName(*file) : options.output;
  const std::string temporary = out + ".partial";
  std::ofstream stream(temporary, std::ios::binary | std::ios::trunc);
  if (!stream) {
    std::cerr << "craft export technical-file: cannot write " << temporary << "\n";
    throw CLI::RuntimeError(2);
  }
  exporting::ExportSummary summary;
  try {
    summary = exporting::ExportAndRecord(
        *folder.store, *file,
        [&stream](std::string_view bytes) { stream.write(bytes.data(), bytes.size()); },
        !options.no_sboms, store::Actor{"cli:export"});
    stream.close();
    if (!stream) throw std::runtime_error("writing " + temporary + " failed");
    std::filesystem::rename(temporary, out);
  } catch (...) {
    std::filesystem::remove(temporary);
    throw;
  }
  std::cout << out << ": " << summary.size << " bytes, SHA-256 " << summary.sha256 << ", "
            << (file->readiness.ready ? "ready" : "incomplete") << std::endl;
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

  auto file_options = std::make_shared<TechnicalFileOptions>();
  CLI::App* technical_file = exporting->add_subcommand(
      "technical-file",
      "Write a version's signed technical-file ZIP from the data folder, offline");
  AddDataOption(*technical_file, file_options->data_dir);
  technical_file->add_option("--version", file_options->version_id, "The version's id")->required();
  technical_file->add_option("-o,--output", file_options->output,
                             "Output file (default: {product-slug}-{version}-technical-file-"
                             "{YYYY-MM-DD}.zip in the current folder)");
  technical_file->add_flag("--no-sboms", file_options->no_sboms,
                           "Leave the SBOM files out (the manifest still lists them)");
  technical_file->callback([file_options]() { ExportTechnicalFile(*file_options); });
}

}  // namespace craft::app
