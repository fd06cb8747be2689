// GET /api/v1/exports/versions/{version_id}/technical-file: the Annex VII technical file of a
// version as a ZIP (manifest.json, technical-file.pdf, documents/<type>/<file>), streamed from the
// blob store as it is written.

#include <memory>

#include "core/readiness.h"
#include "core/retention.h"
#include "export/signature.h"
#include "export/technical_file_writer.h"
#include "export/zip_layout.h"
#include "http/handlers/routes.h"

namespace craft::http {
namespace {

std::vector<core::Document> AllDocuments(ApiContext& context, const std::string& org,
                                         const std::string& version_id) {
  std::vector<core::Document> documents;
  store::PageRequest page{500, ""};
  do {
    auto batch = context.store.ListDocuments(org, version_id, page);
    documents.insert(documents.end(), batch.items.begin(), batch.items.end());
    page.cursor = batch.next_cursor;
  } while (!page.cursor.empty());
  return documents;
}

std::shared_ptr<exporting::TechnicalFile> LoadTechnicalFile(ApiContext& context,
                                                            const std::string& org,
                                                            const std::string& version_id) {
  auto version = context.store.GetVersion(org, version_id);
  if (!version) ThrowNotFound("version", version_id);
  auto product = context.store.GetProduct(org, version->product_id);
  auto organisation = context.store.GetOrganisation(org);
  if (!product || !organisation) ThrowNotFound("version", version_id);
  auto file = std::make_shared<exporting::TechnicalFile>();
  file->exported_at = context.clock();
  const core::Date today = core::DateOf(file->exported_at);
  core::ReadinessInput input{*organisation, *product, *version,
                             context.store.DocumentTypesOf(org, version_id), today};
  file->readiness = core::AssessReadiness(input);
  file->retention = core::AssessRetention(*version, today);
  file->organisation = std::move(*organisation);
  file->product = std::move(*product);
  file->version = std::move(*version);
  store::BlobStore* blobs = &context.blobs;
  for (core::Document& document : AllDocuments(context, org, version_id)) {
    const std::string sha = document.sha256;
    exporting::TechnicalFileDocument entry{std::move(document), nullptr};
    if (blobs->Exists(sha)) {
      entry.content = [blobs, sha](const exporting::ByteSink& sink) { blobs->Read(sha, sink); };
    }
    file->documents.push_back(std::move(entry));
  }
  return file;
}

// The organisation's Ed25519 key, created on first use.
store::SigningKey SigningKeyOf(ApiContext& context, const Caller& caller) {
  return context.store.OrganisationSigningKey(
      caller.org(),
      [] {
        const exporting::SigningKeyPair pair = exporting::GenerateSigningKey();
        return store::SigningKey{pair.private_key_pem, pair.public_key_pem};
      },
      caller.actor());
}

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
  auto file = LoadTechnicalFile(context, caller.org(), request.params.at("version_id"));
  const std::string signing_key = SigningKeyOf(context, caller).private_key_pem;
  Response response;
  response.SetHeader("Content-Type", "application/zip");
  response.SetHeader("Content-Disposition",
                     "attachment; filename=\"" + exporting::TechnicalFileName(*file) + "\"");
  response.SetHeader("Cache-Control", "no-store");
  // Written as it streams: a blob that no longer matches its hash aborts the response (the client
  // sees a broken transfer, never a ZIP with wrong content).
  // Each completed export is recorded in the audit log with the SHA-256 of the ZIP.
  store::Store* store = &context.store;
  response.stream = [file, include_sboms, store,
                     actor = caller.actor()](const std::function<void(std::string_view)>& write) {
    exporting::ExportOptions options;
    options.include_sboms = include_sboms;
    const exporting::ExportSummary summary = exporting::WriteTechnicalFile(*file, write, options);
    const nlohmann::json details = {{"file_name", summary.file_name},
                                    {"size", summary.size},
                                    {"sha256", summary.sha256},
                                    {"include_sboms", include_sboms},
                                    {"exported_at", core::FormatTimestamp(file->exported_at)}};
    store->RecordEvent(file->organisation.id, "export.technical_file", "version", file->version.id,
                       details.dump(), actor);
  };
  return response;
}

Response SigningPublicKey(ApiContext& context, Request& request) {
  const Caller caller = Authorize(request, context, "export:read");
  const std::string pem = SigningKeyOf(context, caller).public_key_pem;
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
