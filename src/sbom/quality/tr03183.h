#pragma once
// BSI TR-03183-2 (v2.0.0 and v2.1.0) judged on a parsed SBOM: the document-level and
// per-component fields of CRA.md "SBOM rules", each pass / fail / not applicable with the reason
// and the failing components. Pure: reads only the Document, no I/O, thread-safe.
//
// Field rules (CycloneDX mapping in brackets; SPDX uses the equivalent package fields):
//   format_version      v2.1: CycloneDX >= 1.6 or SPDX >= 3.0.1; v2.0: CycloneDX >= 1.5 or
//                       SPDX >= 2.2.1 (an SPDX 2 document "2.2" counts as 2.2.1, the TR's floor).
//   sbom_creator        a document author, manufacturer or supplier with a valid e-mail or an
//                       http(s) URL.
//   timestamp           an RFC 3339 date-time (YYYY-MM-DDThh:mm:ss[.f](Z|+hh:mm)).
//   sbom_uri            (additional) a serial number / document namespace / SPDX 3 document id
//                       that is a URI ("scheme:..."; "SPDXRef-DOCUMENT" is not).
//   no_vulnerabilities  the SBOM carries no vulnerability data.
//   creator             per component: a supplier or manufacturer (CycloneDX authors included)
//                       with a valid e-mail or http(s) URL; an invalid e-mail or URL fails.
//   name, version       non-empty.
//   filename            [bsi:component:filename] / SPDX packageFileName.
//   dependencies        the component has a dependency-graph entry or is named by one (a leaf);
//                       SPDX: a dependency or CONTAINS relationship names it, or the document
//                       DESCRIBES it (the subject, a leaf when nothing else is said).
//   dependency_completeness (v2.1 only) a composition covers the component's dependencies.
//   distribution_licence [bsi:component:effectiveLicense, else the concluded licences]: every
//                       one a valid SPDX id / expression (sbom/license/expression.h) or a
//                       free-text name; NONE and NOASSERTION state no licence and fail.
//   deployable_hash     a SHA-512 hash on an external reference of type `distribution`
//                       (SPDX: a SHA512 package checksum); a component-level hash alone fails.
//   executable, archive, structured  [bsi:component:executable / archive / structured] with
//                       the TR's words ("executable" / "non-executable", "archive" /
//                       "no archive", "structured" / "unstructured") or "true" / "false".
//   source_code_uri     (additional) an http(s) URL on a `vcs` or `source-distribution` reference.
//   deployable_uri      (additional) an http(s) URL on a `distribution` reference.
//   other_unique_ids    (additional) a PURL, CPE or SWID tag id.
//   original_licences   (additional) declared licences, every one valid as above.
// Per-component fields cover metadata.component (reported as "metadata.component") and every
// listed component, and are not applicable when there is none; fields of the
// other version (dependency_completeness under v2.0) are not applicable.

#include <array>
#include <cstddef>
#include <string_view>

#include "sbom/model.h"
#include "sbom/quality/ntia.h"  // Outcome, Check

namespace craft::sbom::quality {

enum class TrVersion { kV2_0_0, kV2_1_0 };

enum class TrField {
  kFormatVersion,
  kSbomCreator,
  kTimestamp,
  kSbomUri,
  kNoVulnerabilities,
  kCreator,
  kName,
  kVersion,
  kFilename,
  kDependencies,
  kDependencyCompleteness,
  kDistributionLicence,
  kDeployableHash,
  kExecutable,
  kArchive,
  kStructured,
  kSourceCodeUri,
  kDeployableUri,
  kOtherUniqueIds,
  kOriginalLicences,
};
inline constexpr std::size_t kTrFieldCount = 20;

std::string_view TrFieldName(TrField f);
// True for the TR's "additional" fields (sbom_uri, source_code_uri, deployable_uri,
// other_unique_ids, original_licences); the others are required.
bool IsAdditional(TrField f);

struct Tr03183Report {
  TrVersion version = TrVersion::kV2_1_0;
  std::array<Check, kTrFieldCount> fields;  // indexed by TrField

  const Check& operator[](TrField f) const { return fields[static_cast<std::size_t>(f)]; }
  Check& operator[](TrField f) { return fields[static_cast<std::size_t>(f)]; }
  // True when no required field fails.
  bool Conforms() const;
};

Tr03183Report CheckTr03183(const Document& doc, TrVersion version);

// Helpers the rules use, exposed for tests: an addr-spec with a dotted domain; an absolute
// http(s) URL with a host; an RFC 3339 date-time.
bool IsValidEmail(std::string_view s);
bool IsValidUrl(std::string_view s);
bool IsRfc3339(std::string_view s);

}  // namespace craft::sbom::quality
