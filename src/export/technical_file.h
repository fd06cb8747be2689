#pragma once
// The technical file of one version (Annex VII, CRA.md "The export"), as plain data: everything the
// export renders into manifest.json, technical-file.pdf and the ZIP. The server fills it from the
// store; nothing here reads a database, a blob store or a clock. Bytes of documents and SBOMs are
// not held in memory: each carries a streamer that hands its bytes to a sink, chunk by chunk.

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/readiness.h"
#include "core/retention.h"

namespace craft::exporting {

// Receives bytes, one chunk at a time; may throw to abort.
using ByteSink = std::function<void(std::string_view)>;
// Hands its bytes to the sink it is given, in order, in chunks of any size; may throw.
using ByteStreamer = std::function<void(const ByteSink&)>;

// A streamer over bytes the caller keeps alive for as long as the streamer is used.
ByteStreamer StreamOf(std::string_view bytes);

struct TechnicalFileDocument {
  core::Document document;  // size and sha256 are the stored (content-addressed) values
  ByteStreamer content;     // empty when the bytes are not available
};

// What the SBOM engine's summary says about one SBOM.
struct SbomSummary {
  std::uint64_t components = 0;
  std::uint64_t direct = 0;      // dependencies of the described product itself
  std::uint64_t transitive = 0;  // everything else reachable
  // Components by type ("library", "application", "framework", ...), in the order to show.
  std::vector<std::pair<std::string, std::uint64_t>> by_type;
  std::uint64_t with_purl = 0;     // components carrying a Package URL
  std::uint64_t with_licence = 0;  // components carrying at least one licence
  std::uint64_t versionless = 0;   // components without a version
};

struct TechnicalFileSbom {
  std::string id;
  std::string file_name;     // as uploaded
  std::string format;        // "CycloneDX" or "SPDX"
  std::string spec_version;  // "1.6", "2.3", ...
  std::string media_type;    // "application/vnd.cyclonedx+json", ...
  std::uint64_t size = 0;
  std::string sha256;  // lowercase hex, the stored value
  SbomSummary summary;
  ByteStreamer content;  // empty when the bytes are not available
};

struct ComponentHash {
  std::string algorithm;  // "SHA-256", "SHA-512", ...
  std::string value;      // hex
};

// One entry of sboms/sbom-components.json: a component as the SBOM engine normalised it.
struct NormalisedComponent {
  std::string name;
  std::string version;
  std::string type;
  std::string purl;
  std::string cpe;
  std::vector<std::string> licences;  // SPDX expressions or names
  std::vector<ComponentHash> hashes;
  std::string supplier;
};

enum class Severity { kCritical, kHigh, kMedium, kLow, kNone, kUnknown };
inline constexpr std::array<Severity, 6> kSeverities = {Severity::kCritical, Severity::kHigh,
                                                        Severity::kMedium,   Severity::kLow,
                                                        Severity::kNone,     Severity::kUnknown};
std::string_view ToString(Severity severity);  // "critical", "high", ..., "unknown"

// The triage state of a finding: the four VEX states, plus craft's `false_positive`.
enum class TriageStatus { kUnderInvestigation, kAffected, kNotAffected, kFixed, kFalsePositive };
std::string_view ToString(TriageStatus status);  // "under_investigation", "affected", ...

// One vulnerability matched to one component of the version, with its triage.
struct Finding {
  std::string id;  // "CVE-2024-1234", "GHSA-...", "OSV-..."
  std::vector<std::string> aliases;
  std::string component;  // "name@version" or a PURL
  Severity severity = Severity::kUnknown;
  std::optional<double> cvss_score;  // 0.0 .. 10.0
  bool kev = false;                  // listed in CISA's Known Exploited Vulnerabilities
  TriageStatus status = TriageStatus::kUnderInvestigation;
  std::string justification;  // for not_affected: one of the five VEX justifications
  std::string response;       // for affected: the response chosen (e.g. "will_not_fix")
  std::string detail;         // free text
  std::optional<core::Date> review_date;
};

// True for a finding the manufacturer knowingly ships: triaged not_affected or false_positive, or
// affected with a recorded response (the risk was accepted).
bool IsAccepted(const Finding& finding);

struct VulnerabilityTally {
  std::array<std::uint64_t, kSeverities.size()> by_severity{};  // in kSeverities order
  std::uint64_t total = 0;
  std::uint64_t kev = 0;
  std::uint64_t accepted = 0;
  std::uint64_t open = 0;  // under_investigation, or affected without a response
};
// Counts the findings. The manifest and the PDF both show this, so they never disagree.
VulnerabilityTally Tally(const std::vector<Finding>& findings);

// A VEX document the vulnerability engine rendered (CycloneDX VEX, CSAF, OpenVEX).
struct VexDocument {
  std::string file_name;  // e.g. "vex.cdx.json", "csaf.json"
  std::string bytes;
};

struct TechnicalFile {
  core::Organisation organisation;
  core::Product product;
  core::Version version;
  core::Readiness readiness;  // the one verdict (core::AssessReadiness and the SBOM rules)
  std::optional<double> quality_score;  // 0..100 of the best SBOM; nullopt without an SBOM
  core::Retention retention;            // core::AssessRetention(version, day of exported_at)
  std::vector<TechnicalFileDocument> documents;  // own and inherited, in any order
  std::vector<TechnicalFileSbom> sboms;
  std::vector<NormalisedComponent> components;  // of all SBOMs of the version
  std::vector<Finding> findings;                // the vulnerability status at assessment
  std::optional<std::int64_t> vulnerabilities_assessed_at;  // Unix seconds of the last scan
  std::vector<VexDocument> vex;
  std::int64_t exported_at = 0;  // Unix seconds (UTC); fixes every timestamp of the export
};

}  // namespace craft::exporting
