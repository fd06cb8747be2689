#pragma once
// Verification of a technical-file ZIP (`craft export verify FILE.zip [--public-key KEY]`): reads
// the archive, hashes every entry as it streams (bounded memory), and compares with manifest.json;
// with a public key, also checks manifest.json.sig. Says exactly what differs, entry by entry.

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace craft::exporting {

enum class DifferenceKind {
  kUnreadableArchive,     // not a ZIP, or truncated; `actual` holds the reader's message
  kUnreadableEntry,       // an entry fails to decompress or its CRC-32 does not match;
                          // `expected` is the manifest's SHA-256, `actual` the reader's error
  kManifestMissing,       // no manifest.json at the root
  kManifestInvalid,       // manifest.json is not JSON or has no usable `entries`
  kMissingEntry,          // listed in the manifest, absent from the ZIP
  kExtraEntry,            // in the ZIP, not listed in the manifest
  kDuplicateEntry,        // the same path twice in the ZIP
  kHashMismatch,          // `expected` and `actual` are the SHA-256 values
  kSizeMismatch,          // `expected` and `actual` are byte counts
  kInconsistentManifest,  // documents[] or sboms[] disagree with entries[] on a hash
  kSignatureMissing,      // a public key was given but there is no manifest.json.sig
  kSignatureInvalid,      // the signature does not match the manifest and the key
  kSignatureMalformed,    // manifest.json.sig is not base64 of 64 bytes
  kBadPublicKey,          // the given key is not an Ed25519 public key in PEM
};
std::string_view ToString(DifferenceKind kind);  // "hash_mismatch", ...

struct Difference {
  DifferenceKind kind;
  std::string path;  // the entry concerned; empty for the archive as a whole
  std::string expected;
  std::string actual;
  std::string message;  // one sentence saying the above for a person
};

struct VerificationReport {
  std::string export_format;            // from the manifest
  std::size_t entries_checked = 0;      // entries listed in the manifest and found
  bool signature_present = false;       // manifest.json.sig exists
  bool signature_verified = false;      // ... and a given public key verified it
  std::vector<Difference> differences;  // in a stable order: archive, manifest, entries, signature
  bool ok() const { return differences.empty(); }
};

// Verifies the ZIP at `path`. Folder entries (which tools such as `zip -r` add when repacking) hold
// no content and are skipped; the order of entries does not matter. Without a public key the
// signature is not checked (and its absence is not a difference). Never throws on bad input:
// every problem is a difference.
VerificationReport VerifyTechnicalFile(const std::filesystem::path& path,
                                       const std::optional<std::string>& public_key_pem);

}  // namespace craft::exporting
