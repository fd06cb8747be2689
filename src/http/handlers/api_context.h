#pragma once
// What every API handler shares: the store, the blob store, the clock and the limits, and the
// authenticated caller of the current request.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/model.h"
#include "http/message.h"
#include "store/blob/blob_store.h"
#include "store/scan_cache.h"
#include "store/store.h"

namespace craft::http {

struct ApiContext {
  store::Store& store;
  store::BlobStore& blobs;
  std::function<std::int64_t()> clock;  // Unix seconds
  std::uint64_t json_body_limit = 1 << 20;
  std::uint64_t upload_body_limit = 512ull << 20;
  // The server's candidate advisories, shared by the scans of its uploads and rescans; null: each
  // scan reads its own.
  store::ScanCache* scan_cache = nullptr;

  core::Date Today() const;
};

// The caller of a request, resolved from `Authorization: Bearer craft_...` or, for the clients of
// Dependency-Track's API, `X-Api-Key: craft_...`.
struct Caller {
  core::ApiKey key;
  core::Role role = core::Role::kViewer;
  const std::string& org() const { return key.organisation_id; }
  store::Actor actor() const { return {"key:" + key.id}; }
};

// Resolves the bearer key: 401 (with WWW-Authenticate) when absent, malformed, unknown, expired or
// revoked. Does not check scopes.
Caller Authenticate(const Request& request, const ApiContext& context);

// 403 unless the caller's key holds `scope` and the user's role still allows it.
void RequireScope(const Caller& caller, std::string_view scope);

// Authenticate + RequireScope.
Caller Authorize(const Request& request, const ApiContext& context, std::string_view scope);

// Maps a StoreError to the matching problem (404, 409, 422, 503) and throws it. AddApiRoutes
// applies it around every handler, so handlers let StoreError through.
[[noreturn]] void ThrowStoreProblem(const store::StoreError& error);

// 404 problem for a resource that does not exist or belongs to another organisation.
[[noreturn]] void ThrowNotFound(std::string_view what, std::string_view id);

// Streams a stored blob (a document's or an SBOM's bytes) with its media type, ETag and
// X-Content-SHA256; the bytes are verified against `sha256` before the first one leaves. 500 when
// the blob of `what` `id` is missing from the blob store.
Response BlobResponse(ApiContext& context, std::string_view what, const std::string& id,
                      const std::string& sha256, std::uint64_t size, const std::string& media_type);

// Reads limit (1..500, default 50) and cursor from the query; 400 on a bad limit.
store::PageRequest PageFrom(const Request& request);

}  // namespace craft::http
