#pragma once
// manifest.json, the machine-readable index of a technical file (CRA.md "The export", issue 5).
// Its JSON Schema (draft-07) is docs/manifest-v1.1.schema.json; every manifest this renders
// validates against it. Top-level keys, in this order:
//   export_format ("craft Technical File v1.1"), exported_at (RFC 3339 UTC),
//   cra_annex_vii_version, manufacturer, product, version, cra_status {status, quality_score,
//   missing_items}, harmonised_standards_applied, conformity_assessment, ce_marking,
//   support_period, retention {first_placed_on_market, last_placed_on_market, retain_until,
//   open_ended, locked}, vulnerability_handling, vulnerability_status (counts by severity, KEV, the
//   accepted findings with their justification), sboms[], sbom_components, documents[], vex[],
//   signature, entries[].
// Each of sboms[] and documents[] carries its `path` inside the ZIP (null when the bytes are not in
// it), `type`, `file_name`, `size`, `sha256` and `content_available`. `entries` lists the path,
// size and SHA-256 of every ZIP entry except manifest.json itself and manifest.json.sig (which
// signs the manifest and so cannot be listed in it).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "export/technical_file.h"
#include "export/zip_layout.h"

namespace craft::exporting {

inline constexpr std::string_view kExportFormat = "craft Technical File v1.1";
inline constexpr std::string_view kAnnexViiVersion =
    "Regulation (EU) 2024/2847, Annex VII (OJ L, 2024/2847, 20.11.2024)";

struct ManifestEntry {
  std::string path;
  std::uint64_t size = 0;
  std::string sha256;  // lowercase hex
};

// Renders manifest.json: UTF-8, two-space indentation, keys in a fixed order, so the same input
// gives the same bytes. `entries` are the other ZIP entries in archive order; `signing_key` is the
// fingerprint (export/signature.h) of the key that signs this manifest, if one does. Text that is
// not valid UTF-8 is rendered with U+FFFD in its place; never throws on bad data.
std::string RenderManifest(const TechnicalFile& file, const TechnicalFileLayout& layout,
                           const std::vector<ManifestEntry>& entries,
                           const std::optional<std::string>& signing_key);

// What verification needs from a manifest: its format, its entries and its signature key, read
// leniently (unknown keys are ignored) so a newer minor version can still be checked.
struct ManifestIndex {
  std::string export_format;
  std::vector<ManifestEntry> entries;
  // documents[] and sboms[] that say their bytes are in the ZIP: path, size and sha256 as listed
  // there (they must agree with `entries`); items without a usable path or hash are skipped.
  std::vector<ManifestEntry> listed_files;
  std::optional<std::string> signing_key;  // signature.public_key_sha256
};
// Returns nullopt with `error` set when the bytes are not JSON or `entries` is missing or has an
// entry without a string path and a 64-hex sha256.
std::optional<ManifestIndex> ReadManifestIndex(std::string_view manifest, std::string& error);

// sboms/sbom-components.json: {"format": "craft normalised components v1", "count": N,
// "components": [{name, version, type, purl, cpe, licences[], hashes[{algorithm, value}],
// supplier}]}, empty strings as null, in the order given. Same guarantees as RenderManifest.
std::string RenderComponentList(const std::vector<NormalisedComponent>& components);

}  // namespace craft::exporting
