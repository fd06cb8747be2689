#include "export/manifest.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <nlohmann/json.hpp>

#include "core/date.h"
#include "core/digest.h"
#include "core/retention.h"
#include "export/signature.h"

namespace craft::exporting {
namespace {

using Json = nlohmann::ordered_json;

Json OrNull(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }
Json OrNull(const std::optional<core::Date>& d) {
  return d ? Json(core::FormatDate(*d)) : Json(nullptr);
}
Json OrNull(const std::optional<std::string>& s) { return s ? Json(*s) : Json(nullptr); }

// A share in percent with one decimal; null when there is nothing to share.
Json Percent(std::uint64_t part, std::uint64_t whole) {
  if (whole == 0) return nullptr;
  return std::round(1000.0 * static_cast<double>(part) / static_cast<double>(whole)) / 10.0;
}

std::string_view ConformityModule(core::ConformityAssessmentType t) {
  switch (t) {
    case core::ConformityAssessmentType::kSelfAssessment:
      return "A";
    case core::ConformityAssessmentType::kThirdPartyTypeExamination:
      return "B+C";
    case core::ConformityAssessmentType::kThirdPartyFullQa:
      return "H";
    case core::ConformityAssessmentType::kEuCertification:
      break;
  }
  return "European cybersecurity certification scheme";
}

Json Manufacturer(const core::Organisation& o) {
  return {{"name", o.legal_name.empty() ? o.name : o.legal_name},
          {"display_name", o.name},
          {"address",
           {{"line1", o.address.line1},
            {"line2", OrNull(o.address.line2)},
            {"city", o.address.city},
            {"postal_code", o.address.postal_code},
            {"country", o.address.country}}},
          {"contact_email", o.contact_email},
          {"website", OrNull(o.website)},
          {"vulnerability_contact_point", o.vulnerability_contact_point},
          {"csirt_member_state", OrNull(o.csirt_member_state)}};
}

Json ProductJson(const core::Product& p) {
  return {{"id", p.id},
          {"name", p.name},
          {"slug", p.slug},
          {"description", p.description},
          {"intended_purpose", p.intended_purpose},
          {"category", core::ToString(p.category)},
          {"subcategory", OrNull(p.subcategory)},
          {"product_type", core::ToString(p.product_type)},
          {"cra_role", core::ToString(p.cra_role)},
          {"target_markets", p.target_markets},
          {"open_source", p.open_source},
          {"technical_documentation_public", p.technical_documentation_public}};
}

Json VersionJson(const core::Version& v) {
  return {{"id", v.id},
          {"version", v.version},
          {"release_date", OrNull(v.release_date)},
          {"release_state", core::ToString(v.release_state)},
          {"supersedes", OrNull(v.supersedes)},
          {"secure_by_default", v.secure_by_default}};
}

Json CraStatus(const TechnicalFile& f) {
  Json missing = Json::array();
  for (const core::MissingItem& m : f.readiness.missing_items) {
    missing.push_back({{"key", m.key},
                       {"label", m.label},
                       {"source", m.source},
                       {"fix",
                        {{"method", m.fix.method},
                         {"path", m.fix.path},
                         {"field", m.fix.field},
                         {"ui", m.fix.ui}}}});
  }
  return {{"status", f.readiness.ready ? "ready" : "incomplete"},
          {"quality_score", f.quality_score ? Json(*f.quality_score) : Json(nullptr)},
          {"missing_items", std::move(missing)}};
}

Json Standards(const std::optional<core::HarmonisedStandardsApplied>& applied) {
  if (!applied) return nullptr;
  Json list = Json::array();
  for (const core::HarmonisedStandard& s : applied->standards) {
    list.push_back({{"reference", s.reference},
                    {"title", s.title},
                    {"applied_in_full", s.applied_in_full},
                    {"parts_applied", OrNull(s.parts_applied)}});
  }
  return {{"none", applied->none}, {"standards", std::move(list)}};
}

Json Conformity(const core::Version& v) {
  if (!v.conformity_assessment_type) {
    return {{"type", nullptr}, {"module", nullptr}, {"notified_body", OrNull(v.notified_body)}};
  }
  return {{"type", core::ToString(*v.conformity_assessment_type)},
          {"module", ConformityModule(*v.conformity_assessment_type)},
          {"notified_body", OrNull(v.notified_body)}};
}

Json SupportPeriod(const core::Version& v) {
  Json five = nullptr;
  if (v.release_date && v.end_of_support) {
    five = core::SupportPeriodAtLeastFiveYears(*v.release_date, *v.end_of_support);
  }
  return {{"start", OrNull(v.release_date)},
          {"end_of_support", OrNull(v.end_of_support)},
          {"at_least_five_years", five},
          {"justification", OrNull(v.support_period_justification)}};
}

Json RetentionJson(const TechnicalFile& f) {
  return {{"first_placed_on_market", OrNull(f.version.first_placed_on_market)},
          {"last_placed_on_market", OrNull(f.version.last_placed_on_market)},
          {"retain_until", OrNull(f.retention.retain_until)},
          {"open_ended", f.retention.open_ended},
          {"locked", f.retention.locked}};
}

Json DocumentPaths(const TechnicalFile& f, const TechnicalFileLayout& layout,
                   std::initializer_list<core::DocumentType> types) {
  Json paths = Json::array();
  for (const PlannedFile& p : layout.documents) {
    const core::DocumentType t = f.documents[p.index].document.type;
    if (!p.path.empty() && std::find(types.begin(), types.end(), t) != types.end()) {
      paths.push_back(p.path);
    }
  }
  return paths;
}

Json VulnerabilityHandling(const TechnicalFile& f, const TechnicalFileLayout& layout) {
  using core::DocumentType;
  Json vex = Json::array();
  for (const PlannedFile& p : layout.vex) vex.push_back(p.path);
  return {
      {"vulnerability_contact_point", f.organisation.vulnerability_contact_point},
      {"disclosure_policy_documents", DocumentPaths(f, layout,
                                                    {DocumentType::kVulnerabilityPolicy,
                                                     DocumentType::kCoordinatedDisclosurePolicy})},
      {"update_mechanism_documents",
       DocumentPaths(f, layout, {DocumentType::kUpdateMechanismDocumentation})},
      {"security_advisories", DocumentPaths(f, layout, {DocumentType::kSecurityAdvisory})},
      {"vex", std::move(vex)}};
}

Json FindingJson(const Finding& x) {
  return {{"id", x.id},
          {"aliases", x.aliases},
          {"component", x.component},
          {"severity", ToString(x.severity)},
          {"cvss_score", x.cvss_score ? Json(*x.cvss_score) : Json(nullptr)},
          {"kev", x.kev},
          {"status", ToString(x.status)},
          {"justification", OrNull(x.justification)},
          {"response", OrNull(x.response)},
          {"detail", OrNull(x.detail)},
          {"review_date", OrNull(x.review_date)}};
}

Json VulnerabilityStatus(const TechnicalFile& f) {
  const VulnerabilityTally tally = Tally(f.findings);
  Json by_severity = Json::object();
  for (std::size_t i = 0; i < kSeverities.size(); ++i) {
    by_severity[std::string(ToString(kSeverities[i]))] = tally.by_severity[i];
  }
  Json accepted = Json::array();
  for (const Finding& x : f.findings) {
    if (IsAccepted(x)) accepted.push_back(FindingJson(x));
  }
  return {{"assessed_at", f.vulnerabilities_assessed_at
                              ? Json(core::FormatTimestamp(*f.vulnerabilities_assessed_at))
                              : Json(nullptr)},
          {"total", tally.total},
          {"by_severity", std::move(by_severity)},
          {"kev", tally.kev},
          {"open", tally.open},
          {"accepted_count", tally.accepted},
          {"accepted", std::move(accepted)}};
}

Json Sboms(const TechnicalFile& f, const TechnicalFileLayout& layout) {
  Json list = Json::array();
  for (const PlannedFile& p : layout.sboms) {
    const TechnicalFileSbom& s = f.sboms[p.index];
    Json by_type = Json::array();
    for (const auto& [type, count] : s.summary.by_type) {
      by_type.push_back({{"type", type}, {"count", count}});
    }
    const SbomSummary& m = s.summary;
    list.push_back({{"path", OrNull(p.path)},
                    {"id", s.id},
                    {"type", "sbom"},
                    {"file_name", s.file_name},
                    {"format", s.format},
                    {"spec_version", s.spec_version},
                    {"media_type", OrNull(s.media_type)},
                    {"size", s.size},
                    {"sha256", s.sha256},
                    {"content_available", !p.path.empty()},
                    {"summary",
                     {{"components", m.components},
                      {"direct", m.direct},
                      {"transitive", m.transitive},
                      {"by_type", std::move(by_type)},
                      {"with_purl", m.with_purl},
                      {"purl_coverage", Percent(m.with_purl, m.components)},
                      {"with_licence", m.with_licence},
                      {"licence_coverage", Percent(m.with_licence, m.components)},
                      {"versionless", m.versionless}}}});
  }
  return list;
}

Json Documents(const TechnicalFile& f, const TechnicalFileLayout& layout) {
  Json list = Json::array();
  for (const PlannedFile& p : layout.documents) {
    const core::Document& d = f.documents[p.index].document;
    list.push_back({{"path", OrNull(p.path)},
                    {"id", d.id},
                    {"type", core::ToString(d.type)},
                    {"title", d.title},
                    {"file_name", d.file_name},
                    {"media_type", OrNull(d.media_type)},
                    {"size", d.size},
                    {"sha256", d.sha256},
                    {"uploaded_at", core::FormatTimestamp(d.uploaded_at)},
                    {"inherited_from_version_id", OrNull(d.inherited_from_version_id)},
                    {"content_available", !p.path.empty()}});
  }
  return list;
}

Json Entries(const std::vector<ManifestEntry>& entries) {
  Json list = Json::array();
  for (const ManifestEntry& e : entries) {
    list.push_back({{"path", e.path}, {"size", e.size}, {"sha256", e.sha256}});
  }
  return list;
}

bool ReadEntries(const Json& m, std::vector<ManifestEntry>& out, std::string& error) {
  const auto entries = m.find("entries");
  if (entries == m.end() || !entries->is_array()) {
    error = "manifest.json has no \"entries\" array";
    return false;
  }
  for (std::size_t i = 0; i < entries->size(); ++i) {
    const Json& e = (*entries)[i];
    const Json path = e.is_object() ? e.value("path", Json()) : Json();
    const Json sha = e.is_object() ? e.value("sha256", Json()) : Json();
    if (!path.is_string() || !sha.is_string() || !core::IsSha256Hex(sha.get<std::string>())) {
      error = "manifest.json entries/" + std::to_string(i) + " lacks a path or a sha256";
      return false;
    }
    const Json size = e.value("size", Json());
    out.push_back({path.get<std::string>(),
                   size.is_number_unsigned() ? size.get<std::uint64_t>() : 0,
                   sha.get<std::string>()});
  }
  return true;
}

void ReadListedFiles(const Json& m, std::vector<ManifestEntry>& out) {
  for (const char* list : {"documents", "sboms"}) {
    const auto items = m.find(list);
    if (items == m.end() || !items->is_array()) continue;
    for (const Json& item : *items) {
      if (!item.is_object() || item.value("content_available", Json()) != Json(true)) continue;
      const Json path = item.value("path", Json());
      const Json sha = item.value("sha256", Json());
      if (!path.is_string() || !sha.is_string()) continue;
      const Json size = item.value("size", Json());
      out.push_back({path.get<std::string>(),
                     size.is_number_unsigned() ? size.get<std::uint64_t>() : 0,
                     sha.get<std::string>()});
    }
  }
}

}  // namespace

std::string RenderManifest(const TechnicalFile& f, const TechnicalFileLayout& layout,
                           const std::vector<ManifestEntry>& entries,
                           const std::optional<std::string>& signing_key) {
  Json m;
  m["export_format"] = kExportFormat;
  m["exported_at"] = core::FormatTimestamp(f.exported_at);
  m["cra_annex_vii_version"] = kAnnexViiVersion;
  m["manufacturer"] = Manufacturer(f.organisation);
  m["product"] = ProductJson(f.product);
  m["version"] = VersionJson(f.version);
  m["cra_status"] = CraStatus(f);
  m["harmonised_standards_applied"] = Standards(f.version.harmonised_standards_applied);
  m["conformity_assessment"] = Conformity(f.version);
  m["ce_marking"] = {{"applied", f.version.ce_marking.applied},
                     {"date", OrNull(f.version.ce_marking.date)},
                     {"applied_by", OrNull(f.version.ce_marking.applied_by)}};
  m["support_period"] = SupportPeriod(f.version);
  m["retention"] = RetentionJson(f);
  m["vulnerability_handling"] = VulnerabilityHandling(f, layout);
  m["vulnerability_status"] = VulnerabilityStatus(f);
  m["sboms"] = Sboms(f, layout);
  m["sbom_components"] = {
      {"path", layout.components_included ? Json(kComponentsEntry) : Json(nullptr)},
      {"count", f.components.size()},
      {"content_available", layout.components_included}};
  m["documents"] = Documents(f, layout);
  m["signature"] = signing_key ? Json{{"algorithm", "Ed25519"},
                                      {"path", kSignatureEntry},
                                      {"public_key_sha256", *signing_key}}
                               : Json(nullptr);
  m["entries"] = Entries(entries);
  return m.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::optional<ManifestIndex> ReadManifestIndex(std::string_view manifest, std::string& error) {
  const Json m = Json::parse(manifest.begin(), manifest.end(), nullptr, false);
  if (m.is_discarded() || !m.is_object()) {
    error = "manifest.json is not a JSON object";
    return std::nullopt;
  }
  ManifestIndex index;
  if (const auto it = m.find("export_format"); it != m.end() && it->is_string()) {
    index.export_format = it->get<std::string>();
  }
  if (!ReadEntries(m, index.entries, error)) return std::nullopt;
  ReadListedFiles(m, index.listed_files);
  if (const auto sig = m.find("signature"); sig != m.end() && sig->is_object()) {
    const auto key = sig->find("public_key_sha256");
    if (key != sig->end() && key->is_string()) index.signing_key = key->get<std::string>();
  }
  return index;
}

std::string RenderComponentList(const std::vector<NormalisedComponent>& components) {
  Json list = Json::array();
  for (const NormalisedComponent& c : components) {
    Json hashes = Json::array();
    for (const ComponentHash& h : c.hashes) {
      hashes.push_back({{"algorithm", h.algorithm}, {"value", h.value}});
    }
    list.push_back({{"name", c.name},
                    {"version", OrNull(c.version)},
                    {"type", OrNull(c.type)},
                    {"purl", OrNull(c.purl)},
                    {"cpe", OrNull(c.cpe)},
                    {"licences", c.licences},
                    {"hashes", std::move(hashes)},
                    {"supplier", OrNull(c.supplier)}});
  }
  Json doc = {{"format", "craft normalised components v1"},
              {"count", components.size()},
              {"components", std::move(list)}};
  return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace craft::exporting
