#pragma once
// What the CycloneDX and SPDX writers share: names of hash algorithms in each format, licence
// classification, SPDX element ids, timestamps and content-derived identifiers.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "sbom/model.h"

namespace craft::sbom::write {

// The CycloneDX 1.6 name of a hash algorithm written in either format's spelling ("SHA256",
// "sha-256", "SHA-256" -> "SHA-256"), or "" when CycloneDX has no such algorithm.
std::string CycloneDxHashAlgorithm(std::string_view algorithm);
// The SPDX 2.3 name ("SHA-256" -> "SHA256"), or "" when SPDX 2.3 has no such algorithm.
std::string SpdxHashAlgorithm(std::string_view algorithm);
// True when `value` is hex of 32, 40, 64, 96 or 128 digits (the CycloneDX hash-content pattern).
bool IsCycloneDxHashContent(std::string_view value);

// The SPDX licence id as canonically spelled when `text` is exactly one id of the SPDX licence
// list (no WITH, no '+'); nullopt otherwise.
std::optional<std::string> ListedLicenseId(std::string_view text);
// True when `text` is a syntactically valid SPDX licence expression (ids need not be listed).
bool IsLicenseExpression(std::string_view text);

// `text` with every character outside [A-Za-z0-9.-] replaced by '-'.
std::string SpdxIdCharacters(std::string_view text);
// True for "SPDXRef-" followed by one or more of [A-Za-z0-9.-].
bool IsSpdxId(std::string_view text);

// Element ids for SPDX: the ref itself when it is a valid SPDX id not taken yet, otherwise
// "SPDXRef-" + the ref's (or fallback's) characters made valid, with "-2", "-3", ... appended
// until unique. The first id given to a ref is the one `Find` returns.
class SpdxIds {
 public:
  SpdxIds();
  std::string Allocate(const std::string& ref, const std::string& fallback);
  const std::string* Find(const std::string& ref) const;

 private:
  std::set<std::string> taken_;
  std::map<std::string, std::string> by_ref_;
};

// A composition aggregate in CycloneDX 1.6 terms: its own values as they are (any case), SPDX 3
// "noAssertion" as "not_specified", anything else "unknown".
std::string CycloneDxAggregate(std::string_view aggregate);

// RFC 3339 date-time ("2024-01-02T03:04:05Z", with optional fraction and offset).
bool IsRfc3339(std::string_view text);
// The same instant as "YYYY-MM-DDThh:mm:ssZ" (SPDX 2.3 "created"), fraction dropped; nullopt when
// `text` is not RFC 3339.
std::optional<std::string> ToSpdxTimestamp(std::string_view text);

// "xxxxxxxx-xxxx-8xxx-yxxx-xxxxxxxxxxxx" (RFC 9562 version 8) from the SHA-256 of `content`.
std::string ContentUuid(std::string_view content);

// Metadata property names that carry SPDX document identity through CycloneDX.
inline constexpr std::string_view kSpdxNamespaceProperty = "craft:spdx:documentNamespace";
inline constexpr std::string_view kSpdxNameProperty = "craft:spdx:documentName";

void Warn(std::vector<Diagnostic>* warnings, std::string location, std::string message);

}  // namespace craft::sbom::write
