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
  Router resources;
  AddHealthRoutes(resources, context);
  AddOrganisationRoutes(resources, context);
  AddProductRoutes(resources, context);
  AddVersionRoutes(resources, context);
  AddStatusRoutes(resources, context);
  AddDocumentRoutes(resources, context);
  AddApiKeyRoutes(resources, context);
  AddUserRoutes(resources, context);
  AddAuditRoutes(resources, context);
  AddExportRoutes(resources, context);
  AddSbomRoutes(resources, context);
  AddVulnerabilityRoutes(resources, context);
  AddBomRoutes(resources, context);
  // One place maps store failures to problems (404, 409, 422, 503) for every handler.
  for (Route route : resources.routes()) {
    route.handler = [handler = std::move(route.handler)](Request& request) {
      try {
        return handler(request);
      } catch (const store::StoreError& e) {
        ThrowStoreProblem(e);
      }
    };
    router.Add(std::move(route));
  }
  AddOpenApiRoute(router);
}

}  // namespace craft::http
