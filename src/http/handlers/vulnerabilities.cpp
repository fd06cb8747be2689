// Vulnerabilities: a version's findings, one vulnerability across the organisation, triage of a
// finding, VEX import and export, and background jobs.

#include "http/handlers/json_input.h"
#include "http/handlers/routes.h"
#include "store/advisory_json.h"
#include "store/scan.h"
#include "store/vex_statements.h"
#include "vuln/vex/csaf.h"
#include "vuln/vex/cyclonedx.h"
#include "vuln/vex/openvex.h"

namespace craft::http {
namespace {

constexpr std::string_view kStatuses[] = {"under_investigation", "affected", "not_affected",
                                          "fixed", "false_positive"};
constexpr std::string_view kJustifications[] = {
    "component_not_present", "vulnerable_code_not_present", "vulnerable_code_not_in_execute_path",
    "vulnerable_code_cannot_be_controlled_by_adversary", "inline_mitigations_already_exist"};
constexpr std::string_view kResponses[] = {"update", "workaround_available", "will_not_fix",
                                           "can_not_fix", "rollback"};

nlohmann::json OptionalNumber(const std::optional<double>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

nlohmann::json FindingJson(const store::FindingRecord& f) {
  return {
      {"id", f.id},
      {"version_id", f.version_id},
      {"vuln_id", f.vuln_id},
      {"aliases", f.aliases},
      {"summary", f.summary},
      {"component",
       {{"key", f.component_key},
        {"name", f.component_name},
        {"version", f.component_version},
        {"purl", f.component_purl}}},
      {"severity", f.severity},
      {"cvss_score", OptionalNumber(f.cvss_score)},
      {"cvss_vector", f.cvss_vector},
      {"kev", f.kev ? nlohmann::json{{"date_added", f.kev_date_added},
                                     {"due_date", f.kev_due_date},
                                     {"known_ransomware_use", f.kev_ransomware}}
                    : nlohmann::json(nullptr)},
      {"epss", f.epss ? nlohmann::json{{"score", *f.epss},
                                       {"percentile", OptionalNumber(f.epss_percentile)}}
                      : nlohmann::json(nullptr)},
      {"fixed_versions", f.fixed_versions},
      {"references", f.references},
      {"match", {{"method", f.match_method}, {"confidence", f.confidence}, {"reason", f.reason}}},
      {"analysis",
       {{"status", f.status},
        {"justification",
         f.justification.empty() ? nlohmann::json(nullptr) : nlohmann::json(f.justification)},
        {"response", f.responses},
        {"detail", f.detail},
        {"impact_statement", f.impact_statement},
        {"analysed_by", f.analysed_by},
        {"analysed_at", f.analysed_at ? nlohmann::json(core::FormatTimestamp(*f.analysed_at))
                                      : nlohmann::json(nullptr)},
        {"carried_over_from", f.carried_over_from.empty() ? nlohmann::json(nullptr)
                                                          : nlohmann::json(f.carried_over_from)}}},
      {"first_seen_at", core::FormatTimestamp(f.first_seen_at)}};
}

Response ListVulnerabilities(ApiContext& context, Request& request) {
  const Caller caller = Authorize(request, context, "vuln:read");
  store::FindingQuery query;
  FieldErrors errors;
  if (auto s = request.Query("severity")) {
    query.severity = *s;
    if (store::SeverityRank(*s) == 5 && *s != "unknown") {
      errors.Add("/severity", "expected critical, high, medium, low, none or unknown");
    }
  }
  if (auto s = request.Query("status")) {
    query.status = *s;
    if (std::find(std::begin(kStatuses), std::end(kStatuses), *s) == std::end(kStatuses)) {
      errors.Add("/status",
                 "expected one of under_investigation, affected, not_affected, fixed, "
                 "false_positive");
    }
  }
  if (auto k = request.Query("kev")) {
    if (*k == "true") {
      query.kev = true;
    } else if (*k == "false") {
      query.kev = false;
    } else {
      errors.Add("/kev", "expected true or false");
    }
  }
  if (!errors.empty()) {
    try {
      errors.Finish();
    } catch (const ProblemError& e) {
      throw ProblemError(400, "invalid query parameters", e.errors(), "validation");
    }
  }
  return PageResponse(
      context.store.ListFindings(caller.org(), request.params.at("id"), query, PageFrom(request)),
      FindingJson);
}

Response GetVulnerability(ApiContext& context, Request& request) {
  const Caller caller = Authorize(request, context, "vuln:read");
  const std::string& id = request.params.at("vuln_id");
  const auto advisories = context.store.AdvisoriesNamed(id);
  const auto findings = context.store.FindingsForVulnerability(caller.org(), id);
  if (advisories.empty() && findings.empty()) ThrowNotFound("vulnerability", id);
  nlohmann::json records = nlohmann::json::array();
  for (const auto& a : advisories) {
    records.push_back(nlohmann::json::parse(store::AdvisoryToJson(a)));
  }
  nlohmann::json affected = nlohmann::json::array();
  for (const auto& f : findings) affected.push_back(FindingJson(f));
  return JsonResponse(200, {{"id", id}, {"advisories", records}, {"affected_versions", affected}});
}

Response GetFinding(ApiContext& context, Request& request) {
  const Caller caller = Authorize(request, context, "vuln:read");
  auto f = context.store.GetFinding(caller.org(), request.params.at("id"));
  if (!f) ThrowNotFound("finding", request.params.at("id"));
  return JsonResponse(200, FindingJson(*f));
}

store::FindingAnalysis ReadAnalysis(const nlohmann::json& body) {
  FieldErrors errors;
  ObjectReader reader(body, "", errors);
  reader.RejectUnknown({"status", "justification", "response", "detail", "impact_statement"});
  reader.Require({"status"});
  store::FindingAnalysis a;
  std::optional<std::size_t> index;
  if (reader.ReadEnum("status", kStatuses, index)) a.status = std::string(kStatuses[*index]);
  index.reset();
  if (reader.ReadEnum("justification", kJustifications, index, true) && index) {
    a.justification = std::string(kJustifications[*index]);
  }
  if (reader.ReadStringArray("response", a.responses, 5, 40)) {
    for (std::size_t i = 0; i < a.responses.size(); ++i) {
      if (std::find(std::begin(kResponses), std::end(kResponses), a.responses[i]) ==
          std::end(kResponses)) {
        errors.Add("/response/" + std::to_string(i),
                   "expected update, workaround_available, will_not_fix, can_not_fix or rollback");
      }
    }
  }
  reader.ReadString("detail", a.detail, 20000);
  reader.ReadString("impact_statement", a.impact_statement, 20000);
  if (a.status == "not_affected") {
    if (a.justification.empty()) {
      errors.Add("/justification",
                 "not_affected needs one of component_not_present, vulnerable_code_not_present, "
                 "vulnerable_code_not_in_execute_path, "
                 "vulnerable_code_cannot_be_controlled_by_adversary, "
                 "inline_mitigations_already_exist");
    }
    if (a.impact_statement.empty()) {
      errors.Add("/impact_statement", "not_affected needs an impact statement saying why");
    }
  } else if (!a.justification.empty() && a.status != "false_positive") {
    errors.Add("/justification", "a justification belongs to not_affected (or false_positive)");
  }
  errors.Finish();
  return a;
}

Response PutAnalysis(ApiContext& context, Request& request) {
  const Caller caller = Authorize(request, context, "vuln:write");
  const store::FindingAnalysis analysis = ReadAnalysis(ParseJsonObject(request));
  return JsonResponse(200, FindingJson(context.store.SetFindingAnalysis(
                               caller.org(), request.params.at("id"), analysis, caller.actor())));
}

vuln::vex::ReadResult ReadAnyVex(std::string_view bytes) {
  auto r = vuln::vex::ReadCycloneDx(bytes);
  if (r.ok) return r;
  auto o = vuln::vex::ReadOpenVex(bytes);
  if (o.ok) return o;
  auto c = vuln::vex::ReadCsaf(bytes);
  if (c.ok) return c;
  return r;
}

Response ImportVex(ApiContext& context, Request& request) {
  const Caller caller = Authorize(request, context, "vuln:write");
  const std::string version_id = request.params.at("id");
  if (!context.store.GetVersion(caller.org(), version_id)) ThrowNotFound("version", version_id);
  const vuln::vex::ReadResult read = ReadAnyVex(request.body);
  if (!read.ok) {
    std::vector<FieldError> errors;
    for (const auto& d : read.diagnostics) errors.push_back({d.pointer, d.message});
    throw ProblemError(422, "the body is not a CycloneDX, OpenVEX 0.2.0 or CSAF 2.0 VEX document",
                       errors, "invalid-vex");
  }
  const auto findings = context.store.FindingsOf(caller.org(), version_id);
  std::size_t applied = 0;
  nlohmann::json unmatched = nlohmann::json::array();
  for (const auto& statement : read.statements) {
    bool any = false;
    for (const auto& f : findings) {
      if (!store::StatementCovers(statement, f)) continue;
      context.store.SetFindingAnalysis(caller.org(), f.id, store::AnalysisOf(statement),
                                       caller.actor());
      ++applied;
      any = true;
    }
    if (!any) unmatched.push_back(statement.vulnerability);
  }
  nlohmann::json warnings = nlohmann::json::array();
  for (const auto& d : read.diagnostics) {
    warnings.push_back({{"location", d.pointer}, {"message", d.message}});
  }
  return JsonResponse(200, {{"statements", read.statements.size()},
                            {"applied", applied},
                            {"unmatched", unmatched},
                            {"warnings", warnings}});
}

Response ExportVex(ApiContext& context, Request& request) {
  const Caller caller = Authorize(request, context, "vuln:read");
  const std::string version_id = request.params.at("id");
  const auto version = context.store.GetVersion(caller.org(), version_id);
  if (!version) ThrowNotFound("version", version_id);
  const std::string format = request.Query("format").value_or("cyclonedx");
  if (format != "cyclonedx" && format != "openvex" && format != "csaf") {
    throw ProblemError(400, "format must be cyclonedx, openvex or csaf", {{"/format", "unknown"}},
                       "validation");
  }
  const auto org = context.store.GetOrganisation(caller.org());
  const std::string text =
      store::WriteVex(format, context.store.FindingsOf(caller.org(), version_id), version_id,
                      org ? (org->legal_name.empty() ? org->name : org->legal_name) : "",
                      core::FormatTimestamp(context.clock()));
  Response response = Response::Json(200, text);
  if (format == "cyclonedx") response.SetHeader("Content-Type", "application/vnd.cyclonedx+json");
  return response;
}

Response GetJob(ApiContext& context, Request& request) {
  const Caller caller = Authenticate(request, context);
  auto job = context.store.GetJob(caller.org(), request.params.at("id"));
  if (!job) ThrowNotFound("job", request.params.at("id"));
  nlohmann::json result = nlohmann::json::parse(job->result, nullptr, false);
  return JsonResponse(
      200,
      {{"id", job->id},
       {"kind", job->kind},
       {"status", job->status},
       {"progress", {{"done", job->done}, {"total", job->total}}},
       {"result", result.is_discarded() ? nlohmann::json(nullptr) : result},
       {"error", job->error.empty() ? nlohmann::json(nullptr) : nlohmann::json(job->error)},
       {"created_at", core::FormatTimestamp(job->created_at)},
       {"finished_at", job->finished_at ? nlohmann::json(core::FormatTimestamp(*job->finished_at))
                                        : nlohmann::json(nullptr)}});
}

}  // namespace

void AddVulnerabilityRoutes(Router& router, ApiContext& context) {
  const auto add = [&](const char* method, const char* path, auto handler, const char* summary) {
    router.Add({method, path, [&context, handler](Request& r) { return handler(context, r); },
                BodyMode::kBuffered, summary});
  };
  add("GET", "/api/v1/versions/{id}/vulnerabilities", ListVulnerabilities,
      "The version's open findings; ?severity=&kev=&status=&limit=&cursor=");
  add("GET", "/api/v1/vulnerabilities/{vuln_id}", GetVulnerability,
      "A vulnerability (by id or alias): its advisories and every affected version");
  add("GET", "/api/v1/findings/{id}", GetFinding, "One finding with its triage");
  add("PUT", "/api/v1/findings/{id}/analysis", PutAnalysis,
      "Triage a finding: status, justification, response, detail, impact_statement");
  add("POST", "/api/v1/versions/{id}/vex", ImportVex,
      "Import VEX (CycloneDX, OpenVEX 0.2.0, CSAF 2.0 csaf_vex) onto the version's findings");
  add("GET", "/api/v1/versions/{id}/vex", ExportVex,
      "The version's VEX; ?format=cyclonedx|openvex|csaf");
  add("GET", "/api/v1/jobs/{id}", GetJob, "A background job's progress and result");
}

}  // namespace craft::http
