// craft sbom convert / craft sbom merge: write an SBOM as CycloneDX 1.6 or SPDX 2.3 JSON, or merge
// several SBOMs (the manufacturer's first, then its suppliers') into one product SBOM. Exit 0 on
// success, 2 when an input is unreadable or not an SBOM, 1 when the output cannot be written.

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "app/commands.h"
#include "app/input_file.h"
#include "sbom/merge.h"
#include "sbom/parse.h"
#include "sbom/write/write.h"

namespace craft::app {
namespace {

constexpr const char* kCycloneDx = "cyclonedx-1.6";
constexpr const char* kSpdx = "spdx-2.3";

struct ConvertOptions {
  std::vector<std::string> files;
  std::string to = kCycloneDx;
  std::string output;
  std::string name;
  std::string version;
};

[[noreturn]] void Fail(const std::string& command, const std::string& message, int code) {
  std::cerr << "craft sbom " << command << ": " << message << "\n";
  throw CLI::RuntimeError(code);
}

// The SBOM in `file`; exits 2 naming the file and the first error (with its location) when the
// file cannot be read or is not an SBOM.
sbom::Document ReadSbom(const std::string& command, const std::string& file) {
  auto parsed = sbom::Parse(ReadSbomFile("sbom " + command, file));
  const sbom::Diagnostic* first_error = nullptr;
  for (const auto& d : parsed.diagnostics) {
    if (d.severity == sbom::Diagnostic::Severity::kError) {
      first_error = &d;
      break;
    }
  }
  if (!parsed.value) {
    Fail(command,
         file + ": not a readable SBOM" +
             (first_error ? ": " + first_error->location + ": " + first_error->message : ""),
         2);
  }
  if (first_error) {
    std::cerr << "warning: " << file << ": " << first_error->location << ": "
              << first_error->message << "\n";
  }
  return std::move(*parsed.value);
}

// `bytes` to `path` whole or not at all: a temporary file beside it, synced, then renamed.
void WriteAtomically(const std::string& command, const std::filesystem::path& path,
                     const std::string& bytes) {
  const auto folder = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  std::string temp = (folder / ("." + path.filename().string() + ".XXXXXX")).string();
  const int fd = mkstemp(temp.data());
  if (fd < 0) Fail(command, path.string() + ": " + std::strerror(errno), 1);
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    written += static_cast<std::size_t>(n);
  }
  const bool ok = written == bytes.size() && fchmod(fd, 0644) == 0 && fsync(fd) == 0;
  const int saved = errno;
  close(fd);
  if (!ok || std::rename(temp.c_str(), path.c_str()) != 0) {
    const int error = ok ? errno : saved;
    std::filesystem::remove(temp);
    Fail(command, path.string() + ": " + std::strerror(error), 1);
  }
}

void Emit(const std::string& command, const sbom::Document& doc, const ConvertOptions& options) {
  std::vector<sbom::Diagnostic> warnings;
  const std::string bytes = options.to == kSpdx ? sbom::WriteSpdxJson(doc, &warnings)
                                                : sbom::WriteCycloneDxJson(doc, &warnings);
  for (const auto& w : warnings)
    std::cerr << "warning: " << w.location << ": " << w.message << "\n";
  WriteAtomically(command, options.output, bytes);
  std::cout << options.output << ": " << (options.to == kSpdx ? "SPDX 2.3" : "CycloneDX 1.6")
            << " JSON, " << doc.components.size() + (doc.metadata_component ? 1 : 0)
            << " components\n";
}

void AddOutputOptions(CLI::App* command, ConvertOptions& options) {
  command->add_option("-o,--output", options.output, "The file to write (replaced atomically)")
      ->required();
  command->add_option("--to", options.to, "Output format: cyclonedx-1.6 or spdx-2.3")
      ->check(CLI::IsMember({kCycloneDx, kSpdx}))
      ->capture_default_str();
}

}  // namespace

void AddSbomConvertCommands(CLI::App& sbom) {
  auto convert_options = std::make_shared<ConvertOptions>();
  CLI::App* convert = sbom.add_subcommand(
      "convert",
      "Write an SBOM (any format craft reads) as CycloneDX 1.6 or SPDX 2.3 JSON; exit 2 when the "
      "input is not a readable SBOM, 1 when the output cannot be written");
  convert->add_option("FILE", convert_options->files, "The SBOM to convert")
      ->required()
      ->expected(1);
  AddOutputOptions(convert, *convert_options);
  convert->callback([convert_options]() {
    Emit("convert", ReadSbom("convert", convert_options->files.front()), *convert_options);
  });

  auto merge_options = std::make_shared<ConvertOptions>();
  CLI::App* merge = sbom.add_subcommand(
      "merge",
      "Merge SBOMs (the manufacturer's first, then its suppliers') into one product SBOM: "
      "components deduplicated by purl, provenance in craft:sbom:source properties");
  merge->add_option("FILES", merge_options->files, "The SBOMs to merge, the manufacturer's first")
      ->required();
  AddOutputOptions(merge, *merge_options);
  merge->add_option("--name", merge_options->name, "Name of the product (the primary component)");
  merge->add_option("--version", merge_options->version, "Version of the product");
  merge->callback([merge_options]() {
    std::vector<sbom::Document> documents;
    for (const auto& file : merge_options->files) documents.push_back(ReadSbom("merge", file));
    const sbom::Document merged =
        sbom::Merge(documents, {merge_options->name, merge_options->version});
    Emit("merge", merged, *merge_options);
  });
}

}  // namespace craft::app
