#include "core/readiness.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "core/conformity.h"
#include "core/retention.h"

namespace craft::core {
namespace {

bool Blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); });
}

bool Has(const std::vector<DocumentType>& types, DocumentType t) {
  return std::find(types.begin(), types.end(), t) != types.end();
}

class Checklist {
 public:
  explicit Checklist(const ReadinessInput& in) : in_(in) {}

  void Organisation(const std::string& key, const std::string& field, const std::string& label,
                    const std::string& source) {
    items_.push_back(
        {key, label, source, {"PATCH", "/api/v1/organisation", field, "/ui/organisation#" + key}});
  }
  void Version(const std::string& key, const std::string& label, const std::string& source) {
    const std::string path = "/api/v1/versions/" + in_.version.id;
    items_.push_back({key,
                      label,
                      source,
                      {"PATCH", path, "/" + key, "/ui/versions/" + in_.version.id + "#" + key}});
  }
  void Document(const RequiredDocument& doc) {
    const std::string path = "/api/v1/versions/" + in_.version.id + "/documents";
    items_.push_back({doc.key,
                      doc.label,
                      doc.source,
                      {"POST", path, "", "/ui/versions/" + in_.version.id + "#documents"}});
  }
  void Sbom(const std::string& key, const std::string& label, const std::string& source) {
    const std::string path = "/api/v1/versions/" + in_.version.id + "/sboms";
    items_.push_back(
        {key, label, source, {"POST", path, "", "/ui/versions/" + in_.version.id + "#sboms"}});
  }
  void Kev(const ReadinessInput::OpenKev& kev) {
    items_.push_back({"kev " + kev.vulnerability,
                      kev.vulnerability +
                          " is known to be actively exploited (CISA KEV) and is not triaged as "
                          "not_affected, fixed or false_positive.",
                      "Annex I Part II (2), Article 14",
                      {"PUT", "/api/v1/findings/" + kev.finding_id + "/analysis", "/status",
                       "/ui/versions/" + in_.version.id + "#vulnerabilities"}});
  }
  std::vector<MissingItem> Take() { return std::move(items_); }

 private:
  const ReadinessInput& in_;
  std::vector<MissingItem> items_;
};

void CheckOrganisation(const core::Organisation& org, Checklist& list) {
  const std::string annex = "Annex II (1)";
  if (Blank(org.legal_name)) {
    list.Organisation("organisation.legal_name", "/legal_name",
                      "The manufacturer's registered legal name is missing.", annex);
  }
  const auto& a = org.address;
  if (Blank(a.line1) || Blank(a.city) || Blank(a.postal_code) || Blank(a.country)) {
    list.Organisation("organisation.address", "/address",
                      "The manufacturer's postal address needs line 1, city, postal code and "
                      "country.",
                      annex);
  }
  if (Blank(org.contact_email)) {
    list.Organisation("organisation.contact_email", "/contact_email",
                      "The manufacturer's contact e-mail address is missing.", annex);
  }
  if (Blank(org.vulnerability_contact_point)) {
    list.Organisation("organisation.vulnerability_contact_point", "/vulnerability_contact_point",
                      "The single point of contact for reporting vulnerabilities is missing.",
                      "Annex II (2)");
  }
  if (Blank(org.csirt_member_state)) {
    list.Organisation("organisation.csirt_member_state", "/csirt_member_state",
                      "The member state whose CSIRT receives Article 14 reports (main "
                      "establishment) is missing.",
                      "Article 14(7)");
  }
}

void CheckSupportPeriod(const ReadinessInput& in, Checklist& list) {
  const core::Version& v = in.version;
  const bool justified = !Blank(v.support_period_justification) ||
                         Has(in.document_types, DocumentType::kSupportPeriodJustification);
  if (!v.end_of_support) {
    list.Version("end_of_support", "The end of the support period is missing.",
                 "Article 13(8), Annex VII (4)");
  } else if (v.release_date && *v.end_of_support < *v.release_date) {
    list.Version("end_of_support", "The end of support is before the release date.",
                 "Article 13(8)");
  } else if (v.release_date && !SupportPeriodAtLeastFiveYears(*v.release_date, *v.end_of_support) &&
             !justified) {
    list.Version("support_period",
                 "The support period is shorter than 5 years and no justification says why the "
                 "product is expected to be used for less.",
                 "Article 13(8)");
  }
  if (!justified) {
    list.Version("support_period_justification",
                 "The information used to determine the support period is missing (a "
                 "justification, or a support_period_justification document).",
                 "Annex VII (4)");
  }
}

void CheckConformity(const ReadinessInput& in, Checklist& list) {
  const core::Version& v = in.version;
  if (!v.harmonised_standards_applied || (!v.harmonised_standards_applied->none &&
                                          v.harmonised_standards_applied->standards.empty())) {
    list.Version("harmonised_standards_applied",
                 "List the harmonised standards, common specifications or certification schemes "
                 "applied (in full or which parts), or state explicitly that none were applied.",
                 "Annex VII (5)");
  }
  if (!v.conformity_assessment_type) {
    list.Version("conformity_assessment_type", "The conformity assessment procedure is missing.",
                 "Article 32");
  } else {
    const auto verdict = AssessConformityType(in.product, *v.conformity_assessment_type,
                                              v.harmonised_standards_applied);
    if (!verdict.allowed) {
      list.Version("conformity_assessment_type",
                   "The conformity assessment procedure is not allowed for this product's "
                   "category: " +
                       verdict.reason + ".",
                   "Article 32");
    } else if (NeedsNotifiedBody(*v.conformity_assessment_type) && Blank(v.notified_body)) {
      list.Version("notified_body",
                   "A third-party conformity assessment needs the notified body's name and number.",
                   "Article 32, Annex VIII");
    }
  }
}

void CheckVersion(const ReadinessInput& in, Checklist& list) {
  const core::Version& v = in.version;
  if (!v.release_date) {
    list.Version("release_date", "The release date is missing.", "Annex VII (1)");
  }
  CheckSupportPeriod(in, list);
  CheckConformity(in, list);
  const bool placed = (v.first_placed_on_market && *v.first_placed_on_market <= in.today) ||
                      v.last_placed_on_market.has_value();
  if (placed && (!v.ce_marking.applied || !v.ce_marking.date || Blank(v.ce_marking.applied_by))) {
    list.Version("ce_marking",
                 "The version is on the market: record that the CE marking was applied, when, and "
                 "by whom.",
                 "Articles 29 and 30");
  }
  if (!v.secure_by_default) {
    list.Version("secure_by_default",
                 "Confirm that the version is made available with a secure-by-default "
                 "configuration.",
                 "Annex I Part I (2)(b)");
  }
}

void CheckSbom(const ReadinessInput& in, Checklist& list) {
  const std::string source = "Annex I Part II (1), Annex VII (2)(b)";
  const int threshold = in.organisation.sbom_quality_threshold;
  if (in.sbom_count == 0) {
    list.Sbom("sbom",
              "No SBOM has been uploaded: a machine-readable SBOM (CycloneDX or SPDX) covering at "
              "least the top-level dependencies is required.",
              source);
  } else if (!in.best_sbom_score) {
    list.Sbom("sbom",
              "None of the version's SBOMs is a valid CycloneDX or SPDX document: upload one "
              "that validates.",
              source);
  } else if (*in.best_sbom_score < threshold) {
    char score[16];
    std::snprintf(score, sizeof score, "%.1f", *in.best_sbom_score);
    list.Sbom("sbom_quality",
              "The best SBOM scores " + std::string(score) +
                  ", under the organisation's quality "
                  "threshold of " +
                  std::to_string(threshold) + ".",
              source);
  }
}

}  // namespace

const std::vector<RequiredDocument>& RequiredDocuments() {
  static const std::vector<RequiredDocument> kRequired = {
      {"risk_assessment document",
       {DocumentType::kRiskAssessment},
       "The cybersecurity risk assessment is missing.",
       "Article 13(3), Annex VII (3)"},
      {"eu_declaration_of_conformity document",
       {DocumentType::kEuDeclarationOfConformity},
       "The EU declaration of conformity is missing.",
       "Article 28, Annex V, Annex VII (7)"},
      {"user_manual document",
       {DocumentType::kUserManual},
       "The user information and instructions are missing.",
       "Annex II, Annex VII (1)"},
      {"vulnerability_policy document",
       {DocumentType::kVulnerabilityPolicy, DocumentType::kCoordinatedDisclosurePolicy},
       "The coordinated vulnerability disclosure policy is missing.",
       "Annex I Part II (5), Annex VII (2)(b)"},
  };
  return kRequired;
}

Readiness AssessReadiness(const ReadinessInput& input) {
  Checklist list(input);
  CheckOrganisation(input.organisation, list);
  CheckVersion(input, list);
  for (const auto& doc : RequiredDocuments()) {
    const bool present = std::any_of(doc.satisfied_by.begin(), doc.satisfied_by.end(),
                                     [&](DocumentType t) { return Has(input.document_types, t); });
    if (!present) list.Document(doc);
  }
  CheckSbom(input, list);
  for (const auto& kev : input.open_kev_vulnerabilities) list.Kev(kev);
  Readiness r;
  r.missing_items = list.Take();
  r.ready = r.missing_items.empty();
  return r;
}

}  // namespace craft::core
