#include "vuln/import/osv_archive.h"

#include <archive.h>
#include <archive_entry.h>

#include <memory>
#include <string>

namespace craft::vuln::import {

using advisory::ImportDiagnostic;

namespace {

constexpr std::size_t kMaxDiagnostics = 10'000;

// Feeds libarchive from a ByteSource and keeps the last bytes of the stream, where a whole ZIP
// ends with its end of central directory record (22 bytes and a comment of up to 65,535), which a
// truncated archive lacks.
struct StreamState {
  static constexpr std::size_t kTail = 22 + 65535;
  const ByteSource* source = nullptr;
  std::string tail;

  std::string_view Next() {
    std::string_view chunk = (*source)();
    if (chunk.size() >= kTail) {
      tail.assign(chunk.substr(chunk.size() - kTail));
    } else {
      tail.append(chunk);
      if (tail.size() > 2 * kTail) tail.erase(0, tail.size() - kTail);
    }
    return chunk;
  }

  // Whether the stream ends with a whole end of central directory record: its signature "PK\5\6",
  // 18 bytes of fields, then exactly the comment its last field announces.
  bool EndsWithEndOfCentralDirectory() const {
    if (tail.size() < 22) return false;
    for (std::size_t at = tail.size() - 22 + 1; at-- > 0;) {
      if (tail.compare(at, 4, std::string_view("PK\x05\x06", 4)) != 0) continue;
      auto comment = static_cast<std::size_t>(static_cast<unsigned char>(tail[at + 20])) |
                     static_cast<std::size_t>(static_cast<unsigned char>(tail[at + 21])) << 8;
      return at + 22 + comment == tail.size();
    }
    return false;
  }
};

la_ssize_t ReadCallback(struct archive*, void* client_data, const void** buffer) {
  auto* state = static_cast<StreamState*>(client_data);
  std::string_view chunk = state->Next();
  *buffer = chunk.data();
  return static_cast<la_ssize_t>(chunk.size());
}

class ArchiveReader {
 public:
  ArchiveReader(const ByteSource& source, const AdvisorySink& sink, const OsvParseOptions& options)
      : sink_(sink), options_(options) {
    state_.source = &source;
  }

  OsvArchiveSummary Run();

 private:
  void Report(ImportDiagnostic diagnostic) {
    if (summary_.diagnostics.size() < kMaxDiagnostics) {
      summary_.diagnostics.push_back(std::move(diagnostic));
    } else {
      ++summary_.diagnostics_dropped;
    }
  }
  void ArchiveError(std::string message) {
    Report({ImportDiagnostic::Severity::kError, "archive", "", std::move(message)});
  }
  bool ReadEntryData(struct archive* a, const std::string& name);
  void ReadEntry(struct archive* a, struct archive_entry* entry);
  void DrainAfterEnd();

  const AdvisorySink& sink_;
  const OsvParseOptions& options_;
  StreamState state_;
  std::string buffer_;
  OsvArchiveSummary summary_;
};

bool ArchiveReader::ReadEntryData(struct archive* a, const std::string& name) {
  buffer_.clear();
  char block[64 * 1024];
  while (true) {
    la_ssize_t n = archive_read_data(a, block, sizeof block);
    if (n == 0) return true;
    if (n < 0) {
      Report({ImportDiagnostic::Severity::kError, name, "",
              std::string("cannot inflate entry: ") + archive_error_string(a)});
      return false;
    }
    if (buffer_.size() + static_cast<std::size_t>(n) > options_.limits.max_record_bytes) {
      Report({ImportDiagnostic::Severity::kError, name, "",
              "entry exceeds the record limit of " +
                  std::to_string(options_.limits.max_record_bytes) + " bytes; skipped"});
      archive_read_data_skip(a);
      return false;
    }
    buffer_.append(block, static_cast<std::size_t>(n));
  }
}

void ArchiveReader::ReadEntry(struct archive* a, struct archive_entry* entry) {
  const char* path = archive_entry_pathname(entry);
  std::string name = path != nullptr ? path : "";
  if (archive_entry_filetype(entry) != AE_IFREG || !name.ends_with(".json")) {
    archive_read_data_skip(a);
    return;
  }
  ++summary_.entries;
  if (!ReadEntryData(a, name)) {
    ++summary_.rejected;
    return;
  }
  OsvRecordResult result = ParseOsvRecord(buffer_, options_, name);
  for (auto& d : result.diagnostics) Report(std::move(d));
  if (!result.advisory) {
    ++summary_.rejected;
    return;
  }
  ++summary_.records;
  if (result.advisory->IsWithdrawn()) ++summary_.withdrawn;
  sink_(std::move(*result.advisory));
}

// libarchive stops at the central directory; read the rest so that its end record is seen.
void ArchiveReader::DrainAfterEnd() {
  while (!state_.Next().empty()) {
  }
}

OsvArchiveSummary ArchiveReader::Run() {
  std::unique_ptr<struct archive, decltype(&archive_read_free)> a(archive_read_new(),
                                                                  &archive_read_free);
  archive_read_support_format_zip_streamable(a.get());
  if (archive_read_open(a.get(), &state_, nullptr, ReadCallback, nullptr) != ARCHIVE_OK) {
    ArchiveError(std::string("not a ZIP archive: ") + archive_error_string(a.get()));
    return std::move(summary_);
  }
  struct archive_entry* entry = nullptr;
  std::size_t headers = 0;
  while (true) {
    int status = archive_read_next_header(a.get(), &entry);
    if (status == ARCHIVE_EOF) break;
    if (status == ARCHIVE_FATAL || status == ARCHIVE_RETRY) {
      ArchiveError(headers == 0 ? std::string("not a ZIP archive: ") + archive_error_string(a.get())
                                : std::string("ZIP archive truncated or damaged after ") +
                                      std::to_string(headers) +
                                      " entries: " + archive_error_string(a.get()));
      return std::move(summary_);
    }
    if (++headers > options_.limits.max_archive_entries) {
      ArchiveError("more than " + std::to_string(options_.limits.max_archive_entries) +
                   " entries; the rest is not read");
      return std::move(summary_);
    }
    ReadEntry(a.get(), entry);
  }
  DrainAfterEnd();
  if (!state_.EndsWithEndOfCentralDirectory()) {
    ArchiveError(headers == 0 ? std::string("not a ZIP archive: no entries and no end of central "
                                            "directory record")
                              : "ZIP archive truncated: the end of central directory record is "
                                "missing or cut after " +
                                    std::to_string(headers) + " entries");
    return std::move(summary_);
  }
  summary_.complete = true;
  return std::move(summary_);
}

}  // namespace

OsvArchiveSummary ReadOsvArchive(const ByteSource& source, const AdvisorySink& sink,
                                 const OsvParseOptions& options) {
  ArchiveReader reader(source, sink, options);
  return reader.Run();
}

OsvArchiveSummary ReadOsvArchive(std::string_view zip, const AdvisorySink& sink,
                                 const OsvParseOptions& options) {
  bool given = false;
  ByteSource source = [&]() -> std::string_view {
    if (given) return {};
    given = true;
    return zip;
  };
  return ReadOsvArchive(source, sink, options);
}

}  // namespace craft::vuln::import
