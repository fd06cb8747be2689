#pragma once
// The advisory model: what craft keeps of an OSV record, an NVD CVE, a CISA KEV entry and an EPSS
// score, in the formats' own words. Plain data: no behaviour beyond trivial accessors, no
// third-party types. Importers (src/vuln/import) fill it; the index and matcher (src/vuln/match)
// read it.
//
// Strings hold the text of the record as published (UTF-8), except where a field says it is
// normalised. Timestamps are RFC 3339 UTC strings ("2024-07-03T20:05:21Z"); an empty string means
// the record does not carry the field.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace craft::vuln::advisory {

// Where an advisory came from.
enum class Source { kOsv, kNvd };

// Its name: the store's `source` column, the stored record's field, the index's record key.
constexpr const char* SourceName(Source source) { return source == Source::kNvd ? "nvd" : "osv"; }

// OSV `severity[].type`. NVD metrics map onto the CVSS types (cvssMetricV2 -> kCvssV2,
// cvssMetricV30 and cvssMetricV31 -> kCvssV3, cvssMetricV40 -> kCvssV4).
enum class SeverityType { kCvssV2, kCvssV3, kCvssV4, kUbuntu };

// One `severity[]` entry: the type and the vector string (CVSS) or priority word (Ubuntu) exactly
// as published. Scores are computed from the vector by src/vuln/cvss, never trusted from the
// source; NVD's own figure is kept beside it for comparison.
struct Severity {
  SeverityType type = SeverityType::kCvssV3;
  std::string score;
  // NVD only: the baseScore NVD states for this vector, who scored it ("nvd@nist.gov" or a CNA's
  // UUID) and whether NVD lists it as the "Primary" metric.
  std::optional<double> stated_base_score;
  std::string source;
  bool primary = false;
};

// OSV `affected[].ranges[].events[]`: a single status change on the range's timeline.
struct RangeEvent {
  enum class Kind { kIntroduced, kFixed, kLastAffected, kLimit };
  Kind kind = Kind::kIntroduced;
  std::string version;  // "0" for introduced-from-the-start; "*" in a limit means infinity
};

// The OSV name of an event kind: "introduced", "fixed", "last_affected", "limit".
constexpr const char* RangeEventKindName(RangeEvent::Kind kind) {
  switch (kind) {
    case RangeEvent::Kind::kIntroduced:
      return "introduced";
    case RangeEvent::Kind::kFixed:
      return "fixed";
    case RangeEvent::Kind::kLastAffected:
      return "last_affected";
    case RangeEvent::Kind::kLimit:
      return "limit";
  }
  return "";
}

// OSV `affected[].ranges[]`.
struct AffectedRange {
  enum class Type { kSemver, kEcosystem, kGit };
  Type type = Type::kEcosystem;
  std::string repo;                // GIT ranges: the repository URL
  std::vector<RangeEvent> events;  // in the order of the record
};

// OSV `affected[].package`.
struct Package {
  std::string ecosystem;        // as in the record, with its suffix ("Debian:12", "PyPI")
  std::string name;             // as in the record
  std::string normalized_name;  // NormalizePackageName(ecosystem, name): the index key
  std::string purl;             // optional purl without version, as in the record
};

// OSV `affected[]`: a package and the versions of it that contain the vulnerability.
struct Affected {
  Package package;  // empty ecosystem and name for GIT-only entries without a package
  std::vector<AffectedRange> ranges;
  std::vector<std::string> versions;  // listed affected versions, matched by exact string
  std::vector<Severity> severity;     // per-package severity (then the record has none)
  // `database_specific.severity` and `ecosystem_specific.severity` when they are strings
  // (GitHub: "HIGH"; OSS-Fuzz: "MEDIUM"); empty otherwise.
  std::string database_specific_severity;
  std::string ecosystem_specific_severity;
};

// OSV `references[]` and NVD `references[]` (NVD has no type; its tags are kept instead).
struct Reference {
  std::string type;  // OSV: ADVISORY, ARTICLE, ..., WEB; NVD: ""
  std::string url;
  std::vector<std::string> tags;  // NVD only
};

// NVD `configurations[].nodes[].cpeMatch[]`: a CPE 2.3 match string and optional version bounds.
// Bounds are strings as NVD publishes them; empty when absent.
struct CpeMatch {
  std::string criteria;  // "cpe:2.3:a:vendor:product:version:..."
  bool vulnerable = false;
  std::string version_start_including;
  std::string version_start_excluding;
  std::string version_end_including;
  std::string version_end_excluding;
  std::string match_criteria_id;
};

enum class CpeOperator { kOr, kAnd };

// NVD `configurations[].nodes[]`.
struct CpeNode {
  CpeOperator op = CpeOperator::kOr;
  bool negate = false;
  std::vector<CpeMatch> cpe_match;
};

// NVD `configurations[]`: nodes combined with `operator` (OR when absent).
struct CpeConfiguration {
  CpeOperator op = CpeOperator::kOr;
  bool negate = false;
  std::vector<CpeNode> nodes;
};

// One vulnerability record: an OSV record, or an NVD CVE mapped onto the same fields.
struct Advisory {
  Source source = Source::kOsv;
  std::string id;
  std::string schema_version;  // OSV only
  std::vector<std::string> aliases;
  std::vector<std::string> related;
  std::vector<std::string> upstream;
  std::string modified;
  std::string published;
  std::string withdrawn;  // set: the advisory must not produce findings
  std::string summary;
  std::string details;
  std::vector<Severity> severity;
  // CWE ids ("CWE-79"): NVD weaknesses, OSV `database_specific.cwe_ids` (GitHub).
  std::vector<std::string> cwe_ids;
  // `database_specific.severity` of the record when it is a string (GitHub's "CRITICAL").
  std::string database_specific_severity;
  std::vector<Reference> references;
  std::vector<Affected> affected;
  // NVD only.
  std::vector<CpeConfiguration> configurations;
  std::string nvd_vuln_status;  // "Analyzed", "Modified", "Rejected", ...

  bool IsWithdrawn() const { return !withdrawn.empty(); }
};

// One entry of the CISA Known Exploited Vulnerabilities catalogue. Dates are "YYYY-MM-DD".
struct KevEntry {
  std::string cve_id;
  std::string vendor_project;
  std::string product;
  std::string vulnerability_name;
  std::string date_added;
  std::string short_description;
  std::string required_action;
  std::string due_date;
  std::string known_ransomware_campaign_use;  // "Known" or "Unknown"
  std::string notes;
  std::vector<std::string> cwes;

  bool KnownRansomwareUse() const { return known_ransomware_campaign_use == "Known"; }
};

// The KEV catalogue as published (known_exploited_vulnerabilities.json).
struct KevCatalog {
  std::string title;
  std::string catalog_version;
  std::string date_released;
  std::int64_t count = 0;  // as the catalogue states it
  std::vector<KevEntry> vulnerabilities;
};

// One row of the EPSS daily CSV. The model version and score date are the file's, repeated here
// so a row stands on its own once stored.
struct EpssEntry {
  std::string cve;
  double epss = 0;        // probability of exploitation in the next 30 days, 0..1
  double percentile = 0;  // 0..1
  std::string model_version;
  std::string score_date;
};

// The EPSS file header: `#model_version:v2025.03.14,score_date:2025-08-25T00:00:00Z`.
struct EpssScores {
  std::string model_version;
  std::string score_date;
  std::vector<EpssEntry> entries;
};

// What an importer noticed. An error on a record means the record was rejected (left out of the
// result); a warning means it was kept. `record` names the record (its id when known, otherwise
// "#<n>" for its position in a page, catalogue or archive, or an archive entry name; "line <n>" for
// CSV rows); `location` is a JSON pointer inside it ("/affected/0/ranges/1/events") or empty for
// the record as a whole.
struct ImportDiagnostic {
  enum class Severity { kError, kWarning };
  Severity severity = Severity::kError;
  std::string record;
  std::string location;
  std::string message;
};

// Limits on untrusted input. Input beyond them is refused with an error diagnostic, never
// truncated.
struct ImportLimits {
  std::size_t max_record_bytes = std::size_t{64} * 1024 * 1024;     // one OSV record, one NVD page
  std::size_t max_document_bytes = std::size_t{512} * 1024 * 1024;  // KEV catalogue, EPSS file
  std::size_t max_depth = 64;                                       // JSON nesting
  std::size_t max_archive_entries = 5'000'000;                      // OSV all.zip
};

}  // namespace craft::vuln::advisory
