// GET /api/v1/versions/{id}/status: the readiness verdict (cra_status) of one version.

#include "core/readiness.h"
#include "core/retention.h"
#include "http/handlers/routes.h"

namespace craft::http {
namespace {

nlohmann::json MissingItemJson(const core::MissingItem& item) {
  return {{"key", item.key},
          {"label", item.label},
          {"source", item.source},
          {"fix",
           {{"method", item.fix.method},
            {"path", item.fix.path},
            {"field", item.fix.field},
            {"ui", item.fix.ui}}}};
}

Response VersionStatus(ApiContext& context, Request& request) {
  const Caller caller = Authorize(request, context, "version:read");
  const std::string& id = request.params.at("id");
  core::ReadinessInput input;
  try {
    auto version = context.store.GetVersion(caller.org(), id);
    if (!version) ThrowNotFound("version", id);
    auto product = context.store.GetProduct(caller.org(), version->product_id);
    auto org = context.store.GetOrganisation(caller.org());
    if (!product || !org) ThrowNotFound("version", id);
    input.version = std::move(*version);
    input.product = std::move(*product);
    input.organisation = std::move(*org);
    input.document_types = context.store.DocumentTypesOf(caller.org(), id);
  } catch (const store::StoreError& e) {
    ThrowStoreProblem(e);
  }
  const std::int64_t now = context.clock();
  input.today = core::DateOf(now);
  const core::Readiness readiness = core::AssessReadiness(input);
  const core::Retention retention = core::AssessRetention(input.version, input.today);

  nlohmann::json missing = nlohmann::json::array();
  for (const auto& item : readiness.missing_items) missing.push_back(MissingItemJson(item));
  nlohmann::json body = {
      {"version_id", input.version.id},
      {"product_id", input.product.id},
      {"version", input.version.version},
      {"cra_status",
       {{"status", readiness.ready ? "ready" : "incomplete"},
        {"missing_items", std::move(missing)}}},
      {"retention",
       {{"retain_until", retention.retain_until
                             ? nlohmann::json(core::FormatDate(*retention.retain_until))
                             : nullptr},
        {"open_ended", retention.open_ended},
        {"locked", retention.locked}}},
      {"evaluated_at", core::FormatTimestamp(now)}};
  return JsonResponse(200, body);
}

}  // namespace

void AddStatusRoutes(Router& router, ApiContext& context) {
  router.Add({"GET", "/api/v1/versions/{id}/status",
              [&context](Request& r) { return VersionStatus(context, r); }, BodyMode::kBuffered,
              "Readiness of a version: ready or incomplete, with the missing items"});
}

}  // namespace craft::http
