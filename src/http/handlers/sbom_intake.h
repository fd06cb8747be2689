#pragma once
// Receiving an SBOM: the body (raw, or the `file` part of a multipart form) read into memory up to
// the SBOM size limit, checked once, its bytes stored as a blob and its components as rows, then
// the version scanned for vulnerabilities. Shared by /versions/{id}/sboms and the
// Dependency-Track-compatible /bom endpoints.

#include <nlohmann/json.hpp>
#include <string>

#include "http/handlers/api_context.h"
#include "sbom/check.h"

namespace craft::http {

struct ReceivedSbom {
  std::string bytes;
  std::string file_name;
  std::string media_type;
};

// Reads the SBOM of a request: a multipart/form-data body's `file` part (other parts are ignored
// when `extra_parts` is null, else handed to it), or the raw body. 413 above the SBOM size limit,
// 422 when empty.
ReceivedSbom ReadSbomBody(
    Request& request,
    const std::function<void(const std::string& name, std::string value)>* extra_parts = nullptr);

struct StoredSbom {
  store::SbomRecord record;
  nlohmann::json body;  // the answer: the check result fields plus id, version_id, findings
};

// Checks and stores the SBOM for the version, then scans the version. 422 (with the diagnostics,
// nothing stored) when the bytes are not a readable SBOM; a readable SBOM with validation errors
// is stored with valid=false and its errors.
StoredSbom StoreSbom(ApiContext& context, const Caller& caller, const std::string& version_id,
                     ReceivedSbom received);

// The JSON of a stored SBOM (the report included when the record carries it).
nlohmann::json SbomJson(const store::SbomRecord& sbom);

}  // namespace craft::http
