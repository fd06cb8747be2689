#include "export/assemble.h"

#include <nlohmann/json.hpp>

#include "core/readiness.h"
#include "core/retention.h"
#include "export/signature.h"
#include "store/version_readiness.h"
#include "store/version_readiness.h"

namespace craft::exporting {
namespace {

std::vector<core::Document> AllDocuments(store::Store& store, const std::string& org,
                                         const std::string& version_id) {
  std::vector<core::Document> documents;
  store::PageRequest page{500, ""};
  do {
    auto batch = store.ListDocuments(org, version_id, page);
    documents.insert(documents.end(), batch.items.begin(), batch.items.end());
    page.cursor = batch.next_cursor;
  } while (!page.cursor.empty());
  return documents;
}

}  // namespace

std::shared_ptr<TechnicalFile> AssembleTechnicalFile(store::Store& store, store::BlobStore& blobs,
                                                     const std::string& org_id,
                                                     const std::string& version_id,
                                                     std::int64_t now) {
  const core::Date today = core::DateOf(now);
  std::optional<core::ReadinessInput> input =
      store::ReadinessInputFor(store, org_id, version_id, today);
  if (!input) return nullptr;
  auto file = std::make_shared<TechnicalFile>();
  file->exported_at = now;
  file->readiness = core::AssessReadiness(*input);
  file->retention = core::AssessRetention(input->version, today);
  file->quality_score = input->best_sbom_score;
  file->organisation = std::move(input->organisation);
  file->product = std::move(input->product);
  file->version = std::move(input->version);
  store::BlobStore* source = &blobs;
  for (core::Document& document : AllDocuments(store, org_id, version_id)) {
    const std::string sha = document.sha256;
    TechnicalFileDocument entry{std::move(document), nullptr};
    if (source->Exists(sha)) {
      entry.content = [source, sha](const ByteSink& sink) { source->Read(sha, sink); };
    }
    file->documents.push_back(std::move(entry));
  }
  return file;
}

store::SigningKey SigningKeyFor(store::Store& store, const std::string& org_id,
                                const store::Actor& actor) {
  return store.OrganisationSigningKey(
      org_id,
      [] {
        const SigningKeyPair pair = GenerateSigningKey();
        return store::SigningKey{pair.private_key_pem, pair.public_key_pem};
      },
      actor);
}

ExportSummary ExportAndRecord(store::Store& store, const TechnicalFile& file, const ByteSink& sink,
                              bool include_sboms, const store::Actor& actor) {
  ExportOptions options;
  options.include_sboms = include_sboms;
  options.signing_key_pem = SigningKeyFor(store, file.organisation.id, actor).private_key_pem;
  const ExportSummary summary = WriteTechnicalFile(file, sink, options);
  const nlohmann::json details = {{"file_name", summary.file_name},
                                  {"size", summary.size},
                                  {"sha256", summary.sha256},
                                  {"include_sboms", include_sboms},
                                  {"exported_at", core::FormatTimestamp(file.exported_at)}};
  store.RecordEvent(file.organisation.id, "export.technical_file", "version", file.version.id,
                    details.dump(), actor);
  return summary;
}

}  // namespace craft::exporting
