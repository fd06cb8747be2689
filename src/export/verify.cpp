#include "export/verify.h"

#include <archive.h>
#include <archive_entry.h>
#include <locale.h>

#include <map>
#include <memory>

#include "core/digest.h"
#include "export/manifest.h"
#include "export/signature.h"
#include "export/zip_layout.h"

namespace craft::exporting {
namespace {

constexpr std::size_t kMaxManifestBytes = 64u << 20;
constexpr std::size_t kMaxSignatureBytes = 4096;
constexpr std::size_t kBlockSize = 256 * 1024;

// libarchive converts entry names to the locale's character set and gives up (no name at all)
// under the "C" locale. This switches the calling thread, and only it, to a UTF-8 locale while
// the archive is read.
class Utf8Locale {
 public:
  Utf8Locale() {
    for (const char* name : {"C.UTF-8", "C.utf8", "en_US.UTF-8"}) {
      utf8_ = newlocale(LC_CTYPE_MASK, name, static_cast<locale_t>(nullptr));
      if (utf8_ != static_cast<locale_t>(nullptr)) break;
    }
    if (utf8_ != static_cast<locale_t>(nullptr)) previous_ = uselocale(utf8_);
  }
  ~Utf8Locale() {
    if (utf8_ == static_cast<locale_t>(nullptr)) return;
    uselocale(previous_);
    freelocale(utf8_);
  }
  Utf8Locale(const Utf8Locale&) = delete;
  Utf8Locale& operator=(const Utf8Locale&) = delete;

 private:
  locale_t utf8_ = static_cast<locale_t>(nullptr);
  locale_t previous_ = static_cast<locale_t>(nullptr);
};

struct ArchiveFree {
  void operator()(archive* a) const { archive_read_free(a); }
};

// What one entry of the ZIP turned out to hold.
struct ReadEntry {
  std::uint64_t size = 0;
  std::string sha256;
  std::string error;  // the reader's complaint (bad CRC, truncated data); then sha256 is moot
  int copies = 0;
};

struct ArchiveContents {
  std::map<std::string, ReadEntry> entries;
  std::vector<std::string> order;  // paths in archive order, first copy only
  std::optional<std::string> manifest;
  std::optional<std::string> signature;
};

void Add(VerificationReport& r, DifferenceKind kind, std::string path, std::string expected,
         std::string actual, std::string message) {
  r.differences.push_back(
      {kind, std::move(path), std::move(expected), std::move(actual), std::move(message)});
}

// Streams one entry's data through SHA-256, keeping the bytes of manifest.json and its signature.
// Returns an error message, or "" when the entry read cleanly.
std::string ReadData(archive* a, const std::string& path, ReadEntry& entry,
                     ArchiveContents& contents) {
  std::string* keep = nullptr;
  std::size_t limit = 0;
  if (path == kManifestEntry && !contents.manifest) {
    keep = &contents.manifest.emplace();
    limit = kMaxManifestBytes;
  } else if (path == kSignatureEntry && !contents.signature) {
    keep = &contents.signature.emplace();
    limit = kMaxSignatureBytes;
  }
  core::Sha256 hash;
  std::string block(kBlockSize, '\0');
  for (;;) {
    const la_ssize_t n = archive_read_data(a, block.data(), block.size());
    if (n < 0) {
      const char* why = archive_error_string(a);
      entry.sha256 = hash.FinishHex();
      return why ? why : "unreadable data";
    }
    if (n == 0) break;
    const std::string_view bytes(block.data(), static_cast<std::size_t>(n));
    hash.Update(bytes);
    entry.size += bytes.size();
    if (keep && keep->size() + bytes.size() <= limit) keep->append(bytes);
  }
  entry.sha256 = hash.FinishHex();
  if (keep && entry.size > limit) return "larger than " + std::to_string(limit) + " bytes";
  return "";
}

bool ReadArchive(const std::filesystem::path& path, ArchiveContents& contents,
                 VerificationReport& report) {
  const Utf8Locale utf8;
  std::unique_ptr<archive, ArchiveFree> a(archive_read_new());
  archive_read_support_format_zip_seekable(a.get());
  if (archive_read_open_filename(a.get(), path.c_str(), kBlockSize) != ARCHIVE_OK) {
    const char* why = archive_error_string(a.get());
    Add(report, DifferenceKind::kUnreadableArchive, "", "", why ? why : "",
        "The file cannot be read as a ZIP archive.");
    return false;
  }
  archive_entry* header = nullptr;
  int rc = ARCHIVE_OK;
  while ((rc = archive_read_next_header(a.get(), &header)) == ARCHIVE_OK || rc == ARCHIVE_WARN) {
    const char* utf8 = archive_entry_pathname_utf8(header);
    const char* raw = archive_entry_pathname(header);
    const std::string name = utf8 ? utf8 : (raw ? raw : "");
    if (archive_entry_filetype(header) == AE_IFDIR) continue;  // folders hold no content
    ReadEntry entry;
    entry.error = ReadData(a.get(), name, entry, contents);
    auto [it, fresh] = contents.entries.try_emplace(name, entry);
    if (fresh) contents.order.push_back(name);
    ++it->second.copies;
  }
  if (rc != ARCHIVE_EOF) {
    const char* why = archive_error_string(a.get());
    Add(report, DifferenceKind::kUnreadableArchive, "", "", why ? why : "",
        "The ZIP archive is damaged or truncated.");
    return false;
  }
  return true;
}

void CompareEntries(const ManifestIndex& index, const ArchiveContents& contents,
                    VerificationReport& report) {
  std::map<std::string, const ManifestEntry*> listed;
  for (const ManifestEntry& e : index.entries) {
    listed.emplace(e.path, &e);
    const auto found = contents.entries.find(e.path);
    if (found == contents.entries.end()) {
      Add(report, DifferenceKind::kMissingEntry, e.path, e.sha256, "",
          e.path + " is listed in manifest.json but missing from the ZIP.");
      continue;
    }
    ++report.entries_checked;
    const ReadEntry& actual = found->second;
    if (!actual.error.empty()) {
      Add(report, DifferenceKind::kUnreadableEntry, e.path, e.sha256, actual.error,
          e.path + " cannot be read back (" + actual.error + "); manifest.json says SHA-256 " +
              e.sha256 + ".");
    } else if (actual.sha256 != e.sha256) {
      Add(report, DifferenceKind::kHashMismatch, e.path, e.sha256, actual.sha256,
          e.path + " has SHA-256 " + actual.sha256 + "; manifest.json says " + e.sha256 + ".");
    } else if (actual.size != e.size) {
      Add(report, DifferenceKind::kSizeMismatch, e.path, std::to_string(e.size),
          std::to_string(actual.size),
          e.path + " has " + std::to_string(actual.size) + " bytes; manifest.json says " +
              std::to_string(e.size) + ".");
    }
  }
  for (const std::string& path : contents.order) {
    const ReadEntry& entry = contents.entries.at(path);
    if (entry.copies > 1) {
      Add(report, DifferenceKind::kDuplicateEntry, path, "1", std::to_string(entry.copies),
          path + " appears " + std::to_string(entry.copies) + " times in the ZIP.");
    }
    if (path == kManifestEntry || path == kSignatureEntry || listed.count(path) != 0) continue;
    Add(report, DifferenceKind::kExtraEntry, path, "", entry.sha256,
        path + " is in the ZIP but not listed in manifest.json.");
  }
  for (const ManifestEntry& f : index.listed_files) {
    const auto it = listed.find(f.path);
    const std::string in_entries = it == listed.end() ? "" : it->second->sha256;
    if (in_entries != f.sha256) {
      Add(report, DifferenceKind::kInconsistentManifest, f.path, f.sha256, in_entries,
          "manifest.json lists " + f.path + " with SHA-256 " + f.sha256 +
              (in_entries.empty() ? " but not among its entries."
                                  : " but its entries say " + in_entries + "."));
    }
  }
}

void CheckSignature(const std::string& manifest, const ArchiveContents& contents,
                    const std::string& public_key_pem, VerificationReport& report) {
  if (!contents.signature) {
    Add(report, DifferenceKind::kSignatureMissing, std::string(kSignatureEntry), "", "",
        "A public key was given but the ZIP has no manifest.json.sig.");
    return;
  }
  switch (VerifyManifestSignature(manifest, *contents.signature, public_key_pem)) {
    case SignatureCheck::kValid:
      report.signature_verified = true;
      return;
    case SignatureCheck::kInvalid:
      Add(report, DifferenceKind::kSignatureInvalid, std::string(kSignatureEntry), "valid",
          "invalid", "manifest.json.sig does not match manifest.json and the given public key.");
      return;
    case SignatureCheck::kMalformedSignature:
      Add(report, DifferenceKind::kSignatureMalformed, std::string(kSignatureEntry), "", "",
          "manifest.json.sig is not the base64 of a 64-byte Ed25519 signature.");
      return;
    case SignatureCheck::kBadPublicKey:
      Add(report, DifferenceKind::kBadPublicKey, "", "", "",
          "The given public key is not an Ed25519 public key in PEM form.");
      return;
  }
}

}  // namespace

std::string_view ToString(DifferenceKind kind) {
  static constexpr std::string_view kNames[] = {
      "unreadable_archive",  "unreadable_entry",      "manifest_missing",  "manifest_invalid",
      "missing_entry",       "extra_entry",           "duplicate_entry",   "hash_mismatch",
      "size_mismatch",       "inconsistent_manifest", "signature_missing", "signature_invalid",
      "signature_malformed", "bad_public_key"};
  return kNames[static_cast<std::size_t>(kind)];
}

VerificationReport VerifyTechnicalFile(const std::filesystem::path& path,
                                       const std::optional<std::string>& public_key_pem) {
  VerificationReport report;
  ArchiveContents contents;
  if (!ReadArchive(path, contents, report)) return report;
  report.signature_present = contents.signature.has_value();
  if (!contents.manifest) {
    Add(report, DifferenceKind::kManifestMissing, std::string(kManifestEntry), "", "",
        "The ZIP has no manifest.json at its root.");
    return report;
  }
  std::string error = contents.entries.at(std::string(kManifestEntry)).error;
  if (!error.empty()) error = "manifest.json cannot be read back: " + error;
  const auto index = error.empty() ? ReadManifestIndex(*contents.manifest, error) : std::nullopt;
  if (!index) {
    Add(report, DifferenceKind::kManifestInvalid, std::string(kManifestEntry), "", error,
        error + ".");
  } else {
    report.export_format = index->export_format;
    CompareEntries(*index, contents, report);
  }
  if (public_key_pem) CheckSignature(*contents.manifest, contents, *public_key_pem, report);
  return report;
}

}  // namespace craft::exporting
