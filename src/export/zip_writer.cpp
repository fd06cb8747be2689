#include "export/zip_writer.h"

#include <zlib.h>

#include <algorithm>
#include <limits>

#include "core/date.h"

namespace craft::exporting {
namespace {

constexpr std::uint32_t kLocalHeaderSignature = 0x04034b50;
constexpr std::uint32_t kDataDescriptorSignature = 0x08074b50;
constexpr std::uint32_t kCentralHeaderSignature = 0x02014b50;
constexpr std::uint32_t kZip64EndSignature = 0x06064b50;
constexpr std::uint32_t kZip64LocatorSignature = 0x07064b50;
constexpr std::uint32_t kEndSignature = 0x06054b50;
constexpr std::uint16_t kZip64ExtraId = 0x0001;
constexpr std::uint16_t kFlags = (1u << 3) | (1u << 11);  // data descriptor, UTF-8 name
constexpr std::uint16_t kVersionMadeBy = (3u << 8) | 63;  // Unix, APPNOTE 6.3
constexpr std::uint32_t kExternalAttributes = 0100644u << 16;
constexpr std::uint32_t kMax32 = 0xFFFFFFFFu;
constexpr std::uint16_t kMax16 = 0xFFFFu;
// Deflate may grow incompressible data a little; below this size it cannot pass 4 GiB.
constexpr std::uint64_t kDeflateZip64Threshold = 0xFF000000u;
constexpr std::size_t kBufferSize = 256 * 1024;

void Le16(std::string& out, std::uint16_t v) {
  out.push_back(static_cast<char>(v & 0xFF));
  out.push_back(static_cast<char>(v >> 8));
}
void Le32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
void Le64(std::string& out, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
std::uint32_t Clamp32(std::uint64_t v) {
  return v >= kMax32 ? kMax32 : static_cast<std::uint32_t>(v);
}

std::uint16_t MethodCode(ZipMethod m) { return m == ZipMethod::kDeflated ? 8 : 0; }

std::uint16_t VersionNeeded(const ZipEntryInfo& e) { return e.zip64 ? 45 : 20; }

// MS-DOS date and time of a Unix timestamp, in UTC, clamped to 1980..2107.
void DosDateTime(std::int64_t unix_seconds, std::uint16_t& time, std::uint16_t& date) {
  constexpr std::int64_t kMin = 315532800;   // 1980-01-01T00:00:00Z
  constexpr std::int64_t kMax = 4354819198;  // 2107-12-31T23:59:58Z
  const std::int64_t t = std::clamp(unix_seconds, kMin, kMax);
  const core::Date day = core::DateOf(t);
  const std::int64_t secs = ((t % 86400) + 86400) % 86400;
  time = static_cast<std::uint16_t>(((secs / 3600) << 11) | (((secs / 60) % 60) << 5) |
                                    ((secs % 60) / 2));
  date = static_cast<std::uint16_t>(((static_cast<int>(day.year()) - 1980) << 9) |
                                    (static_cast<unsigned>(day.month()) << 5) |
                                    static_cast<unsigned>(day.day()));
}

}  // namespace

bool IsSafeZipPath(std::string_view path) {
  if (path.empty() || path.size() >= kMax16 || path.front() == '/' || path.back() == '/') {
    return false;
  }
  for (unsigned char c : path) {
    if (c < 0x20 || c == 0x7F || c == '\\') return false;
  }
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    const std::string_view segment = path.substr(start, end - start);
    if (segment.empty() || segment == "." || segment == "..") return false;
    start = end + 1;
  }
  return true;
}

// Passes one entry's bytes through CRC-32 and, for deflated entries, zlib, into the writer.
class ZipWriter::EntryStream {
 public:
  EntryStream(ZipWriter& writer, ZipEntryInfo& entry) : writer_(writer), entry_(entry) {
    if (entry_.method == ZipMethod::kDeflated) {
      if (deflateInit2(&z_, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) !=
          Z_OK) {
        throw ZipError("zlib: deflateInit2 failed");
      }
      deflating_ = true;
      out_.resize(64 * 1024);
    }
  }
  ~EntryStream() {
    if (deflating_) deflateEnd(&z_);
  }
  EntryStream(const EntryStream&) = delete;
  EntryStream& operator=(const EntryStream&) = delete;

  void Write(std::string_view bytes) {
    std::string_view rest = bytes;
    while (!rest.empty()) {
      const auto n = static_cast<uInt>(std::min<std::size_t>(rest.size(), 1u << 30));
      entry_.crc32 = static_cast<std::uint32_t>(
          crc32(entry_.crc32, reinterpret_cast<const Bytef*>(rest.data()), n));
      rest.remove_prefix(n);
    }
    entry_.size += bytes.size();
    if (!deflating_) {
      entry_.compressed_size += bytes.size();
      writer_.Put(bytes);
      return;
    }
    rest = bytes;
    while (!rest.empty()) {
      const auto n = static_cast<uInt>(std::min<std::size_t>(rest.size(), 1u << 30));
      z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(rest.data()));
      z_.avail_in = n;
      Deflate(Z_NO_FLUSH);
      rest.remove_prefix(n);
    }
  }

  void Close() {
    if (deflating_) Deflate(Z_FINISH);
  }

 private:
  void Deflate(int flush) {
    int rc = Z_OK;
    do {
      z_.next_out = reinterpret_cast<Bytef*>(out_.data());
      z_.avail_out = static_cast<uInt>(out_.size());
      rc = deflate(&z_, flush);
      if (rc == Z_STREAM_ERROR) throw ZipError("zlib: deflate failed");
      const std::size_t produced = out_.size() - z_.avail_out;
      entry_.compressed_size += produced;
      writer_.Put(std::string_view(out_.data(), produced));
    } while (z_.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
  }

  ZipWriter& writer_;
  ZipEntryInfo& entry_;
  z_stream z_{};
  bool deflating_ = false;
  std::string out_;
};

ZipWriter::ZipWriter(ByteSink sink, std::int64_t modified_at, ZipWriterOptions options)
    : sink_(std::move(sink)), options_(options) {
  DosDateTime(modified_at, dos_time_, dos_date_);
  buffer_.reserve(kBufferSize);
}

ZipWriter::~ZipWriter() = default;

void ZipWriter::Put(std::string_view bytes) {
  if (buffer_.size() + bytes.size() <= kBufferSize) {
    buffer_.append(bytes);
    return;
  }
  Flush();
  if (bytes.size() >= kBufferSize) {
    sink_(bytes);
    offset_ += bytes.size();
  } else {
    buffer_.append(bytes);
  }
}

void ZipWriter::Flush() {
  if (buffer_.empty()) return;
  sink_(buffer_);
  offset_ += buffer_.size();
  buffer_.clear();
}

const ZipEntryInfo& ZipWriter::AddEntry(std::string_view path, std::string_view bytes,
                                        ZipMethod method) {
  return AddEntry(path, StreamOf(bytes), {method, bytes.size()});
}

const ZipEntryInfo& ZipWriter::AddEntry(std::string_view path, const ByteStreamer& content,
                                        const ZipEntryOptions& options) {
  if (finished_) throw ZipError("ZIP: entry added after Finish");
  if (broken_) throw ZipError("ZIP: archive is incomplete after an earlier failure");
  if (!IsSafeZipPath(path)) throw ZipError("ZIP: unsafe entry path \"" + std::string(path) + "\"");
  if (paths_.count(std::string(path)) != 0) {
    throw ZipError("ZIP: duplicate entry \"" + std::string(path) + "\"");
  }
  ZipEntryInfo entry;
  entry.path = std::string(path);
  entry.method = options.method;
  entry.offset = bytes_written();
  const std::uint64_t threshold =
      options.method == ZipMethod::kDeflated ? kDeflateZip64Threshold : kMax32;
  entry.zip64 = options_.force_zip64 || !options.size || *options.size >= threshold;
  broken_ = true;  // until the entry is whole
  WriteLocalHeader(entry);
  {
    EntryStream stream(*this, entry);
    if (content) content([&stream](std::string_view bytes) { stream.Write(bytes); });
    stream.Close();
  }
  if (options.size && entry.size != *options.size) {
    throw ZipError("ZIP: entry \"" + entry.path + "\" streamed " + std::to_string(entry.size) +
                   " bytes, declared " + std::to_string(*options.size));
  }
  if (!entry.zip64 && (entry.size >= kMax32 || entry.compressed_size >= kMax32)) {
    throw ZipError("ZIP: entry \"" + entry.path + "\" outgrew 4 GiB without ZIP64");
  }
  WriteDataDescriptor(entry);
  broken_ = false;
  paths_.insert(entry.path);
  entries_.push_back(std::move(entry));
  return entries_.back();
}

void ZipWriter::WriteLocalHeader(const ZipEntryInfo& e) {
  std::string h;
  Le32(h, kLocalHeaderSignature);
  Le16(h, VersionNeeded(e));
  Le16(h, kFlags);
  Le16(h, MethodCode(e.method));
  Le16(h, dos_time_);
  Le16(h, dos_date_);
  Le32(h, 0);  // CRC-32, in the data descriptor
  Le32(h, e.zip64 ? kMax32 : 0);
  Le32(h, e.zip64 ? kMax32 : 0);
  Le16(h, static_cast<std::uint16_t>(e.path.size()));
  Le16(h, e.zip64 ? 20 : 0);
  h += e.path;
  if (e.zip64) {
    Le16(h, kZip64ExtraId);
    Le16(h, 16);
    Le64(h, 0);  // sizes, in the data descriptor
    Le64(h, 0);
  }
  Put(h);
}

void ZipWriter::WriteDataDescriptor(const ZipEntryInfo& e) {
  std::string d;
  Le32(d, kDataDescriptorSignature);
  Le32(d, e.crc32);
  if (e.zip64) {
    Le64(d, e.compressed_size);
    Le64(d, e.size);
  } else {
    Le32(d, static_cast<std::uint32_t>(e.compressed_size));
    Le32(d, static_cast<std::uint32_t>(e.size));
  }
  Put(d);
}

void ZipWriter::WriteCentralHeader(const ZipEntryInfo& e) {
  const bool force = options_.force_zip64;
  const bool sizes64 = e.zip64 || force;
  const bool offset64 = force || e.offset >= kMax32;
  std::string extra;
  if (sizes64 || offset64) {
    std::string fields;
    if (sizes64) {
      Le64(fields, e.size);
      Le64(fields, e.compressed_size);
    }
    if (offset64) Le64(fields, e.offset);
    Le16(extra, kZip64ExtraId);
    Le16(extra, static_cast<std::uint16_t>(fields.size()));
    extra += fields;
  }
  std::string h;
  Le32(h, kCentralHeaderSignature);
  Le16(h, kVersionMadeBy);
  Le16(h, VersionNeeded(e));
  Le16(h, kFlags);
  Le16(h, MethodCode(e.method));
  Le16(h, dos_time_);
  Le16(h, dos_date_);
  Le32(h, e.crc32);
  Le32(h, sizes64 ? kMax32 : static_cast<std::uint32_t>(e.compressed_size));
  Le32(h, sizes64 ? kMax32 : static_cast<std::uint32_t>(e.size));
  Le16(h, static_cast<std::uint16_t>(e.path.size()));
  Le16(h, static_cast<std::uint16_t>(extra.size()));
  Le16(h, 0);  // comment length
  Le16(h, 0);  // disk number
  Le16(h, 0);  // internal attributes
  Le32(h, kExternalAttributes);
  Le32(h, offset64 ? kMax32 : static_cast<std::uint32_t>(e.offset));
  h += e.path;
  h += extra;
  Put(h);
}

void ZipWriter::WriteEnd(std::uint64_t cd_offset, std::uint64_t cd_size) {
  const bool force = options_.force_zip64;
  const std::uint64_t count = entries_.size();
  std::string t;
  if (force || count >= kMax16 || cd_offset >= kMax32 || cd_size >= kMax32) {
    const std::uint64_t record_offset = bytes_written();
    Le32(t, kZip64EndSignature);
    Le64(t, 44);  // size of the rest of this record
    Le16(t, kVersionMadeBy);
    Le16(t, 45);
    Le32(t, 0);  // this disk
    Le32(t, 0);  // disk with the central directory
    Le64(t, count);
    Le64(t, count);
    Le64(t, cd_size);
    Le64(t, cd_offset);
    Le32(t, kZip64LocatorSignature);
    Le32(t, 0);
    Le64(t, record_offset);
    Le32(t, 1);  // total disks
  }
  const std::uint16_t count16 =
      force || count >= kMax16 ? kMax16 : static_cast<std::uint16_t>(count);
  Le32(t, kEndSignature);
  Le16(t, 0);
  Le16(t, 0);
  Le16(t, count16);
  Le16(t, count16);
  Le32(t, force ? kMax32 : Clamp32(cd_size));
  Le32(t, force ? kMax32 : Clamp32(cd_offset));
  Le16(t, 0);  // comment length
  Put(t);
}

void ZipWriter::Finish() {
  if (finished_) throw ZipError("ZIP: Finish called twice");
  if (broken_) throw ZipError("ZIP: archive is incomplete after an earlier failure");
  finished_ = true;
  const std::uint64_t cd_offset = bytes_written();
  for (const ZipEntryInfo& e : entries_) WriteCentralHeader(e);
  WriteEnd(cd_offset, bytes_written() - cd_offset);
  Flush();
}

}  // namespace craft::exporting
