#pragma once
// The string patterns and enumerations of the OSV JSON schema 1.7.5 (validation/schema.json), as
// predicates. Internal to src/vuln/import. Pure; never throw.

#include <string_view>

namespace craft::vuln::import::osv_schema {

// `$defs/prefix`: "x_" or one of the home database prefixes followed by "-" ("GHSA-", "PYSEC-",
// "SUSE-SU-", ...).
bool IsKnownIdPrefix(std::string_view id);

// `$defs/timestamp`: contains YYYY-MM-DDTHH:MM:SS[.fraction]Z somewhere (JSON Schema patterns are
// not anchored; the `date-time` format is an annotation only).
bool IsTimestamp(std::string_view text);

// `severity[].score` for the given `severity[].type` ("CVSS_V2", "CVSS_V3", "CVSS_V4", "Ubuntu").
// False for a type the schema does not define.
bool IsSeverityScore(std::string_view type, std::string_view score);

// `references[].type`: ADVISORY, ARTICLE, DETECTION, DISCUSSION, REPORT, FIX, INTRODUCED, GIT,
// PACKAGE, EVIDENCE, WEB.
bool IsReferenceType(std::string_view type);

// `credits[].type`: FINDER, REPORTER, ANALYST, COORDINATOR, REMEDIATION_DEVELOPER,
// REMEDIATION_REVIEWER, REMEDIATION_VERIFIER, TOOL, SPONSOR, OTHER.
bool IsCreditType(std::string_view type);

// GIT range events: "0", or a full SHA-1 (40) or SHA-256 (64) hash in lower-case hex.
bool IsGitEventValue(std::string_view value);

}  // namespace craft::vuln::import::osv_schema
