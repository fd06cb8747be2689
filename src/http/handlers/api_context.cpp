#include "http/handlers/api_context.h"

#include <charconv>

#include "core/scope.h"

namespace craft::http {

core::Date ApiContext::Today() const { return core::DateOf(clock()); }

Caller Authenticate(const Request& request, const ApiContext& context) {
  const std::string header = request.Header("authorization");
  auto unauthorized = [](std::string detail) {
    ProblemError p(401, std::move(detail), {}, "unauthorized");
    return p;
  };
  constexpr std::string_view kBearer = "Bearer ";
  std::string secret;
  if (!header.empty()) {
    if (header.size() <= kBearer.size() ||
        !std::equal(kBearer.begin(), kBearer.end(), header.begin(),
                    [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
      throw unauthorized("the Authorization header must use the Bearer scheme");
    }
    secret = header.substr(kBearer.size());
  } else {
    // Dependency-Track's clients send the key as X-Api-Key (Authorization wins when both come).
    secret = request.Header("x-api-key");
    if (secret.empty()) {
      throw unauthorized("missing Authorization header (use: Bearer craft_..., or X-Api-Key)");
    }
  }
  if (secret.rfind("craft_", 0) != 0 || secret.size() > 200) {
    throw unauthorized("malformed API key: craft keys start with craft_");
  }
  std::optional<store::Principal> principal;
  try {
    principal = context.store.FindApiKey(secret);
  } catch (const store::StoreError& e) {
    ThrowStoreProblem(e);
  }
  if (!principal) throw unauthorized("unknown API key");
  const std::int64_t now = context.clock();
  if (principal->key.revoked_at) throw unauthorized("this API key was revoked");
  if (principal->key.expires_at && *principal->key.expires_at <= now) {
    throw unauthorized("this API key expired at " +
                       core::FormatTimestamp(*principal->key.expires_at));
  }
  return Caller{std::move(principal->key), principal->role};
}

void RequireScope(const Caller& caller, std::string_view scope) {
  if (!core::ScopeSatisfies(caller.key.scopes, scope) ||
      !core::RoleAllowsScope(caller.role, scope)) {
    throw ProblemError(403, "this API key lacks the scope " + std::string(scope), {},
                       "insufficient-scope");
  }
}

Caller Authorize(const Request& request, const ApiContext& context, std::string_view scope) {
  Caller caller = Authenticate(request, context);
  RequireScope(caller, scope);
  return caller;
}

void ThrowStoreProblem(const store::StoreError& error) {
  switch (error.kind()) {
    case store::StoreErrorKind::kNotFound:
      throw ProblemError(404, error.what(), {}, "not-found");
    case store::StoreErrorKind::kConflict:
      throw ProblemError(409, error.what(), {}, "conflict");
    case store::StoreErrorKind::kInvalid:
      throw ProblemError(422, error.what(), {}, "validation");
    case store::StoreErrorKind::kUnavailable:
      break;
  }
  throw ProblemError(503, error.what(), {}, "unavailable");
}

void ThrowNotFound(std::string_view what, std::string_view id) {
  throw ProblemError(404, std::string(what) + " " + std::string(id) + " does not exist", {},
                     "not-found");
}

store::PageRequest PageFrom(const Request& request) {
  store::PageRequest page;
  if (auto limit = request.Query("limit")) {
    int value = 0;
    const auto [ptr, ec] = std::from_chars(limit->data(), limit->data() + limit->size(), value);
    if (ec != std::errc() || ptr != limit->data() + limit->size() || value < 1 || value > 500) {
      throw ProblemError(400, "limit must be an integer from 1 to 500",
                         {{"/query/limit", "got '" + *limit + "'"}}, "validation");
    }
    page.limit = value;
  }
  if (auto cursor = request.Query("cursor")) page.cursor = *cursor;
  return page;
}

Response BlobResponse(ApiContext& context, std::string_view what, const std::string& id,
                      const std::string& sha256, std::uint64_t size,
                      const std::string& media_type) {
  if (!context.blobs.Exists(sha256)) {
    throw ProblemError(
        500, "the content of " + std::string(what) + " " + id + " is missing from the blob store",
        {}, "blob-missing");
  }
  Response response;
  response.SetHeader("Content-Type", media_type);
  response.SetHeader("ETag", "\"" + sha256 + "\"");
  response.SetHeader("X-Content-SHA256", sha256);
  response.content_length = size;
  store::BlobStore* blobs = &context.blobs;
  // Verified before the first byte leaves: corrupted content is an error, never served.
  response.stream = [blobs, sha256](const std::function<void(std::string_view)>& write) {
    blobs->ReadVerified(sha256, write);
  };
  return response;
}

}  // namespace craft::http
