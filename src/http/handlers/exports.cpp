// GET /api/v1/exports/versions/{version_id}/technical-file: the Annex VII technical file of a
// version as a ZIP (manifest.json, technical-file.pdf, documents/<type>/<file>), streamed from the
// blob store as it is written.

#include <memory>

#include "export/assemble.h"
#include "export/signature.h"
#include "export/zip_layout.h"
#include "http/handlers/routes.h"

namespace craft::http {
namespace {

Response ExportTechnicalFile(ApiContext& context, Request& request) {
  const Caller caller = Authorize(request, context, "export:read");
  bool include_sboms = true;
  if (auto value = request.Query("include_sboms")) {
    if (*value != "true" && *value != "false") {
      throw ProblemError(400, "include_sboms must be true or false",
                         {{"/query/include_sboms", "got '" + *value + "'"}}, "validation");
    }
    include_sboms = *value == "true";
  }
  const std::string& version_id = request.params.at("version_id");
  std::shared_ptr<const exporting::TechnicalFile> file = exporting::AssembleTechnicalFile(
      context.store, context.blobs, caller.org(), version_id, context.clock());
  if (!file) ThrowNotFound("version", version_id);
  exporting::SigningKeyFor(context.store, caller.org(), caller.actor());  // before the first byte
  Response response;
  response.SetHeader("Content-Type", "application/zip");
  response.SetHeader("Content-Disposition",
                     "attachment; filename=\"" + exporting::TechnicalFileName(*file) + "\"");
  response.SetHeader("Cache-Control", "no-store");
  // Written as it streams, then recorded in the audit log with the ZIP's SHA-256. A blob that no
  // longer matches its hash aborts the response: the client sees a broken transfer, never a ZIP
  // with wrong content.
  store::Store* store = &context.store;
  response.stream = [file, include_sboms, store,
                     actor = caller.actor()](const std::function<void(std::string_view)>& write) {
    exporting::ExportAndRecord(*store, *file, write, include_sboms, actor);
  };
  return response;
}

Response SigningPublicKey(ApiContext& context, Request& request) {
  const Caller caller = Authorize(request, context, "export:read");
  const std::string pem =
      exporting::SigningKeyFor(context.store, caller.org(), caller.actor()).public_key_pem;
  Response response;
  response.status = 200;
  response.SetHeader("Content-Type", "application/x-pem-file");
  response.SetHeader("Content-Disposition", "attachment; filename=\"craft-signing-key.pub.pem\"");
  response.SetHeader("X-Key-Fingerprint", exporting::PublicKeyFingerprint(pem));
  response.body = pem;
  return response;
}

}  // namespace

void AddExportRoutes(Router& router, ApiContext& context) {
  router.Add({"GET", "/api/v1/organisation/signing-key",
              [&context](Request& r) { return SigningPublicKey(context, r); }, BodyMode::kBuffered,
              "The organisation's Ed25519 public key (PEM) that signs technical-file manifests"});
  router.Add(
      {"GET", "/api/v1/exports/versions/{version_id}/technical-file",
       [&context](Request& r) { return ExportTechnicalFile(context, r); }, BodyMode::kBuffered,
       "The Annex VII technical file of a version as a ZIP (manifest.json, PDF, documents)"});
}

}  // namespace craft::http
