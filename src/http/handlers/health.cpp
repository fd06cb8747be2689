// Liveness and readiness probes, unauthenticated.

#include "http/handlers/routes.h"

namespace craft::http {

Response JsonResponse(int status, const nlohmann::json& body) {
  return Response::Json(status, body.dump());
}

void AddHealthRoutes(Router& router, ApiContext& context) {
  router.Add({"GET", "/healthz",
              [](Request&) {
                return JsonResponse(200, {{"status", "ok"}});
              },
              BodyMode::kBuffered, "Liveness: the process answers"});
  router.Add({"GET", "/readyz",
              [&context](Request&) {
                bool database = false, blobs = false;
                try {
                  database = context.store.Ping();
                } catch (const std::exception&) {
                }
                try {
                  blobs = context.blobs.Healthy();
                } catch (const std::exception&) {
                }
                const bool ok = database && blobs;
                return JsonResponse(ok ? 200 : 503, {{"status", ok ? "ready" : "unavailable"},
                                                     {"database", database ? "ok" : "unreachable"},
                                                     {"blob_store", blobs ? "ok" : "unreachable"}});
              },
              BodyMode::kBuffered, "Readiness: database and blob store reachable"});
}

void AddApiRoutes(Router& router, ApiContext& context) {
  AddHealthRoutes(router, context);
  AddOrganisationRoutes(router, context);
  AddProductRoutes(router, context);
  AddVersionRoutes(router, context);
  AddStatusRoutes(router, context);
  AddDocumentRoutes(router, context);
  AddApiKeyRoutes(router, context);
  AddUserRoutes(router, context);
  AddAuditRoutes(router, context);
  AddOpenApiRoute(router);
}

}  // namespace craft::http
