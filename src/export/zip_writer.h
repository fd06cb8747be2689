#pragma once
// A streaming ZIP writer (APPNOTE 6.3): entries are added one at a time, their bytes pass through
// CRC-32 (and deflate) straight to a sink, and the central directory follows the last entry. The
// sink is never asked to seek, so the archive can go to an HTTP response as it is made.
//
// Why not libarchive's writer: measured here (libarchive 3.6.2), it stamps MS-DOS times in the
// process's local time zone (two servers in different zones write different bytes), it sets the
// UTF-8 name flag only under a UTF-8 locale (process-wide state), and its "zip64" option does not
// force ZIP64 records onto small entries. This writer is deterministic by construction: the same
// entries, in the same order, with the same `modified_at`, give the same bytes on every machine.
//
// Layout of each entry: local header (general-purpose flags: bit 3, sizes in a data descriptor;
// bit 11, UTF-8 name), the data, a data descriptor (signature PK\7\8, CRC-32, sizes; 8-byte sizes
// for ZIP64 entries). No extra fields except ZIP64's. Unix permissions 0644; no time zone, uid or
// gid extra fields. Memory stays bounded whatever the entry sizes: one small output buffer and, for
// deflated entries, one zlib stream.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "export/technical_file.h"

namespace craft::exporting {

// Thrown for a misuse (bad or duplicate path, size differing from the one declared, adding after
// Finish) and for a zlib failure. Exceptions from the sink or a streamer pass through unchanged.
// After any exception the archive is incomplete and the writer refuses further entries.
class ZipError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class ZipMethod { kStored, kDeflated };

struct ZipEntryOptions {
  ZipMethod method = ZipMethod::kStored;
  // How many bytes the streamer will hand over, when known; a different count throws ZipError
  // once the streamer returns. An entry of unknown size, or declared large enough that its sizes
  // may not fit 32 bits, is written with ZIP64 sizes.
  std::optional<std::uint64_t> size;
};

struct ZipWriterOptions {
  // Writes every entry, every central directory record and the end of the archive in ZIP64 form,
  // whatever the sizes (for tests, and for readers that want uniform records).
  bool force_zip64 = false;
};

struct ZipEntryInfo {
  std::string path;
  ZipMethod method = ZipMethod::kStored;
  std::uint32_t crc32 = 0;
  std::uint64_t size = 0;             // uncompressed
  std::uint64_t compressed_size = 0;  // as stored in the archive
  std::uint64_t offset = 0;           // of the local header
  bool zip64 = false;                 // local header and data descriptor in ZIP64 form
};

class ZipWriter {
 public:
  // `modified_at` (Unix seconds, UTC) is stamped on every entry as an MS-DOS date and time in UTC,
  // clamped to the range MS-DOS can hold (1980-01-01 to 2107-12-31).
  ZipWriter(ByteSink sink, std::int64_t modified_at, ZipWriterOptions options = {});
  ~ZipWriter();
  ZipWriter(const ZipWriter&) = delete;
  ZipWriter& operator=(const ZipWriter&) = delete;

  // Streams one entry. `path` is relative, '/'-separated UTF-8 without "." or ".." segments,
  // backslashes or control characters, and unique in the archive; otherwise ZipError is thrown
  // before anything is written. Returns what was written.
  const ZipEntryInfo& AddEntry(std::string_view path, const ByteStreamer& content,
                               const ZipEntryOptions& options = {});
  const ZipEntryInfo& AddEntry(std::string_view path, std::string_view bytes,
                               ZipMethod method = ZipMethod::kStored);

  // Writes the central directory and the end record, and flushes. Required once, at the end;
  // nothing may be added afterwards.
  void Finish();

  std::uint64_t bytes_written() const { return offset_ + buffer_.size(); }
  const std::vector<ZipEntryInfo>& entries() const { return entries_; }

 private:
  class EntryStream;
  void Put(std::string_view bytes);
  void Flush();
  void WriteLocalHeader(const ZipEntryInfo& entry);
  void WriteDataDescriptor(const ZipEntryInfo& entry);
  void WriteCentralHeader(const ZipEntryInfo& entry);
  void WriteEnd(std::uint64_t cd_offset, std::uint64_t cd_size);

  ByteSink sink_;
  ZipWriterOptions options_;
  std::uint16_t dos_time_ = 0;
  std::uint16_t dos_date_ = 0;
  std::string buffer_;
  std::uint64_t offset_ = 0;  // bytes handed to the sink so far
  std::vector<ZipEntryInfo> entries_;
  std::unordered_set<std::string> paths_;
  bool broken_ = false;
  bool finished_ = false;
};

// True when `path` may name a ZIP entry under the rules of ZipWriter::AddEntry.
bool IsSafeZipPath(std::string_view path);

}  // namespace craft::exporting
