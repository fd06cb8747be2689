// /api/v1/products/{id}/versions and /api/v1/versions/{id}: product versions and the Annex VII
// facts recorded per version.

#include "core/retention.h"
#include "core/vocabulary.h"
#include "http/handlers/json_input.h"
#include "http/handlers/retention_guard.h"
#include "http/handlers/routes.h"
#include "store/model_json.h"

namespace craft::http {
namespace {

bool ParseStandards(const nlohmann::json& v, const std::string& ptr, FieldErrors& errors,
                    std::optional<core::HarmonisedStandardsApplied>& out) {
  if (v.is_null()) {
    out.reset();
    return true;
  }
  if (v.is_string()) {
    if (v.get<std::string>() == "none") {
      out = core::HarmonisedStandardsApplied{true, {}};
      return true;
    }
    errors.Add(ptr,
               "expected \"none\" or an array of {reference, title, applied_in_full, "
               "parts_applied}");
    return false;
  }
  if (!v.is_array() || v.size() > 200) {
    errors.Add(ptr, "expected \"none\" or an array of at most 200 standards");
    return false;
  }
  core::HarmonisedStandardsApplied applied;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::string item_ptr = ptr + "/" + std::to_string(i);
    if (!v[i].is_object()) {
      errors.Add(item_ptr, "expected an object");
      continue;
    }
    ObjectReader item(v[i], item_ptr, errors);
    item.RejectUnknown({"reference", "title", "applied_in_full", "parts_applied"});
    item.Require({"reference", "applied_in_full"});
    core::HarmonisedStandard standard;
    item.ReadNonEmptyString("reference", standard.reference, 255);
    item.ReadString("title", standard.title, 1000);
    item.ReadBool("applied_in_full", standard.applied_in_full);
    item.ReadString("parts_applied", standard.parts_applied, 2000);
    if (item.Has("applied_in_full") && !standard.applied_in_full &&
        standard.parts_applied.empty()) {
      errors.Add(item_ptr + "/parts_applied", "say which parts were applied when not in full");
    }
    applied.standards.push_back(std::move(standard));
  }
  out = std::move(applied);
  return true;
}

void ReadCeMarking(ObjectReader& body, core::CeMarking& ce) {
  const nlohmann::json* object = body.Object("ce_marking");
  if (object == nullptr) return;
  ObjectReader r(*object, body.Pointer("ce_marking"), body.errors());
  r.RejectUnknown({"applied", "date", "applied_by"});
  r.ReadBool("applied", ce.applied);
  r.ReadDate("date", ce.date);
  r.ReadString("applied_by", ce.applied_by, 255);
}

void ApplyVersionFields(const nlohmann::json& json, core::Version& v, bool creating) {
  FieldErrors errors;
  ObjectReader body(json, "", errors);
  body.RejectUnknown({"version", "release_date", "end_of_support", "support_period_justification",
                      "harmonised_standards_applied", "conformity_assessment_type", "notified_body",
                      "ce_marking", "secure_by_default", "first_placed_on_market",
                      "last_placed_on_market", "release_state", "supersedes",
                      "carry_over_documents_from"});
  if (creating) body.Require({"version"});
  if (!creating && body.Has("carry_over_documents_from")) {
    errors.Add("/carry_over_documents_from",
               "documents are carried over only when a version is "
               "created");
  }
  body.ReadNonEmptyString("version", v.version, 128);
  body.ReadDate("release_date", v.release_date);
  body.ReadDate("end_of_support", v.end_of_support);
  body.ReadString("support_period_justification", v.support_period_justification, 10000);
  if (json.contains("harmonised_standards_applied")) {
    ParseStandards(json["harmonised_standards_applied"], "/harmonised_standards_applied", errors,
                   v.harmonised_standards_applied);
  }
  std::optional<std::size_t> index;
  if (body.ReadEnum("conformity_assessment_type", core::ConformityAssessmentTypeNames(), index,
                    true)) {
    v.conformity_assessment_type =
        index ? std::optional(static_cast<core::ConformityAssessmentType>(*index)) : std::nullopt;
  }
  body.ReadString("notified_body", v.notified_body, 255);
  ReadCeMarking(body, v.ce_marking);
  body.ReadBool("secure_by_default", v.secure_by_default);
  body.ReadDate("first_placed_on_market", v.first_placed_on_market);
  body.ReadDate("last_placed_on_market", v.last_placed_on_market);
  const core::ReleaseState before = v.release_state;
  index.reset();
  if (body.ReadEnum("release_state", core::ReleaseStateNames(), index) && index) {
    v.release_state = static_cast<core::ReleaseState>(*index);
    if (core::IsReleasedState(before) && !core::IsReleasedState(v.release_state)) {
      errors.Add("/release_state", "a released version cannot return to " +
                                       std::string(core::ToString(v.release_state)));
    }
  }
  std::string supersedes;
  if (body.ReadString("supersedes", supersedes, 64)) {
    v.supersedes = supersedes.empty() ? std::nullopt : std::optional(supersedes);
  }
  if (v.first_placed_on_market && v.last_placed_on_market &&
      *v.last_placed_on_market < *v.first_placed_on_market) {
    errors.Add("/last_placed_on_market", "must not be before first_placed_on_market");
  }
  if (v.last_placed_on_market && !v.first_placed_on_market) {
    errors.Add("/first_placed_on_market", "required when last_placed_on_market is set");
  }
  errors.Finish();
}

}  // namespace

nlohmann::json VersionJson(const ApiContext& context, const core::Version& version) {
  nlohmann::json j = store::ToJson(version);
  const core::Retention r = core::AssessRetention(version, context.Today());
  j["retention"] = {{"retain_until",
                     r.retain_until ? nlohmann::json(core::FormatDate(*r.retain_until)) : nullptr},
                    {"open_ended", r.open_ended},
                    {"locked", r.locked}};
  return j;
}

namespace {

core::Version LoadVersion(ApiContext& context, const Caller& caller, const std::string& id) {
  auto version = context.store.GetVersion(caller.org(), id);
  if (!version) ThrowNotFound("version", id);
  return *version;
}

Response CreateVersion(ApiContext& context, Request& request) {
  const Caller caller = Authorize(request, context, "version:write");
  const nlohmann::json body = ParseJsonObject(request);
  const std::string product_id = request.params.at("id");
  if (!context.store.GetProduct(caller.org(), product_id)) ThrowNotFound("product", product_id);
  core::Version version;
  version.product_id = product_id;
  ApplyVersionFields(body, version, true);
  std::optional<std::string> carry_over;
  if (body.contains("carry_over_documents_from") && body["carry_over_documents_from"].is_string()) {
    carry_over = body["carry_over_documents_from"].get<std::string>();
  } else if (body.contains("carry_over_documents_from") &&
             !body["carry_over_documents_from"].is_null()) {
    throw ProblemError(422, "/carry_over_documents_from: expected a version id",
                       {{"/carry_over_documents_from", "expected a version id"}}, "validation");
  }
  version = context.store.CreateVersion(caller.org(), version, carry_over, caller.actor());
  Response response = JsonResponse(201, VersionJson(context, version));
  response.SetHeader("Location", "/api/v1/versions/" + version.id);
  return response;
}

Response UpdateVersion(ApiContext& context, Request& request) {
  const Caller caller = Authorize(request, context, "version:write");
  const nlohmann::json body = ParseJsonObject(request);
  core::Version version = LoadVersion(context, caller, request.params.at("id"));
  ApplyVersionFields(body, version, false);
  version = context.store.UpdateVersion(caller.org(), version, caller.actor());
  return JsonResponse(200, VersionJson(context, version));
}

}  // namespace

void AddVersionRoutes(Router& router, ApiContext& context) {
  router.Add(
      {"POST", "/api/v1/products/{id}/versions",
       [&context](Request& r) { return CreateVersion(context, r); }, BodyMode::kBuffered,
       "Create a version of a product (optionally carrying over another version's documents)"});
  router.Add({"GET", "/api/v1/products/{id}/versions",
              [&context](Request& r) {
                const Caller caller = Authorize(r, context, "version:read");
                const std::string product_id = r.params.at("id");
                if (!context.store.GetProduct(caller.org(), product_id)) {
                  ThrowNotFound("product", product_id);
                }
                return PageResponse(
                    context.store.ListVersions(caller.org(), product_id, PageFrom(r)),
                    [&context](const core::Version& v) { return VersionJson(context, v); });
              },
              BodyMode::kBuffered, "List the versions of a product"});
  router.Add({"GET", "/api/v1/versions/{id}",
              [&context](Request& r) {
                const Caller caller = Authorize(r, context, "version:read");
                return JsonResponse(
                    200, VersionJson(context, LoadVersion(context, caller, r.params.at("id"))));
              },
              BodyMode::kBuffered, "Get a version, with its retention dates"});
  router.Add({"PATCH", "/api/v1/versions/{id}",
              [&context](Request& r) { return UpdateVersion(context, r); }, BodyMode::kBuffered,
              "Update a version"});
  router.Add({"DELETE", "/api/v1/versions/{id}",
              [&context](Request& r) {
                const Caller caller = Authorize(r, context, "version:write");
                const core::Version version = LoadVersion(context, caller, r.params.at("id"));
                EnsureNotRetained(context, version, "version");
                context.store.DeleteVersion(caller.org(), version.id, caller.actor());
                return Response{204, {}, "", {}, {}};
              },
              BodyMode::kBuffered, "Delete a draft version (refused under retention)"});
}

}  // namespace craft::http
