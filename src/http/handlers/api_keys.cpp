// /api/v1/api-keys: keys are created with a subset of the caller's own scopes, shown once, and
// revoked. Admins see and revoke every key of the organisation; others only their own.

#include "core/scope.h"
#include "http/handlers/json_input.h"
#include "http/handlers/routes.h"
#include "store/model_json.h"

namespace craft::http {
namespace {

bool IsAdmin(const Caller& caller) {
  return core::ScopeSatisfies(caller.key.scopes, "admin") &&
         core::RoleAllowsScope(caller.role, "admin");
}

Response CreateKey(ApiContext& context, Request& request) {
  const Caller caller = Authenticate(request, context);
  const nlohmann::json json = ParseJsonObject(request);
  FieldErrors errors;
  ObjectReader body(json, "", errors);
  body.RejectUnknown({"name", "scopes", "expires_at"});
  body.Require({"name", "scopes"});
  std::string name;
  body.ReadNonEmptyString("name", name, 100);
  std::vector<std::string> scopes;
  if (body.ReadStringArray("scopes", scopes, 32, 64)) {
    if (scopes.empty()) errors.Add("/scopes", "a key needs at least one scope");
    for (std::size_t i = 0; i < scopes.size(); ++i) {
      const std::string ptr = "/scopes/" + std::to_string(i);
      if (!core::IsKnownScope(scopes[i])) {
        errors.Add(ptr, "unknown scope '" + scopes[i] + "'");
      } else if (!core::ScopeSatisfies(caller.key.scopes, scopes[i]) ||
                 !core::RoleAllowsScope(caller.role, scopes[i])) {
        errors.Add(ptr, "you cannot grant '" + scopes[i] + "': your own key or role lacks it");
      }
    }
  }
  std::optional<std::int64_t> expires_at;
  if (json.contains("expires_at") && !json["expires_at"].is_null()) {
    if (json["expires_at"].is_string())
      expires_at = core::ParseTimestamp(json["expires_at"].get<std::string>());
    if (!expires_at) {
      errors.Add("/expires_at", "expected an RFC 3339 timestamp such as 2027-01-01T00:00:00Z");
    } else if (*expires_at <= context.clock()) {
      errors.Add("/expires_at", "must be in the future");
    }
  }
  errors.Finish();
  store::CreatedApiKey created;
  created = context.store.CreateApiKey(caller.org(), caller.key.user_id, name, scopes, expires_at,
                                       caller.actor());
  nlohmann::json out = store::ToJson(created.key);
  out["secret"] = created.secret;
  out["note"] = "The secret is shown once; store it now.";
  return JsonResponse(201, out);
}

Response ListKeys(ApiContext& context, Request& request) {
  const Caller caller = Authenticate(request, context);
  std::optional<std::string> user;
  if (!IsAdmin(caller)) user = caller.key.user_id;
  return PageResponse(context.store.ListApiKeys(caller.org(), user, PageFrom(request)),
                      [](const core::ApiKey& k) { return store::ToJson(k); });
}

Response RevokeKey(ApiContext& context, Request& request) {
  const Caller caller = Authenticate(request, context);
  const std::string& id = request.params.at("id");
  auto key = context.store.GetApiKey(caller.org(), id);
  if (!key || (!IsAdmin(caller) && key->user_id != caller.key.user_id))
    ThrowNotFound("API key", id);
  context.store.RevokeApiKey(caller.org(), id, caller.actor());
  return Response{204, {}, "", {}, {}};
}

}  // namespace

void AddApiKeyRoutes(Router& router, ApiContext& context) {
  router.Add({"POST", "/api/v1/api-keys", [&context](Request& r) { return CreateKey(context, r); },
              BodyMode::kBuffered,
              "Create an API key (scopes within your own; secret shown once)"});
  router.Add({"GET", "/api/v1/api-keys", [&context](Request& r) { return ListKeys(context, r); },
              BodyMode::kBuffered, "List API keys (admins: all of the organisation; others: own)"});
  router.Add({"DELETE", "/api/v1/api-keys/{id}",
              [&context](Request& r) { return RevokeKey(context, r); }, BodyMode::kBuffered,
              "Revoke an API key"});
}

}  // namespace craft::http
