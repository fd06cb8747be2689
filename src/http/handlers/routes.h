#pragma once
// The REST API (/api/v1) and the probes. Each resource registers its routes from its own file.

#include <nlohmann/json.hpp>

#include "http/handlers/api_context.h"
#include "http/router.h"

namespace craft::http {

void AddHealthRoutes(Router& router, ApiContext& context);
void AddOrganisationRoutes(Router& router, ApiContext& context);
void AddProductRoutes(Router& router, ApiContext& context);
void AddVersionRoutes(Router& router, ApiContext& context);
void AddDocumentRoutes(Router& router, ApiContext& context);
void AddStatusRoutes(Router& router, ApiContext& context);
void AddApiKeyRoutes(Router& router, ApiContext& context);
void AddUserRoutes(Router& router, ApiContext& context);
void AddAuditRoutes(Router& router, ApiContext& context);
void AddExportRoutes(Router& router, ApiContext& context);
void AddSbomRoutes(Router& router, ApiContext& context);
void AddVulnerabilityRoutes(Router& router, ApiContext& context);
// Dependency-Track-compatible upload: PUT/POST /api/v1/bom, GET /api/v1/bom/token/{token}.
void AddBomRoutes(Router& router, ApiContext& context);
// Serves GET /api/v1/openapi.json, generated from the router's own table (call last).
void AddOpenApiRoute(Router& router);

// Everything above, in order.
void AddApiRoutes(Router& router, ApiContext& context);

// A version as the API shows it: the stored fields plus its retention dates today.
nlohmann::json VersionJson(const ApiContext& context, const core::Version& version);

// JSON response helpers.
Response JsonResponse(int status, const nlohmann::json& body);
// {"items": [...], "next_cursor": "..."|null}
template <typename T, typename F>
Response PageResponse(const store::Page<T>& page, F to_json) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& item : page.items) items.push_back(to_json(item));
  nlohmann::json body = {{"items", std::move(items)}};
  body["next_cursor"] =
      page.next_cursor.empty() ? nlohmann::json(nullptr) : nlohmann::json(page.next_cursor);
  return JsonResponse(200, body);
}

}  // namespace craft::http
