// /api/v1/users: the people of the organisation and their roles (owner > admin > member > viewer).

#include "http/handlers/json_input.h"
#include "http/handlers/routes.h"
#include "store/model_json.h"

namespace craft::http {
namespace {

Response CreateUser(ApiContext& context, Request& request) {
  const Caller caller = Authorize(request, context, "admin");
  const nlohmann::json json = ParseJsonObject(request);
  FieldErrors errors;
  ObjectReader body(json, "", errors);
  body.RejectUnknown({"email", "name", "role", "password"});
  body.Require({"email", "name", "role"});
  std::string email, name, password;
  if (body.ReadNonEmptyString("email", email, 255) &&
      (email.find('@') == std::string::npos || email.find(' ') != std::string::npos)) {
    errors.Add("/email", "expected an e-mail address");
  }
  body.ReadNonEmptyString("name", name, 255);
  std::optional<std::size_t> role_index;
  body.ReadEnum("role", core::RoleNames(), role_index);
  if (body.ReadString("password", password, 1024) && !password.empty() && password.size() < 12) {
    errors.Add("/password", "use at least 12 characters");
  }
  const auto role = role_index ? static_cast<core::Role>(*role_index) : core::Role::kViewer;
  if (role_index && role > caller.role) {
    errors.Add("/role", "you cannot grant a role above your own (" +
                            std::string(core::ToString(caller.role)) + ")");
  }
  errors.Finish();
  const core::User user =
      context.store.CreateUser(caller.org(), email, name, password, role, caller.actor());
  return JsonResponse(201, store::ToJson(user, role));
}

}  // namespace

void AddUserRoutes(Router& router, ApiContext& context) {
  router.Add({"POST", "/api/v1/users", [&context](Request& r) { return CreateUser(context, r); },
              BodyMode::kBuffered, "Add a user to the organisation with a role"});
  router.Add({"GET", "/api/v1/users",
              [&context](Request& r) {
                const Caller caller = Authorize(r, context, "admin");
                nlohmann::json items = nlohmann::json::array();
                for (const auto& [user, role] : context.store.ListUsers(caller.org())) {
                  items.push_back(store::ToJson(user, role));
                }
                return JsonResponse(200, {{"items", items}, {"next_cursor", nullptr}});
              },
              BodyMode::kBuffered, "List the organisation's users and roles"});
}

}  // namespace craft::http
