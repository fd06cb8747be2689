#pragma once
// Writes the whole technical-file ZIP of one version to a byte sink, in one pass, in bounded
// memory (CRA.md "The export", issue 5). Entries, in this order:
//   manifest.json, manifest.json.sig (with a signing key), technical-file.pdf, sboms/<file>...,
//   sboms/sbom-components.json, documents/<type>/<file>..., vex/<file>... (see export/zip_layout.h)
//
// Order and hashes: manifest.json comes first so a reader meets the index before the content, yet
// it lists the SHA-256 of every entry after it. The generated entries (PDF, component list, VEX)
// are rendered in memory before the ZIP starts, so their hashes are computed; documents and SBOMs
// are streamed and never held whole, so the manifest takes their stored SHA-256 and size (blobs are
// content-addressed). Each is hashed again as it streams into the ZIP; bytes that do not match the
// stored hash throw ExportError, so an export never ships a manifest that lies (the sink has then
// received a truncated archive, which the caller must discard or abort).
//
// Deterministic: the same TechnicalFile (same exported_at, same bytes) and the same options give
// the same ZIP, byte for byte. manifest.json, the SBOMs as JSON or XML, the component list and VEX
// are deflated; the PDF and documents are stored (they are mostly compressed already, and storing
// keeps the export as fast as the disk).

#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "export/manifest.h"
#include "export/technical_file.h"
#include "export/zip_writer.h"

namespace craft::exporting {

// A document or SBOM whose streamed bytes differ from its stored size or SHA-256.
class ExportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ExportOptions {
  // false leaves sboms/ out; the manifest then lists the SBOMs with content_available false.
  bool include_sboms = true;
  // An Ed25519 private key (PKCS #8 PEM, export/signature.h): manifest.json.sig is written and the
  // manifest names the key's fingerprint. Without one, no signature entry.
  std::optional<std::string> signing_key_pem = std::nullopt;
  // Also compute the SHA-256 of the whole archive as it streams (for the audit log).
  bool hash_archive = true;
  ZipWriterOptions zip = {};
  // Called as content passes into the ZIP, with the bytes of entry content written so far and in
  // all (both known before the first byte); the last call has done == total. May throw to abort.
  std::function<void(std::uint64_t done, std::uint64_t total)> progress = nullptr;
};

struct ExportSummary {
  std::string file_name;  // TechnicalFileName(file)
  std::uint64_t size = 0;
  std::string sha256;                  // of the whole ZIP, when hash_archive; else empty
  std::vector<ManifestEntry> entries;  // as listed in the manifest
};

// Streams the ZIP into `sink`. Throws ExportError (bytes differ from the stored hash or size),
// SignatureError (bad signing key, before anything is written), ZipError, or whatever the sink or a
// streamer throws.
ExportSummary WriteTechnicalFile(const TechnicalFile& file, const ByteSink& sink,
                                 const ExportOptions& options = {});

}  // namespace craft::exporting
