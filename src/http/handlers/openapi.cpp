// GET /api/v1/openapi.json: an OpenAPI 3.1 document generated from the router's own table, so no
// route can exist without being described.

#include <nlohmann/json.hpp>

#include "http/handlers/routes.h"

namespace craft::http {
namespace {

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

nlohmann::json Operation(const Route& route) {
  nlohmann::json op = {{"summary", route.summary},
                       {"operationId", Lower(route.method) + route.pattern}};
  nlohmann::json params = nlohmann::json::array();
  std::size_t pos = 0;
  while ((pos = route.pattern.find('{', pos)) != std::string::npos) {
    const auto end = route.pattern.find('}', pos);
    params.push_back({{"name", route.pattern.substr(pos + 1, end - pos - 1)},
                      {"in", "path"},
                      {"required", true},
                      {"schema", {{"type", "string"}}}});
    pos = end;
  }
  if (route.method == "GET" && route.summary.find("List") == 0) {
    params.push_back({{"name", "limit"},
                      {"in", "query"},
                      {"schema", {{"type", "integer"}, {"minimum", 1}, {"maximum", 500}}}});
    params.push_back({{"name", "cursor"}, {"in", "query"}, {"schema", {{"type", "string"}}}});
  }
  if (!params.empty()) op["parameters"] = params;
  const bool open = route.pattern == "/healthz" || route.pattern == "/readyz" ||
                    route.pattern == "/api/v1/openapi.json";
  if (open) op["security"] = nlohmann::json::array();
  if (route.body_mode == BodyMode::kStreaming) {
    op["requestBody"] = {
        {"required", true},
        {"content", {{"multipart/form-data", {{"schema", {{"type", "object"}}}}}}}};
  } else if (route.method == "POST" || route.method == "PATCH") {
    op["requestBody"] = {{"required", true},
                         {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}};
  }
  const std::string ok = route.method == "POST" ? "201" : route.method == "DELETE" ? "204" : "200";
  op["responses"] = {{ok, {{"description", "Success"}}},
                     {"default",
                      {{
                           "description",
                           "RFC 9457 problem",
                       },
                       {"content",
                        {{"application/problem+json",
                          {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}}}};
  return op;
}

}  // namespace

void AddOpenApiRoute(Router& router) {
  const Router* table = &router;
  router.Add(
      {"GET", "/api/v1/openapi.json",
       [table](Request&) {
         nlohmann::json paths = nlohmann::json::object();
         for (const Route& route : table->routes()) {
           paths[route.pattern][Lower(route.method)] = Operation(route);
         }
         nlohmann::json doc = {
             {"openapi", "3.1.0"},
             {"info",
              {{"title", "craft API"},
               {"version", "1"},
               {"description",
                "Cyber Resilience Act technical files: evidence, SBOMs, "
                "vulnerabilities, readiness and exports."}}},
             {"paths", paths},
             {"security", nlohmann::json::array({{{"bearer", nlohmann::json::array()}}})},
             {"components",
              {{"securitySchemes",
                {{"bearer",
                  {{"type", "http"}, {"scheme", "bearer"}, {"description", "craft_... API key"}}}}},
               {"schemas",
                {{"Problem",
                  {{"type", "object"},
                   {"properties",
                    {{"type", {{"type", "string"}}},
                     {"title", {{"type", "string"}}},
                     {"status", {{"type", "integer"}}},
                     {"detail", {{"type", "string"}}},
                     {"instance", {{"type", "string"}}},
                     {"errors", {{"type", "array"}}}}}}}}}}}};
         return JsonResponse(200, doc);
       },
       BodyMode::kBuffered, "This OpenAPI 3.1 document"});
}

}  // namespace craft::http
