#include "sbom/check.h"

#include <algorithm>
#include <memory>

#include "sbom/parse.h"
#include "sbom/parse/formats.h"
#include "sbom/parse/json_dom.h"
#include "sbom/quality/ntia.h"
#include "sbom/quality/tr03183.h"
#include "sbom/validate/validate.h"

namespace craft::sbom {
namespace {

nlohmann::json CheckJson(const Document& doc, const quality::Check& check) {
  return {{"outcome", quality::OutcomeName(check.outcome)},
          {"reason", check.reason},
          {"failing", quality::FailingLabels(doc, check)}};
}

nlohmann::json Diagnostics(const std::vector<Diagnostic>& all, Diagnostic::Severity severity) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& d : all) {
    if (d.severity == severity) list.push_back({{"location", d.location}, {"message", d.message}});
  }
  return list;
}

}  // namespace

std::string_view ProfileName(Profile profile) {
  switch (profile) {
    case Profile::kBsiV2_1:
      return "bsi-v2.1";
    case Profile::kBsiV2_0:
      return "bsi-v2.0";
    case Profile::kNtia:
      return "ntia";
  }
  return "bsi-v2.1";
}

std::optional<Profile> ParseProfile(std::string_view name) {
  for (Profile p : {Profile::kBsiV2_1, Profile::kBsiV2_0, Profile::kNtia}) {
    if (ProfileName(p) == name) return p;
  }
  return std::nullopt;
}

CheckResult CheckSbom(std::string_view bytes, const Limits& limits,
                      const std::function<void()>& input_parsed) {
  CheckResult result;
  // JSON is parsed once: the validator checks the DOM the reader read, then it is freed.
  std::unique_ptr<parse::JsonDom> json;
  Parsed<Document> parsed = parse::ParseKeepingJson(bytes, limits, &json, &input_parsed);
  result.diagnostics = std::move(parsed.diagnostics);
  if (parsed.value) {
    for (auto& d : ValidateAgainstSpec(bytes, *parsed.value, json.get())) {
      result.diagnostics.push_back(std::move(d));
    }
    json.reset();
    result.summary = Summarise(*parsed.value);
    result.score = quality::ScoreSbom(*parsed.value);
    result.document = std::move(parsed.value);
  }
  result.valid =
      result.document &&
      std::none_of(result.diagnostics.begin(), result.diagnostics.end(),
                   [](const auto& d) { return d.severity == Diagnostic::Severity::kError; });
  return result;
}

ProfileReport JudgeProfile(const Document& doc, Profile profile) {
  ProfileReport report;
  if (profile == Profile::kNtia) {
    auto ntia = quality::CheckNtia(doc);
    report.conforms = ntia.Conforms();
    for (std::size_t i = 0; i < quality::kNtiaElementCount; ++i) {
      const auto element = static_cast<quality::NtiaElement>(i);
      report.checks.push_back(
          {quality::NtiaElementName(element), std::move(ntia.elements[i]), std::nullopt});
    }
  } else {
    const auto version =
        profile == Profile::kBsiV2_0 ? quality::TrVersion::kV2_0_0 : quality::TrVersion::kV2_1_0;
    auto tr = quality::CheckTr03183(doc, version);
    report.conforms = tr.Conforms();
    for (std::size_t i = 0; i < quality::kTrFieldCount; ++i) {
      const auto field = static_cast<quality::TrField>(i);
      report.checks.push_back(
          {quality::TrFieldName(field), std::move(tr.fields[i]), quality::IsAdditional(field)});
    }
  }
  std::sort(report.checks.begin(), report.checks.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  return report;
}

nlohmann::json ProfileReportJson(const Document& doc, Profile profile) {
  const ProfileReport judged = JudgeProfile(doc, profile);
  nlohmann::json checks = nlohmann::json::object();
  for (const ProfileReport::Entry& e : judged.checks) {
    nlohmann::json check = CheckJson(doc, e.check);
    if (e.additional) check["additional"] = *e.additional;
    checks[std::string(e.name)] = std::move(check);
  }
  return {{"profile", ProfileName(profile)}, {"conforms", judged.conforms}, {"checks", checks}};
}

nlohmann::json CheckResultJson(const CheckResult& result, std::optional<Profile> profile) {
  nlohmann::json out = {
      {"valid", result.valid},
      {"errors", Diagnostics(result.diagnostics, Diagnostic::Severity::kError)},
      {"warnings", Diagnostics(result.diagnostics, Diagnostic::Severity::kWarning)}};
  if (!result.document) return out;
  const Document& doc = *result.document;
  const ComponentSummary& summary = result.summary;
  out["format"] = FormatName(doc.format);
  out["spec_version"] = doc.spec_version;
  out["component_count"] = summary.total;
  out["purl_coverage_pct"] = summary.purl_coverage_pct;
  out["versionless_count"] = summary.versionless;
  out["quality_score"] = result.score.score;
  out["grade"] = std::string(1, result.score.grade);
  out["summary"] = {
      {"total", summary.total},           {"direct", summary.direct},
      {"transitive", summary.transitive}, {"unreachable", summary.unreachable},
      {"by_type", summary.by_type},       {"license_coverage_pct", summary.license_coverage_pct},
      {"duplicates", summary.duplicates}};
  if (profile) out["report"] = ProfileReportJson(doc, *profile);
  return out;
}

}  // namespace craft::sbom
