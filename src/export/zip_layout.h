#pragma once
// Where each part of a technical file goes inside the ZIP (CRA.md "The export"), decided before a
// byte is written so that manifest.json, the PDF and the archive agree:
//
//   manifest.json                 machine-readable metadata (export/manifest.h)
//   manifest.json.sig             Ed25519 signature of manifest.json, when a key is given
//   technical-file.pdf            the human-readable file
//   sboms/<file>                  every SBOM as uploaded (unless SBOMs are left out)
//   sboms/sbom-components.json    the normalised component list (unless SBOMs are left out or
//                                 the version has neither SBOMs nor components)
//   documents/<type>/<file>       every document whose bytes are available
//   vex/<file>                    the VEX documents, once findings exist
//
// File names come from uploads and are untrusted: only the last path segment is kept, control
// characters, backslashes, the characters <>:"|?* and bytes that are not UTF-8 become '_', leading
// and trailing dots and spaces go, names are cut to 200 bytes (keeping the extension), and an
// empty result becomes a fallback name. Names that clash within a folder (compared ignoring ASCII
// case, as Windows and macOS would) get " (2)", " (3)", ... before the extension, in the order
// below, so the same input always gives the same paths.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "export/technical_file.h"

namespace craft::exporting {

inline constexpr std::string_view kManifestEntry = "manifest.json";
inline constexpr std::string_view kPdfEntry = "technical-file.pdf";
inline constexpr std::string_view kComponentsEntry = "sboms/sbom-components.json";

struct PlannedFile {
  std::size_t index = 0;  // into TechnicalFile::documents, ::sboms or ::vex
  std::string path;       // inside the ZIP; empty when the file is not in the ZIP
};

struct TechnicalFileLayout {
  // Documents in inventory order (document type in vocabulary order, then file name, SHA-256 and
  // id); a document without a streamer has an empty path (content_available false).
  std::vector<PlannedFile> documents;
  // SBOMs in the order given; empty paths when SBOMs are left out or have no streamer.
  std::vector<PlannedFile> sboms;
  bool components_included = false;  // sboms/sbom-components.json is written
  // VEX documents in the order given; empty unless findings exist.
  std::vector<PlannedFile> vex;
};

TechnicalFileLayout PlanTechnicalFile(const TechnicalFile& file, bool include_sboms);

// One uploaded file name made safe for a ZIP entry, as described above.
std::string SafeFileName(std::string_view name, std::string_view fallback);

// Lowercase ASCII letters, digits and single '-' from any text, common Latin letters spelled out
// ("Müller Zähler 2" -> "mueller-zaehler-2"); "product" when nothing is left.
std::string Slug(std::string_view text);

// `{product-slug}-{version}-technical-file-{YYYY-MM-DD}.zip`, the date being the UTC day of
// exported_at. The product's slug is used (Slug(name) when it has none); the version is made safe
// for a file name the same way (letters, digits, '.', '_', '+', '-' kept, others become '-').
std::string TechnicalFileName(const TechnicalFile& file);

}  // namespace craft::exporting
