// SBOMs: validate without storing, upload to a version (stored blob + components + scan), list,
// read with the reports, original bytes, and the version's components.

#include "http/handlers/routes.h"
#include "http/handlers/sbom_intake.h"

namespace craft::http {
namespace {

Response ValidateSbom(ApiContext& context, Request& request) {
  Authorize(request, context, "sbom:read");
  ReceivedSbom received = ReadSbomBody(request);
  std::optional<sbom::Profile> profile = sbom::Profile::kBsiV2_1;
  if (auto name = request.Query("profile")) {
    profile = sbom::ParseProfile(*name);
    if (!profile) {
      throw ProblemError(400, "unknown profile '" + *name + "' (bsi-v2.1, bsi-v2.0 or ntia)",
                         {{"/profile", "unknown"}}, "validation");
    }
  }
  const sbom::CheckResult check = sbom::CheckSbom(received.bytes);
  // Written as text: the nlohmann tree of a large SBOM's report holds a string per failing
  // component and check.
  return Response::Json(200, sbom::CheckResultJsonText(check, profile));
}

Response UploadSbom(ApiContext& context, Request& request) {
  const Caller caller = Authorize(request, context, "sbom:write");
  const std::string version_id = request.params.at("id");
  if (!context.store.GetVersion(caller.org(), version_id)) ThrowNotFound("version", version_id);
  StoredSbom stored = StoreSbom(context, caller, version_id, ReadSbomBody(request));
  Response response = JsonResponse(201, stored.body);
  response.SetHeader("Location", "/api/v1/sboms/" + stored.record.id);
  return response;
}

Response ListSboms(ApiContext& context, Request& request) {
  const Caller caller = Authorize(request, context, "sbom:read");
  return PageResponse(
      context.store.ListSboms(caller.org(), request.params.at("id"), PageFrom(request)), SbomJson);
}

store::SbomRecord LoadSbom(ApiContext& context, const Caller& caller, const std::string& id) {
  auto sbom = context.store.GetSbom(caller.org(), id);
  if (!sbom) ThrowNotFound("sbom", id);
  return *sbom;
}

Response GetSbom(ApiContext& context, Request& request) {
  const Caller caller = Authorize(request, context, "sbom:read");
  return JsonResponse(200, SbomJson(LoadSbom(context, caller, request.params.at("id"))));
}

Response SbomContent(ApiContext& context, Request& request) {
  const Caller caller = Authorize(request, context, "sbom:read");
  const store::SbomRecord sbom = LoadSbom(context, caller, request.params.at("id"));
  return BlobResponse(context, "SBOM", sbom.id, sbom.sha256, sbom.size,
                      sbom.media_type.empty() ? "application/octet-stream" : sbom.media_type);
}

nlohmann::json ComponentJson(const store::ComponentRecord& c) {
  nlohmann::json hashes = nlohmann::json::array();
  for (const auto& [alg, value] : c.hashes) hashes.push_back({{"alg", alg}, {"content", value}});
  return {
      {"id", c.id},       {"sbom_id", c.sbom_id},   {"ref", c.ref},           {"type", c.type},
      {"group", c.group}, {"name", c.name},         {"version", c.version},   {"purl", c.purl},
      {"cpe", c.cpe},     {"supplier", c.supplier}, {"licenses", c.licenses}, {"hashes", hashes}};
}

Response ListComponents(ApiContext& context, Request& request) {
  const Caller caller = Authorize(request, context, "sbom:read");
  store::ComponentQuery query;
  query.q = request.Query("q").value_or("");
  query.type = request.Query("type").value_or("");
  return PageResponse(
      context.store.ListComponents(caller.org(), request.params.at("id"), query, PageFrom(request)),
      ComponentJson);
}

}  // namespace

void AddSbomRoutes(Router& router, ApiContext& context) {
  router.Add({"POST", "/api/v1/sboms/validate",
              [&context](Request& r) { return ValidateSbom(context, r); }, BodyMode::kStreaming,
              "Validate, summarise and score an SBOM (raw body or multipart 'file'); nothing is "
              "stored. ?profile=bsi-v2.1|bsi-v2.0|ntia"});
  router.Add({"POST", "/api/v1/versions/{id}/sboms",
              [&context](Request& r) { return UploadSbom(context, r); }, BodyMode::kStreaming,
              "Upload an SBOM to a version (raw body or multipart 'file'): stored, its components "
              "kept, the version scanned for vulnerabilities"});
  router.Add({"GET", "/api/v1/versions/{id}/sboms",
              [&context](Request& r) { return ListSboms(context, r); }, BodyMode::kBuffered,
              "The SBOMs of a version"});
  router.Add({"GET", "/api/v1/sboms/{id}", [&context](Request& r) { return GetSbom(context, r); },
              BodyMode::kBuffered, "An SBOM with its validation result and profile reports"});
  router.Add({"GET", "/api/v1/sboms/{id}/content",
              [&context](Request& r) { return SbomContent(context, r); }, BodyMode::kBuffered,
              "The SBOM's bytes as uploaded (hash-verified)"});
  router.Add({"GET", "/api/v1/versions/{id}/components",
              [&context](Request& r) { return ListComponents(context, r); }, BodyMode::kBuffered,
              "The components of a version's SBOMs; ?q=&type=&limit=&cursor="});
}

}  // namespace craft::http
