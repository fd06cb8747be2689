// craft sbom check: read an SBOM, validate it, judge it against a profile and score it, for CI
// pipelines. Exit 0 when valid and at or above --fail-under, 14 when under it, 2 when invalid or
// not an SBOM at all.

#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/commands.h"
#include "app/input_file.h"
#include "sbom/check.h"

namespace craft::app {
namespace {

struct CheckOptions {
  std::string file;
  std::string profile = "bsi-v2.1";
  std::string format = "text";
  double fail_under = 0;
};

// The text report: the same facts as CheckResultJson, read from the result directly (the JSON
// tree of a large SBOM's report held a string per failing component and check).
void PrintText(const sbom::CheckResult& r, std::optional<sbom::Profile> profile,
               const std::string& file) {
  std::cout << file << ": " << (r.valid ? "valid" : "INVALID");
  if (r.document) {
    std::cout << " " << sbom::FormatName(r.document->format) << " " << r.document->spec_version
              << ", " << r.summary.total << " components, quality score " << r.score.score << " ("
              << r.score.grade << ")";
  }
  std::cout << "\n";
  for (const auto severity :
       {sbom::Diagnostic::Severity::kError, sbom::Diagnostic::Severity::kWarning}) {
    for (const auto& d : r.diagnostics) {
      if (d.severity != severity) continue;
      std::cout << (severity == sbom::Diagnostic::Severity::kError ? "  error   " : "  warning ")
                << d.location << ": " << d.message << "\n";
    }
  }
  if (!r.document || !profile) return;
  const sbom::ComponentSummary& s = r.summary;
  std::cout << "  components: " << s.total << " (direct " << s.direct << ", transitive "
            << s.transitive << "), PURL coverage " << s.purl_coverage_pct << "%, licence coverage "
            << s.license_coverage_pct << "%, versionless " << s.versionless << ", duplicates "
            << s.duplicates << "\n";
  const sbom::ProfileReport report = sbom::JudgeProfile(*r.document, *profile);
  std::cout << "  " << sbom::ProfileName(*profile) << ": "
            << (report.conforms ? "conforms" : "does not conform") << "\n";
  for (const auto& [name, check, additional] : report.checks) {
    std::cout << "    " << sbom::quality::OutcomeName(check.outcome) << "  " << name;
    if (check.outcome != sbom::quality::Outcome::kPass) std::cout << ": " << check.reason;
    if (!check.failing.empty()) std::cout << " (" << check.failing.size() << " components)";
    std::cout << "\n";
  }
}

// The result of the last check, kept until the process ends: `craft sbom check` exits right after
// printing it, and freeing the document of a 100,000-component SBOM (millions of small strings)
// took a tenth of the run. Reachable from here, so LeakSanitizer does not count it as a leak.
const sbom::CheckResult* kept_result = nullptr;

const sbom::CheckResult& CheckFile(const std::string& file) {
  const InputBytes bytes = ReadSbomFile("sbom check", file);
  // Once parsed, the file's pages need not stay in memory beside the DOM and the document.
  auto* result =
      new sbom::CheckResult(sbom::CheckSbom(bytes, {}, [&bytes] { bytes.LetGoOfPages(); }));
  delete kept_result;
  kept_result = result;
  return *result;
}

void Check(const CheckOptions& options) {
  // The file is released before the report is written, the document is not (see above).
  const sbom::CheckResult& check = CheckFile(options.file);
  if (options.format == "json") {
    std::cout << sbom::CheckResultJsonText(check, sbom::ParseProfile(options.profile)) << std::endl;
  } else {
    PrintText(check, sbom::ParseProfile(options.profile), options.file);
  }
  std::cout.flush();
  if (!check.valid) throw CLI::RuntimeError(2);
  if (check.score.score < options.fail_under) throw CLI::RuntimeError(14);
}

}  // namespace

void AddSbomCommands(CLI::App& app) {
  auto options = std::make_shared<CheckOptions>();
  CLI::App* sbom = app.add_subcommand("sbom", "SBOMs: check, score");
  AddSbomConvertCommands(*sbom);
  sbom->require_subcommand(1);
  CLI::App* check = sbom->add_subcommand(
      "check",
      "Validate an SBOM (CycloneDX 1.4-1.7 JSON/XML, SPDX 2.2/2.3 JSON/tag-value, SPDX 3.0.1), "
      "summarise it, judge it against a profile and score it; exit 0 when valid and at or above "
      "--fail-under, 14 when under it, 2 when invalid or not an SBOM");
  check->add_option("FILE", options->file, "The SBOM file (format detected from its content)")
      ->required();
  check->add_option("--profile", options->profile, "bsi-v2.1, bsi-v2.0 or ntia")
      ->check(CLI::IsMember({"bsi-v2.1", "bsi-v2.0", "ntia"}))
      ->capture_default_str();
  check->add_option("--format", options->format, "Output: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  check
      ->add_option("--fail-under", options->fail_under,
                   "Exit 14 when the quality score (0-100) is under this")
      ->envname("CRAFT_SBOM_FAIL_UNDER")
      ->check(CLI::Range(0.0, 100.0));
  check->callback([options]() { Check(*options); });
}

}  // namespace craft::app
