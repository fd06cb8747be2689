#pragma once
// An OSV data dump as osv.dev publishes it: a ZIP archive (`<ecosystem>/all.zip`) holding one JSON
// record per entry. Read as a stream, entry by entry, in bounded memory: the archive is never held
// whole, each record is handed on as soon as it is read. Pure (bytes in, advisories out) and
// thread-safe; never throws on bad input.

#include <cstddef>
#include <functional>
#include <string_view>
#include <vector>

#include "vuln/advisory/model.h"
#include "vuln/import/osv.h"

namespace craft::vuln::import {

// Where the archive's bytes come from: each call returns the next chunk; an empty view ends the
// input. A chunk must stay valid until the next call.
using ByteSource = std::function<std::string_view()>;

// Receives each record that was read (withdrawn ones included; `IsWithdrawn()` tells).
using AdvisorySink = std::function<void(advisory::Advisory&&)>;

struct OsvArchiveSummary {
  std::size_t entries = 0;    // archive entries whose name ends in ".json"
  std::size_t records = 0;    // advisories handed to the sink
  std::size_t withdrawn = 0;  // of which withdrawn
  std::size_t rejected = 0;   // entries left out (diagnostics say why)
  // True when the archive was read to its end (the end of central directory record included).
  // False for a truncated or damaged archive, or input that is not a ZIP archive: the records
  // handed on before the damage are whole and valid, the rest is missing.
  bool complete = false;
  // Errors and warnings: per record (record = the record's id or the entry name), and for the
  // archive as a whole (record "archive"). At most 10,000 are kept; `diagnostics_dropped` counts
  // the rest.
  std::vector<advisory::ImportDiagnostic> diagnostics;
  std::size_t diagnostics_dropped = 0;
};

// Reads every "*.json" entry of the archive with ParseOsvRecord (other entries are skipped) and
// hands each accepted record to `sink`, in archive order. A bad record is reported and skipped; an
// entry larger than `options.limits.max_record_bytes` uncompressed is rejected without being
// inflated further; more than `options.limits.max_archive_entries` entries end the read with an
// error. Memory stays bounded by the largest record plus libarchive's buffers.
OsvArchiveSummary ReadOsvArchive(const ByteSource& source, const AdvisorySink& sink,
                                 const OsvParseOptions& options = {});

// The same over an archive already in memory.
OsvArchiveSummary ReadOsvArchive(std::string_view zip, const AdvisorySink& sink,
                                 const OsvParseOptions& options = {});

}  // namespace craft::vuln::import
