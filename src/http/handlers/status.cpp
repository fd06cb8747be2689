// GET /api/v1/versions/{id}/status: the readiness verdict (cra_status) of one version.

#include "core/readiness.h"
#include "core/retention.h"
#include "http/handlers/routes.h"
#include "http/json_text.h"
#include "store/version_readiness.h"

namespace craft::http {
namespace {

void AppendMissingItem(std::string& out, const core::MissingItem& item) {
  out += '{';
  AppendJsonKey(out, "key");
  AppendJsonString(out, item.key);
  out += ',';
  AppendJsonKey(out, "label");
  AppendJsonString(out, item.label);
  out += ',';
  AppendJsonKey(out, "source");
  AppendJsonString(out, item.source);
  out += ",\"fix\":{";
  AppendJsonKey(out, "method");
  AppendJsonString(out, item.fix.method);
  out += ',';
  AppendJsonKey(out, "path");
  AppendJsonString(out, item.fix.path);
  out += ',';
  AppendJsonKey(out, "field");
  AppendJsonString(out, item.fix.field);
  out += ',';
  AppendJsonKey(out, "ui");
  AppendJsonString(out, item.fix.ui);
  out += "}}";
}

// The status body, written directly: this endpoint is polled by dashboards and CI pipelines, and
// a JSON tree would cost more than the database reads.
std::string StatusJson(const core::ReadinessInput& input, const core::Readiness& readiness,
                       const core::Retention& retention, std::int64_t now) {
  std::string out;
  out.reserve(512 + readiness.missing_items.size() * 320);
  out += '{';
  AppendJsonKey(out, "version_id");
  AppendJsonString(out, input.version.id);
  out += ',';
  AppendJsonKey(out, "product_id");
  AppendJsonString(out, input.product.id);
  out += ',';
  AppendJsonKey(out, "version");
  AppendJsonString(out, input.version.version);
  out += ",\"cra_status\":{\"status\":";
  out += readiness.ready ? "\"ready\"" : "\"incomplete\"";
  out += ",\"missing_items\":[";
  for (std::size_t i = 0; i < readiness.missing_items.size(); ++i) {
    if (i > 0) out += ',';
    AppendMissingItem(out, readiness.missing_items[i]);
  }
  out += "]},\"retention\":{\"retain_until\":";
  if (retention.retain_until) {
    AppendJsonString(out, core::FormatDate(*retention.retain_until));
  } else {
    out += "null";
  }
  out += ",\"open_ended\":";
  out += retention.open_ended ? "true" : "false";
  out += ",\"locked\":";
  out += retention.locked ? "true" : "false";
  out += "},";
  AppendJsonKey(out, "evaluated_at");
  AppendJsonString(out, core::FormatTimestamp(now));
  out += '}';
  return out;
}

Response VersionStatus(ApiContext& context, Request& request) {
  const Caller caller = Authorize(request, context, "version:read");
  const std::string& id = request.params.at("id");
  const std::int64_t now = context.clock();
  std::optional<core::ReadinessInput> found =
      store::ReadinessInputFor(context.store, caller.org(), id, core::DateOf(now));
  if (!found) ThrowNotFound("version", id);
  const core::ReadinessInput& input = *found;
  const core::Readiness readiness = core::AssessReadiness(input);
  const core::Retention retention = core::AssessRetention(input.version, input.today);

  return Response::Json(200, StatusJson(input, readiness, retention, now));
}

}  // namespace

void AddStatusRoutes(Router& router, ApiContext& context) {
  router.Add({"GET", "/api/v1/versions/{id}/status",
              [&context](Request& r) { return VersionStatus(context, r); }, BodyMode::kBuffered,
              "Readiness of a version: ready or incomplete, with the missing items"});
}

}  // namespace craft::http
