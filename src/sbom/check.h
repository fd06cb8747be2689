#pragma once
// Checking an SBOM end to end: read it, validate it against its spec, summarise it, judge it
// against a profile and score it. `craft sbom check`, `POST /api/v1/sboms/validate` and the SBOM
// upload endpoint all answer from this one function, so they always agree.

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sbom/model.h"
#include "sbom/quality/ntia.h"
#include "sbom/quality/score.h"
#include "sbom/summary.h"

namespace craft::sbom {

enum class Profile { kBsiV2_1, kBsiV2_0, kNtia };

// "bsi-v2.1", "bsi-v2.0", "ntia".
std::string_view ProfileName(Profile profile);
std::optional<Profile> ParseProfile(std::string_view name);

struct CheckResult {
  // True when the bytes were read as an SBOM and neither reading nor validation found an error.
  bool valid = false;
  std::vector<Diagnostic> diagnostics;  // parse and validation, errors and warnings
  std::optional<Document> document;     // absent when the bytes are not a readable SBOM
  ComponentSummary summary;             // set with the document
  quality::QualityScore score;          // set with the document
};

// `input_parsed`, when set, is called at most once, when the bytes have been parsed into memory of
// the checker's own (JSON input, in simdjson's DOM); from then on they are read again only for a
// diagnostic or a fallback reading, so a caller that can read them back (a mapped file) may let
// them go from memory then.
CheckResult CheckSbom(std::string_view bytes, const Limits& limits = {},
                      const std::function<void()>& input_parsed = {});

// The answer of the validate endpoint and of `craft sbom check --format json`: valid, format,
// spec_version, component_count, purl_coverage_pct, versionless_count, quality_score, grade,
// warnings, errors (each {location, message}), summary; and `report` (the profile's checks) when
// `profile` is given.
nlohmann::json CheckResultJson(const CheckResult& result, std::optional<Profile> profile);

// The text of CheckResultJson(result, profile).dump(2), byte for byte, written directly: what
// `craft sbom check --format json` prints. Much faster on large SBOMs (no JSON tree of the
// profile's failing lists). Throws nlohmann::json::type_error, as dump() does, when a string is
// not valid UTF-8.
std::string CheckResultJsonText(const CheckResult& result, std::optional<Profile> profile);

// The report of one profile: {profile, conforms, checks: {name: {outcome, reason, failing}}}.
nlohmann::json ProfileReportJson(const Document& doc, Profile profile);

// The same report as plain data, for writers that need no JSON tree.
struct ProfileReport {
  struct Entry {
    std::string_view name;           // NtiaElementName or TrFieldName
    quality::Check check;            // failing components by index into the document
    std::optional<bool> additional;  // TR-03183-2: IsAdditional; NTIA: none
  };
  bool conforms = false;
  std::vector<Entry> checks;  // ordered by name, as the JSON object's keys are
};
ProfileReport JudgeProfile(const Document& doc, Profile profile);

}  // namespace craft::sbom
