// craft sbom check: read an SBOM, validate it, judge it against a profile and score it, for CI
// pipelines. Exit 0 when valid and at or above --fail-under, 14 when under it, 2 when invalid or
// not an SBOM at all.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/commands.h"
#include "sbom/parse.h"
#include "sbom/quality/ntia.h"
#include "sbom/quality/score.h"
#include "sbom/quality/tr03183.h"
#include "sbom/summary.h"
#include "sbom/validate/cyclonedx_xml_schema.h"

namespace craft::app {
namespace {

struct CheckOptions {
  std::string file;
  std::string profile = "bsi-v2.1";
  std::string format = "text";
  double fail_under = 0;
};

nlohmann::json CheckJson(const sbom::quality::Check& check) {
  return {{"outcome", sbom::quality::OutcomeName(check.outcome)},
          {"reason", check.reason},
          {"failing", check.failing}};
}

nlohmann::json ProfileReport(const sbom::Document& doc, const std::string& profile) {
  nlohmann::json report = nlohmann::json::object();
  if (profile == "ntia") {
    const auto ntia = sbom::quality::CheckNtia(doc);
    for (std::size_t i = 0; i < sbom::quality::kNtiaElementCount; ++i) {
      const auto element = static_cast<sbom::quality::NtiaElement>(i);
      report[std::string(sbom::quality::NtiaElementName(element))] = CheckJson(ntia[element]);
    }
    return {{"profile", profile}, {"conforms", ntia.Conforms()}, {"checks", report}};
  }
  const auto version =
      profile == "bsi-v2.0" ? sbom::quality::TrVersion::kV2_0_0 : sbom::quality::TrVersion::kV2_1_0;
  const auto tr = sbom::quality::CheckTr03183(doc, version);
  for (std::size_t i = 0; i < sbom::quality::kTrFieldCount; ++i) {
    const auto field = static_cast<sbom::quality::TrField>(i);
    nlohmann::json check = CheckJson(tr[field]);
    check["additional"] = sbom::quality::IsAdditional(field);
    report[std::string(sbom::quality::TrFieldName(field))] = check;
  }
  return {{"profile", profile}, {"conforms", tr.Conforms()}, {"checks", report}};
}

nlohmann::json Diagnostics(const std::vector<sbom::Diagnostic>& all,
                           sbom::Diagnostic::Severity severity) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& d : all) {
    if (d.severity == severity) list.push_back({{"location", d.location}, {"message", d.message}});
  }
  return list;
}

// The result as the validate endpoint will answer it (issue 3), plus summary and report.
nlohmann::json CheckResult(const std::string& bytes, const std::string& profile) {
  sbom::Parsed<sbom::Document> parsed = sbom::Parse(bytes);
  std::vector<sbom::Diagnostic> diagnostics = parsed.diagnostics;
  if (parsed.value && parsed.value->format == sbom::Format::kCycloneDxXml) {
    for (auto& d : sbom::ValidateCycloneDxXml(bytes, parsed.value->spec_version)) {
      diagnostics.push_back(std::move(d));
    }
  }
  const bool valid =
      parsed.value && std::none_of(diagnostics.begin(), diagnostics.end(), [](const auto& d) {
        return d.severity == sbom::Diagnostic::Severity::kError;
      });
  nlohmann::json out = {
      {"valid", valid},
      {"errors", Diagnostics(diagnostics, sbom::Diagnostic::Severity::kError)},
      {"warnings", Diagnostics(diagnostics, sbom::Diagnostic::Severity::kWarning)}};
  if (!parsed.value) return out;
  const sbom::Document& doc = *parsed.value;
  const auto summary = sbom::Summarise(doc);
  const auto score = sbom::quality::ScoreSbom(doc);
  out["format"] = sbom::FormatName(doc.format);
  out["spec_version"] = doc.spec_version;
  out["component_count"] = summary.total;
  out["purl_coverage_pct"] = summary.purl_coverage_pct;
  out["versionless_count"] = summary.versionless;
  out["quality_score"] = score.score;
  out["grade"] = std::string(1, score.grade);
  out["summary"] = {
      {"total", summary.total},           {"direct", summary.direct},
      {"transitive", summary.transitive}, {"unreachable", summary.unreachable},
      {"by_type", summary.by_type},       {"license_coverage_pct", summary.license_coverage_pct},
      {"duplicates", summary.duplicates}};
  out["report"] = ProfileReport(doc, profile);
  return out;
}

void PrintText(const nlohmann::json& r, const std::string& file) {
  std::cout << file << ": " << (r["valid"].get<bool>() ? "valid" : "INVALID");
  if (r.contains("format")) {
    std::cout << " " << r["format"].get<std::string>() << " "
              << r["spec_version"].get<std::string>() << ", " << r["component_count"]
              << " components, quality score " << r["quality_score"].get<double>() << " ("
              << r["grade"].get<std::string>() << ")";
  }
  std::cout << "\n";
  for (const auto& e : r["errors"]) {
    std::cout << "  error   " << e["location"].get<std::string>() << ": "
              << e["message"].get<std::string>() << "\n";
  }
  for (const auto& w : r["warnings"]) {
    std::cout << "  warning " << w["location"].get<std::string>() << ": "
              << w["message"].get<std::string>() << "\n";
  }
  if (!r.contains("report")) return;
  const auto& s = r["summary"];
  std::cout << "  components: " << s["total"] << " (direct " << s["direct"] << ", transitive "
            << s["transitive"] << "), PURL coverage " << r["purl_coverage_pct"].get<double>()
            << "%, licence coverage " << s["license_coverage_pct"].get<double>()
            << "%, versionless " << r["versionless_count"] << ", duplicates " << s["duplicates"]
            << "\n";
  const auto& report = r["report"];
  std::cout << "  " << report["profile"].get<std::string>() << ": "
            << (report["conforms"].get<bool>() ? "conforms" : "does not conform") << "\n";
  for (const auto& [name, check] : report["checks"].items()) {
    std::cout << "    " << check["outcome"].get<std::string>() << "  " << name;
    if (check["outcome"] != "pass") std::cout << ": " << check["reason"].get<std::string>();
    if (!check["failing"].empty()) std::cout << " (" << check["failing"].size() << " components)";
    std::cout << "\n";
  }
}

void Check(const CheckOptions& options) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(options.file, ec);
  if (ec || size > sbom::Limits{}.max_bytes) {
    std::cerr << "craft sbom check: " << options.file
              << (ec ? ": " + ec.message() : " is larger than the 256 MiB limit") << "\n";
    throw CLI::RuntimeError(2);
  }
  std::ifstream in(options.file, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const nlohmann::json result = CheckResult(buffer.str(), options.profile);
  if (options.format == "json") {
    std::cout << result.dump(2) << std::endl;
  } else {
    PrintText(result, options.file);
  }
  std::cout.flush();
  if (!result["valid"].get<bool>()) throw CLI::RuntimeError(2);
  if (result["quality_score"].get<double>() < options.fail_under) throw CLI::RuntimeError(14);
}

}  // namespace

void AddSbomCommands(CLI::App& app) {
  auto options = std::make_shared<CheckOptions>();
  CLI::App* sbom = app.add_subcommand("sbom", "SBOMs: check, score");
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
