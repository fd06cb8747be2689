#include "http/handlers/sbom_intake.h"

#include "core/date.h"
#include "http/handlers/routes.h"
#include "http/multipart.h"
#include "store/scan.h"

namespace craft::http {
namespace {

std::string ReadAll(const std::function<std::size_t(char*, std::size_t)>& read) {
  const std::size_t limit = sbom::Limits{}.max_bytes;
  std::string bytes;
  char buffer[64 * 1024];
  while (std::size_t n = read(buffer, sizeof buffer)) {
    if (bytes.size() + n > limit) {
      throw ProblemError(
          413,
          "the SBOM is larger than the limit of " + std::to_string(limit / (1024 * 1024)) + " MiB",
          {}, "payload-too-large");
    }
    bytes.append(buffer, n);
  }
  return bytes;
}

std::string SupplierOf(const sbom::Component& c) {
  if (c.supplier && !c.supplier->name.empty()) return c.supplier->name;
  if (c.manufacturer && !c.manufacturer->name.empty()) return c.manufacturer->name;
  return "";
}

void AddLicenses(const std::vector<sbom::License>& from, std::vector<std::string>& to) {
  for (const sbom::License& l : from) {
    const std::string& text = !l.expression.empty() ? l.expression : !l.id.empty() ? l.id : l.name;
    if (!text.empty() && std::find(to.begin(), to.end(), text) == to.end()) to.push_back(text);
  }
}

std::vector<store::ComponentRecord> ComponentsOf(const sbom::Document& doc) {
  std::vector<store::ComponentRecord> out;
  out.reserve(doc.components.size());
  for (const sbom::Component& c : doc.components) {
    store::ComponentRecord r;
    r.ref = c.ref;
    r.type = c.type;
    r.group = c.group;
    r.name = c.name;
    r.version = c.version;
    r.purl = c.purl;
    r.cpe = c.cpe;
    r.supplier = SupplierOf(c);
    AddLicenses(c.declared_licenses, r.licenses);
    AddLicenses(c.concluded_licenses, r.licenses);
    for (const sbom::Hash& h : c.hashes) r.hashes.emplace_back(h.algorithm, h.value);
    out.push_back(std::move(r));
  }
  return out;
}

nlohmann::json Reports(const sbom::Document& doc) {
  nlohmann::json reports = nlohmann::json::object();
  for (sbom::Profile p : {sbom::Profile::kBsiV2_1, sbom::Profile::kBsiV2_0, sbom::Profile::kNtia}) {
    reports[std::string(sbom::ProfileName(p))] = sbom::ProfileReportJson(doc, p);
  }
  return reports;
}

}  // namespace

ReceivedSbom ReadSbomBody(
    Request& request,
    const std::function<void(const std::string& name, std::string value)>* extra_parts) {
  ReceivedSbom received;
  const std::string content_type = request.Header("content-type");
  if (content_type.rfind("multipart/form-data", 0) == 0) {
    MultipartReader reader(*request.body_reader, content_type);
    PartHeaders part;
    bool has_file = false;
    while (reader.NextPart(part)) {
      auto read = [&](char* b, std::size_t n) { return reader.ReadPart(b, n); };
      if (part.name == "file" || part.name == "bom") {
        if (has_file) {
          throw ProblemError(422, "send one SBOM per upload", {{"/file", "repeated"}},
                             "validation");
        }
        has_file = true;
        received.bytes = ReadAll(read);
        received.file_name = part.filename;
        received.media_type = part.content_type;
      } else if (extra_parts != nullptr) {
        std::string value = ReadAll(read);
        (*extra_parts)(part.name, std::move(value));
      } else {
        throw ProblemError(422, "unknown form field '" + part.name + "' (expected file)",
                           {{"/" + part.name, "unknown field"}}, "validation");
      }
    }
    if (!has_file) {
      throw ProblemError(422, "the form has no 'file' part", {{"/file", "required"}}, "validation");
    }
  } else {
    received.bytes =
        ReadAll([&](char* b, std::size_t n) { return request.body_reader->Read(b, n); });
    received.media_type = content_type;
  }
  if (received.bytes.empty()) {
    throw ProblemError(422, "the SBOM is empty", {{"/file", "empty"}}, "validation");
  }
  return received;
}

nlohmann::json SbomJson(const store::SbomRecord& s) {
  nlohmann::json out = {{"id", s.id},
                        {"version_id", s.version_id},
                        {"file_name", s.file_name},
                        {"media_type", s.media_type},
                        {"size", s.size},
                        {"sha256", s.sha256},
                        {"format", s.format},
                        {"spec_version", s.spec_version},
                        {"serial_number", s.serial_number},
                        {"valid", s.valid},
                        {"component_count", s.component_count},
                        {"purl_coverage_pct", s.purl_coverage_pct},
                        {"versionless_count", s.versionless_count},
                        {"quality_score", s.quality_score},
                        {"grade", s.grade},
                        {"uploaded_by", s.uploaded_by},
                        {"uploaded_at", core::FormatTimestamp(s.uploaded_at)}};
  if (!s.report.empty()) {
    const auto report = nlohmann::json::parse(s.report, nullptr, false);
    if (report.is_object()) {
      for (const char* key : {"errors", "warnings", "summary", "reports"}) {
        if (report.contains(key)) out[key] = report[key];
      }
    }
  }
  return out;
}

StoredSbom StoreSbom(ApiContext& context, const Caller& caller, const std::string& version_id,
                     ReceivedSbom received) {
  if (!context.store.GetVersion(caller.org(), version_id)) ThrowNotFound("version", version_id);
  sbom::CheckResult check = sbom::CheckSbom(received.bytes);
  nlohmann::json result = sbom::CheckResultJson(check, std::nullopt);
  if (!check.document) {
    std::vector<FieldError> errors;
    for (const auto& e : result["errors"]) {
      errors.push_back({e["location"].get<std::string>(), e["message"].get<std::string>()});
      if (errors.size() == 20) break;
    }
    throw ProblemError(422, "the upload is not a readable CycloneDX or SPDX SBOM", errors,
                       "invalid-sbom");
  }
  const sbom::Document& doc = *check.document;
  auto blob = context.blobs.BeginWrite();
  blob->Write(received.bytes);
  store::SbomRecord record;
  record.organisation_id = caller.org();
  record.version_id = version_id;
  record.file_name = received.file_name;
  record.media_type = received.media_type;
  record.size = received.bytes.size();
  record.sha256 = blob->Commit();
  record.format = std::string(sbom::FormatName(doc.format));
  record.spec_version = doc.spec_version;
  record.serial_number = doc.serial_number;
  record.valid = check.valid;
  record.component_count = static_cast<std::int64_t>(check.summary.total);
  record.purl_coverage_pct = check.summary.purl_coverage_pct;
  record.versionless_count = static_cast<std::int64_t>(check.summary.versionless);
  record.quality_score = check.score.score;
  record.grade = std::string(1, check.score.grade);
  result["reports"] = Reports(doc);
  record.report = result.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  record.uploaded_by = caller.actor().id;
  record = context.store.CreateSbom(record, ComponentsOf(doc), caller.actor());
  const store::FindingsDiff diff = store::ScanVersion(context.store, caller.org(), version_id,
                                                      caller.actor(), context.scan_cache);
  nlohmann::json body = SbomJson(record);
  body["findings"] = {{"appeared", diff.appeared.size()}, {"disappeared", diff.disappeared.size()}};
  return {std::move(record), std::move(body)};
}

}  // namespace craft::http
