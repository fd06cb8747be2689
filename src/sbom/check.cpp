#include "sbom/check.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

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

// The specVersion the CycloneDX reader will take from `root`: the last one's, when it is a string
// ("" when there is none); nullopt when it is not a string.
std::optional<std::string> SpecVersion(simdjson::dom::element root) {
  std::optional<std::string> found = "";
  const simdjson::dom::object object = root.get_object().value_unsafe();
  for (const simdjson::dom::key_value_pair field : object) {
    if (field.key != "specVersion") continue;
    found.reset();
    std::string_view text;
    if (field.value.get_string().get(text) == simdjson::SUCCESS) found = std::string(text);
  }
  return found;
}

// The check's validation of CycloneDX JSON, done on simdjson's DOM before the document is read
// from it: the reader may then let the DOM's strings go as it reads (parse::CycloneDxDomOpened),
// so that they are not held twice at the peak. Used when the document is read with the same
// format and spec version; other documents are validated afterwards, from the bytes.
struct ValidatedFirst {
  std::string spec_version;
  std::optional<std::vector<Diagnostic>> diagnostics;

  bool Holds(const Document& doc) const {
    return diagnostics && doc.format == Format::kCycloneDxJson && doc.spec_version == spec_version;
  }
};

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
  // JSON is parsed once: the validator checks the DOM the reader reads.
  ValidatedFirst first;
  const parse::CycloneDxDomOpened validate_first = [&](const parse::JsonDom& json) {
    std::optional<std::string> spec_version = SpecVersion(json.root);
    if (!spec_version) return true;  // the reader warns, or needs the text: no schema is used
    Document probe;
    probe.format = Format::kCycloneDxJson;
    probe.spec_version = first.spec_version = std::move(*spec_version);
    first.diagnostics = ValidateAgainstSpec(bytes, probe, &json);
    return true;
  };
  Parsed<Document> parsed =
      parse::ParseKeepingJson(bytes, limits, nullptr, &input_parsed, &validate_first);
  result.diagnostics = std::move(parsed.diagnostics);
  if (parsed.value) {
    std::vector<Diagnostic> found = first.Holds(*parsed.value)
                                        ? std::move(*first.diagnostics)
                                        : ValidateAgainstSpec(bytes, *parsed.value);
    for (auto& d : found) result.diagnostics.push_back(std::move(d));
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
