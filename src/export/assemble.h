#pragma once
// The technical file of a stored version: what the server and `craft export technical-file` both
// export. Reads the store; the rendering itself stays in the pure parts of src/export.

#include <memory>
#include <optional>
#include <string>

#include "export/technical_file.h"
#include "export/technical_file_writer.h"
#include "store/blob/blob_store.h"
#include "store/store.h"

namespace craft::exporting {

// Fills a TechnicalFile for `version_id` as organisation `org_id` sees it at `now` (Unix seconds):
// organisation, product, version, the readiness verdict and retention of that day, and every own
// and inherited document, streamed from the blob store (hash-checked as it passes). nullptr when
// the version does not exist in that organisation.
std::shared_ptr<TechnicalFile> AssembleTechnicalFile(store::Store& store, store::BlobStore& blobs,
                                                     const std::string& org_id,
                                                     const std::string& version_id,
                                                     std::int64_t now);

// The organisation's Ed25519 signing key, created on first use.
store::SigningKey SigningKeyFor(store::Store& store, const std::string& org_id,
                                const store::Actor& actor);

// Writes the signed ZIP into `sink` and records the export (file name, size, SHA-256 of the ZIP)
// in the audit log once the last byte is written. Throws what WriteTechnicalFile throws; nothing
// is recorded then.
ExportSummary ExportAndRecord(store::Store& store, const TechnicalFile& file, const ByteSink& sink,
                              bool include_sboms, const store::Actor& actor);

}  // namespace craft::exporting
