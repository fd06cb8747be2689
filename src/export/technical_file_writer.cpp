#include "export/technical_file_writer.h"

#include <utility>

#include "core/digest.h"
#include "export/pdf/technical_file_pdf.h"
#include "export/signature.h"
#include "export/zip_layout.h"

namespace craft::exporting {
namespace {

// One entry to write: either bytes rendered in memory, or a stored blob streamed with its stored
// size and hash.
struct PlannedEntry {
  std::string path;
  ZipMethod method = ZipMethod::kStored;
  std::string rendered;  // when `blob` is empty
  const ByteStreamer* blob = nullptr;
  std::uint64_t size = 0;
  std::string sha256;
};

PlannedEntry Rendered(std::string path, std::string bytes, ZipMethod method) {
  PlannedEntry e{std::move(path), method, std::move(bytes), nullptr, 0, ""};
  e.size = e.rendered.size();
  e.sha256 = core::Sha256Hex(e.rendered);
  return e;
}

PlannedEntry Stored(std::string path, const ByteStreamer& blob, std::uint64_t size,
                    std::string sha256, ZipMethod method) {
  return {std::move(path), method, "", &blob, size, std::move(sha256)};
}

bool IsTextSbom(const TechnicalFileSbom& s) {
  const std::string& m = s.media_type;
  return m.find("json") != std::string::npos || m.find("xml") != std::string::npos || m.empty();
}

// Everything after manifest.json and its signature, in archive order.
std::vector<PlannedEntry> PlanEntries(const TechnicalFile& file,
                                      const TechnicalFileLayout& layout) {
  std::vector<PlannedEntry> plan;
  plan.push_back(
      Rendered(std::string(kPdfEntry), RenderTechnicalFilePdf(file, layout), ZipMethod::kStored));
  for (const PlannedFile& p : layout.sboms) {
    if (p.path.empty()) continue;
    const TechnicalFileSbom& s = file.sboms[p.index];
    plan.push_back(Stored(p.path, s.content, s.size, s.sha256,
                          IsTextSbom(s) ? ZipMethod::kDeflated : ZipMethod::kStored));
  }
  if (layout.components_included) {
    plan.push_back(Rendered(std::string(kComponentsEntry), RenderComponentList(file.components),
                            ZipMethod::kDeflated));
  }
  for (const PlannedFile& p : layout.documents) {
    if (p.path.empty()) continue;
    const core::Document& d = file.documents[p.index].document;
    plan.push_back(
        Stored(p.path, file.documents[p.index].content, d.size, d.sha256, ZipMethod::kStored));
  }
  for (const PlannedFile& p : layout.vex) {
    plan.push_back(Rendered(p.path, file.vex[p.index].bytes, ZipMethod::kDeflated));
  }
  return plan;
}

// Counts content bytes for ExportOptions::progress.
class Progress {
 public:
  Progress(const ExportOptions& options, std::uint64_t total) : options_(options), total_(total) {}
  void Add(std::uint64_t n) {
    if (n == 0) return;
    done_ += n;
    if (options_.progress) options_.progress(done_, total_);
  }

 private:
  const ExportOptions& options_;
  std::uint64_t total_;
  std::uint64_t done_ = 0;
};

// Streams a stored blob into the ZIP and checks it against its stored SHA-256.
void AddStored(ZipWriter& zip, const PlannedEntry& e, Progress& progress) {
  core::Sha256 hash;
  const ByteStreamer& blob = *e.blob;
  auto hashing = [&blob, &hash, &progress](const ByteSink& sink) {
    blob([&](std::string_view bytes) {
      hash.Update(bytes);
      sink(bytes);
      progress.Add(bytes.size());
    });
  };
  zip.AddEntry(e.path, hashing, {e.method, e.size});
  const std::string actual = hash.FinishHex();
  if (actual != e.sha256) {
    throw ExportError(e.path + ": the stored bytes hash to " + actual + ", not the recorded " +
                      e.sha256);
  }
}

}  // namespace

ExportSummary WriteTechnicalFile(const TechnicalFile& file, const ByteSink& sink,
                                 const ExportOptions& options) {
  const TechnicalFileLayout layout = PlanTechnicalFile(file, options.include_sboms);
  std::optional<std::string> fingerprint;
  if (options.signing_key_pem) {
    fingerprint = PublicKeyFingerprint(PublicKeyOf(*options.signing_key_pem));
  }
  const std::vector<PlannedEntry> plan = PlanEntries(file, layout);
  ExportSummary summary;
  summary.file_name = TechnicalFileName(file);
  for (const PlannedEntry& e : plan) summary.entries.push_back({e.path, e.size, e.sha256});
  const std::string manifest = RenderManifest(file, layout, summary.entries, fingerprint);

  core::Sha256 archive_hash;
  ByteSink counted = [&](std::string_view bytes) {
    if (options.hash_archive) archive_hash.Update(bytes);
    sink(bytes);
  };
  const std::string signature =
      options.signing_key_pem ? SignManifest(manifest, *options.signing_key_pem) : "";
  std::uint64_t total = manifest.size() + signature.size();
  for (const PlannedEntry& e : plan) total += e.size;
  Progress progress(options, total);
  ZipWriter zip(counted, file.exported_at, options.zip);
  zip.AddEntry(kManifestEntry, manifest, ZipMethod::kDeflated);
  progress.Add(manifest.size());
  if (options.signing_key_pem) {
    zip.AddEntry(kSignatureEntry, signature);
    progress.Add(signature.size());
  }
  for (const PlannedEntry& e : plan) {
    if (e.blob) {
      AddStored(zip, e, progress);
    } else {
      zip.AddEntry(e.path, e.rendered, e.method);
      progress.Add(e.size);
    }
  }
  zip.Finish();
  summary.size = zip.bytes_written();
  if (options.hash_archive) summary.sha256 = archive_hash.FinishHex();
  return summary;
}

}  // namespace craft::exporting
