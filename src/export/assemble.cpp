#include "export/assemble.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/readiness.h"
#include "core/retention.h"
#include "export/signature.h"
#include "store/version_readiness.h"
#include "store/vex_statements.h"

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

SbomSummary SummaryFrom(const store::SbomRecord& record) {
  SbomSummary s;
  s.components = static_cast<std::uint64_t>(record.component_count);
  s.versionless = static_cast<std::uint64_t>(record.versionless_count);
  s.with_purl =
      static_cast<std::uint64_t>(record.purl_coverage_pct * record.component_count / 100 + 0.5);
  const auto report = nlohmann::json::parse(record.report, nullptr, false);
  if (!report.is_object() || !report.contains("summary")) return s;
  const auto& summary = report["summary"];
  s.direct = summary.value("direct", 0);
  s.transitive = summary.value("transitive", 0);
  const double licence_pct = summary.value("license_coverage_pct", 0.0);
  s.with_licence = static_cast<std::uint64_t>(licence_pct * record.component_count / 100 + 0.5);
  if (summary.contains("by_type") && summary["by_type"].is_object()) {
    for (const auto& [type, count] : summary["by_type"].items()) {
      s.by_type.emplace_back(type.empty() ? "unspecified" : type, count.get<std::uint64_t>());
    }
  }
  return s;
}

void AddSboms(store::Store& store, store::BlobStore& blobs, const std::string& org_id,
              const std::string& version_id, TechnicalFile& file) {
  store::BlobStore* source = &blobs;
  for (const store::SbomRecord& listed : store.SbomsOf(org_id, version_id)) {
    const auto record = store.GetSbom(org_id, listed.id);  // with its report
    if (!record) continue;
    TechnicalFileSbom entry;
    entry.id = record->id;
    entry.file_name = record->file_name.empty() ? record->id + ".json" : record->file_name;
    entry.format = record->format.rfind("CycloneDX", 0) == 0 ? "CycloneDX" : "SPDX";
    entry.spec_version = record->spec_version;
    entry.media_type = record->media_type;
    entry.size = record->size;
    entry.sha256 = record->sha256;
    entry.summary = SummaryFrom(*record);
    const std::string sha = record->sha256;
    if (source->Exists(sha)) {
      entry.content = [source, sha](const ByteSink& sink) { source->Read(sha, sink); };
    }
    file.sboms.push_back(std::move(entry));
  }
  for (const store::ComponentRecord& c : store.ComponentsOf(org_id, version_id)) {
    NormalisedComponent n{c.name, c.version, c.type, c.purl, c.cpe, c.licenses, {}, c.supplier};
    for (const auto& [alg, value] : c.hashes) n.hashes.push_back({alg, value});
    file.components.push_back(std::move(n));
  }
}

Severity SeverityOf(const std::string& s) {
  for (Severity v : kSeverities) {
    if (ToString(v) == s) return v;
  }
  return Severity::kUnknown;
}

TriageStatus TriageOf(const std::string& s) {
  for (TriageStatus t :
       {TriageStatus::kUnderInvestigation, TriageStatus::kAffected, TriageStatus::kNotAffected,
        TriageStatus::kFixed, TriageStatus::kFalsePositive}) {
    if (ToString(t) == s) return t;
  }
  return TriageStatus::kUnderInvestigation;
}

void AddVulnerabilities(store::Store& store, const std::string& org_id,
                        const std::string& version_id, TechnicalFile& file) {
  const std::vector<store::FindingRecord> findings = store.FindingsOf(org_id, version_id);
  std::int64_t assessed = 0;
  for (const store::FindingRecord& f : findings) {
    Finding out;
    out.id = f.vuln_id;
    out.aliases = f.aliases;
    out.component = f.component_key;
    out.severity = SeverityOf(f.severity);
    out.cvss_score = f.cvss_score;
    out.kev = f.kev;
    out.status = TriageOf(f.status);
    out.justification = f.justification;
    for (const auto& r : f.responses) out.response += (out.response.empty() ? "" : ", ") + r;
    out.detail = !f.impact_statement.empty() ? f.impact_statement : f.detail;
    if (f.analysed_at) out.review_date = core::DateOf(*f.analysed_at);
    assessed = std::max({assessed, f.first_seen_at, f.analysed_at.value_or(0)});
    file.findings.push_back(std::move(out));
  }
  if (findings.empty()) return;
  file.vulnerabilities_assessed_at = assessed;
  const std::string publisher =
      file.organisation.legal_name.empty() ? file.organisation.name : file.organisation.legal_name;
  const std::string timestamp = core::FormatTimestamp(file.exported_at);
  file.vex.push_back(
      {"vex.cdx.json", store::WriteVex("cyclonedx", findings, version_id, publisher, timestamp)});
  file.vex.push_back(
      {"csaf-vex.json", store::WriteVex("csaf", findings, version_id, publisher, timestamp)});
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
  AddSboms(store, blobs, org_id, version_id, *file);
  AddVulnerabilities(store, org_id, version_id, *file);
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
