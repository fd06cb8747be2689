#pragma once
// Shared by the export tests: temporary folders, running poppler and unzip tools, reading files,
// and a sample technical file with Unicode names, documents, an SBOM and findings.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "export/technical_file.h"

namespace craft::exporting::fixture {

// A fresh folder under the system temporary directory, removed when the object goes.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};
// Runs a shell command line and collects what it prints (stderr too, unless told not to).
CommandResult RunCommand(const std::string& command_line, bool with_stderr = true);
// Quotes a path for the shell.
std::string Quote(const std::filesystem::path& path);

std::string ReadFile(const std::filesystem::path& path);
void WriteFile(const std::filesystem::path& path, const std::string& bytes);

// Peak resident set size of this process (VmHWM) in kB, and a reset of that peak to the current
// RSS (writing "5" to /proc/self/clear_refs), so a test measures its own peak.
std::int64_t PeakRssKb();
std::int64_t CurrentRssKb();
void ResetPeakRss();

// Validates JSON text against docs/manifest-v1.1.schema.json with valijson; returns one line per
// error (JSON pointer and description), or {"not JSON"}; empty when valid.
std::vector<std::string> ManifestSchemaErrors(const std::string& manifest_json);

// Extracts one entry of a ZIP with `unzip -p`.
std::string UnzipEntry(const std::filesystem::path& zip, const std::string& entry);

// A real CycloneDX SBOM from the corpora (CycloneDX/bom-examples, dropwizard 1.3.15).
std::string SampleSbom();

// The bytes of the sample's documents, SBOM and VEX live here, so the streamers stay valid.
struct SampleBytes {
  std::string risk_assessment = "Risk assessment of the Müller Zähler: threats and mitigations.\n";
  std::string declaration = "EU declaration of conformity — Müller GmbH.\n";
  std::string user_manual = "User manual (first file)\n";
  std::string user_manual_clash = "User manual (second file with the same name)\n";
  std::string policy = "Coordinated vulnerability disclosure: security@mueller.example\n";
  std::string sbom = SampleSbom();
  std::string vex = "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"vulnerabilities\":[]}";
};

// A complete sample: product "Müller Zähler-Gerät Ω", organisation with umlauts and accents,
// five documents (two user manuals with the same file name), one SBOM with `components`
// components, `findings` findings (some accepted, some KEV).
TechnicalFile SampleTechnicalFile(const SampleBytes& bytes, int components = 25, int findings = 6);

}  // namespace craft::exporting::fixture
