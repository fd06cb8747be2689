// Properties and vulnerabilities of a CycloneDX 1.6 JSON document (see cyclonedx_parts.h).
#include "sbom/write/cyclonedx_parts.h"

namespace craft::sbom::write {
namespace {

// "1.2.3 (affected)" as read by the parser -> {"version": "1.2.3", "status": "affected"}; a
// "vers:" text is a range.
Json AffectedVersion(const std::string& text) {
  std::string value = text;
  std::string status;
  for (std::string_view s : {"affected", "unaffected", "unknown"}) {
    const std::string suffix = " (" + std::string(s) + ")";
    if (text.size() > suffix.size() && text.ends_with(suffix)) {
      value = text.substr(0, text.size() - suffix.size());
      status = s;
      break;
    }
  }
  Json j = {{value.starts_with("vers:") ? "range" : "version", value}};
  if (!status.empty()) j["status"] = status;
  return j;
}

Json Rating(const VulnerabilityRating& r) {
  Json j = Json::object();
  if (!r.source.empty()) j["source"] = {{"name", r.source}};
  if (r.score) j["score"] = *r.score;
  if (!r.severity.empty()) j["severity"] = r.severity;
  if (!r.method.empty()) j["method"] = r.method;
  if (!r.vector.empty()) j["vector"] = r.vector;
  return j;
}

Json Analysis(const Vulnerability& v) {
  Json j = Json::object();
  if (!v.analysis_state.empty()) j["state"] = v.analysis_state;
  if (!v.analysis_justification.empty()) j["justification"] = v.analysis_justification;
  if (!v.analysis_response.empty()) j["response"] = v.analysis_response;
  if (!v.analysis_detail.empty()) j["detail"] = v.analysis_detail;
  return j;
}

Json VulnerabilityJson(const Vulnerability& v) {
  Json j = Json::object();
  if (!v.ref.empty()) j["bom-ref"] = v.ref;
  if (!v.id.empty()) j["id"] = v.id;
  if (!v.source.empty() || !v.source_url.empty()) {
    Json s = Json::object();
    if (!v.source.empty()) s["name"] = v.source;
    if (!v.source_url.empty()) s["url"] = v.source_url;
    j["source"] = std::move(s);
  }
  Json ratings = Json::array();
  for (const auto& r : v.ratings) ratings.push_back(Rating(r));
  if (!ratings.empty()) j["ratings"] = std::move(ratings);
  if (!v.description.empty()) j["description"] = v.description;
  if (Json a = Analysis(v); !a.empty()) j["analysis"] = std::move(a);
  Json affects = Json::array();
  for (const auto& a : v.affects) {
    if (a.ref.empty()) continue;
    Json affect = {{"ref", a.ref}};
    Json versions = Json::array();
    for (const auto& text : a.versions) versions.push_back(AffectedVersion(text));
    if (!versions.empty()) affect["versions"] = std::move(versions);
    affects.push_back(std::move(affect));
  }
  if (!affects.empty()) j["affects"] = std::move(affects);
  return j;
}

}  // namespace

Json CycloneDxProperties(const std::vector<Property>& properties) {
  Json out = Json::array();
  for (const auto& p : properties) {
    if (p.name.empty()) continue;
    out.push_back({{"name", p.name}, {"value", p.value}});
  }
  return out;
}

Json CycloneDxVulnerabilities(const std::vector<Vulnerability>& vulnerabilities) {
  Json out = Json::array();
  for (const auto& v : vulnerabilities) out.push_back(VulnerabilityJson(v));
  return out;
}

}  // namespace craft::sbom::write
