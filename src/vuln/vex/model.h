#pragma once
// The VEX model: one statement says what a producer knows about one vulnerability in a set of
// products or components. Plain data, no behaviour, no third-party types. The readers
// (cyclonedx.h, openvex.h, csaf.h) fill it; the writers serialise it; mapping.h translates between
// CycloneDX's vocabulary and the OpenVEX/CSAF one (docs/vex-mapping.md).
//
// Strings are UTF-8 as published. Timestamps are the document's own strings (RFC 3339); an empty
// string means the document did not carry the field.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace craft::vuln::vex {

// craft's status of a vulnerability in a product: OpenVEX/CSAF's four plus false_positive
// (CRA.md "Vulnerability handling", issue 4 "Triage and VEX").
enum class Status { kUnderInvestigation, kAffected, kNotAffected, kFixed, kFalsePositive };

// The five OpenVEX 0.2.0 / CSAF 2.0 justifications for not_affected.
enum class Justification {
  kComponentNotPresent,
  kVulnerableCodeNotPresent,
  kVulnerableCodeNotInExecutePath,
  kVulnerableCodeCannotBeControlledByAdversary,
  kInlineMitigationsAlreadyExist,
};

// CycloneDX 1.6 `analysis.state` (six values).
enum class CdxState {
  kResolved,
  kResolvedWithPedigree,
  kExploitable,
  kInTriage,
  kFalsePositive,
  kNotAffected,
};

// CycloneDX 1.6 `analysis.justification` (nine values).
enum class CdxJustification {
  kCodeNotPresent,
  kCodeNotReachable,
  kRequiresConfiguration,
  kRequiresDependency,
  kRequiresEnvironment,
  kProtectedByCompiler,
  kProtectedAtRuntime,
  kProtectedAtPerimeter,
  kProtectedByMitigatingControl,
};

// CycloneDX 1.6 `analysis.response` values, which craft uses as its response list.
enum class Response { kCanNotFix, kWillNotFix, kUpdate, kRollback, kWorkaroundAvailable };

// What a statement is about: at least one of the identifiers is set. `id` is the format's own
// product id (OpenVEX @id, CSAF product_id) when it is neither a PURL nor a CPE.
struct Product {
  std::string purl;
  std::string cpe;
  std::string bom_ref;
  std::string id;
  std::string name;  // a human name when the format gives one (CSAF full_product_name.name)
  // The id (purl, cpe or id, as written in the source) of the product this one is a
  // subcomponent of (OpenVEX products[].subcomponents); empty for a top-level product.
  std::string within;
};

struct Statement {
  std::string vulnerability;         // "CVE-2021-44228", "GHSA-…"
  std::vector<std::string> aliases;  // other ids of the same vulnerability
  std::vector<Product> products;     // the products / components the status applies to
  Status status = Status::kUnderInvestigation;
  std::optional<Justification> justification;         // set only with kNotAffected / kFalsePositive
  std::optional<CdxState> cdx_state;                  // kept when the statement came from CycloneDX
  std::optional<CdxJustification> cdx_justification;  // idem
  std::vector<Response> responses;
  std::string impact_statement;  // why not affected (OpenVEX impact_statement, CSAF threat impact)
  std::string detail;            // free text (CycloneDX analysis.detail, OpenVEX status_notes)
  std::string action_statement;  // what to do when affected (OpenVEX action_statement, CSAF
                                 // remediation details)
  std::string timestamp;         // when the statement was made
  std::string first_issued;      // CycloneDX analysis.firstIssued
  std::string last_updated;      // CycloneDX analysis.lastUpdated
  std::string author;            // who made it (document author when the statement has none)
};

// A problem found while reading; `pointer` is the RFC 6901 JSON pointer of the offending value.
struct Diagnostic {
  std::string pointer;
  std::string message;
};

// The result of reading one VEX document: every statement that could be read, and one diagnostic
// for each thing that was left out or looked wrong. `ok` is false when the document as a whole
// could not be read (not JSON, too large, too deep, not the expected format).
struct ReadResult {
  bool ok = false;
  std::vector<Statement> statements;
  std::vector<Diagnostic> diagnostics;
};

// Limits every reader applies before parsing.
inline constexpr std::size_t kMaxDocumentBytes = 64u * 1024u * 1024u;
inline constexpr std::size_t kMaxDepth = 64;

}  // namespace craft::vuln::vex
