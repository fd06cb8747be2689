// The eight points of Annex VII, one section each.
#include <algorithm>

#include "core/retention.h"
#include "export/pdf/sections.h"
#include "export/pdf/table.h"
#include "export/pdf/wording.h"

namespace craft::exporting::pdf {
namespace {

using core::DocumentType;

std::string Address(const core::PostalAddress& a) {
  std::string text = a.line1;
  for (const std::string* part : {&a.line2, &a.postal_code, &a.city, &a.country}) {
    if (part->empty()) continue;
    if (!text.empty()) text += part == &a.city && !a.postal_code.empty() ? " " : ", ";
    text += *part;
  }
  return text;
}

std::string Join(const std::vector<std::string>& items, const std::string& separator) {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : separator) + item;
  return text;
}

std::string ConformityText(const core::Version& v) {
  if (!v.conformity_assessment_type) return "Not recorded";
  switch (*v.conformity_assessment_type) {
    case core::ConformityAssessmentType::kSelfAssessment:
      return "Internal control (module A)";
    case core::ConformityAssessmentType::kThirdPartyTypeExamination:
      return "EU-type examination and conformity to type (modules B and C)";
    case core::ConformityAssessmentType::kThirdPartyFullQa:
      return "Full quality assurance (module H)";
    case core::ConformityAssessmentType::kEuCertification:
      break;
  }
  return "European cybersecurity certification scheme";
}

}  // namespace

void SubHeading(PageFlow& flow, const std::string& text) {
  const Text heading =
      flow.Lay(text, {.size = 10.5, .bold = true, .colour = kAccent}, flow.width());
  flow.EnsureSpace(heading.height() + 40);
  flow.Advance(4);
  if (flow.drawing()) heading.Draw(flow.cr(), flow.left(), flow.y());
  flow.Advance(heading.height() + 4);
}

void DocumentsOfTypes(PageFlow& flow, const SectionInput& in,
                      const std::vector<core::DocumentType>& types, const std::string& none) {
  Table table;
  table.columns = {{"Document", 1}, Sha256Column()};
  table.font_size = 7.5;
  for (const PlannedFile& p : in.layout.documents) {
    const core::Document& d = in.file.documents[p.index].document;
    if (std::find(types.begin(), types.end(), d.type) == types.end()) continue;
    const std::string where = p.path.empty() ? "not in this export" : p.path;
    table.rows.push_back(
        {Cell{(d.title.empty() ? d.file_name : d.title) + "\n" + where}, Cell{d.sha256}});
  }
  if (table.rows.empty()) {
    flow.Paragraph(none, {.italic = true, .colour = kMuted});
    return;
  }
  DrawTable(flow, table);
}

void DrawGeneralDescription(PageFlow& flow, const SectionInput& in) {
  const TechnicalFile& f = in.file;
  const core::Product& p = f.product;
  const core::Version& v = f.version;
  std::string category(core::ToString(p.category));
  if (p.subcategory) category += " (" + *p.subcategory + ")";
  DrawFacts(flow, {{"Product", p.name},
                   {"Description", p.description},
                   {"Intended purpose", p.intended_purpose},
                   {"Product type", std::string(core::ToString(p.product_type))},
                   {"Category", category},
                   {"Role of the economic operator", std::string(core::ToString(p.cra_role))},
                   {"Markets", Join(p.target_markets, ", ")},
                   {"Version", v.version},
                   {"Release date", DateOrDash(v.release_date)},
                   {"Release state", std::string(core::ToString(v.release_state))},
                   {"Secure by default", YesNo(v.secure_by_default)}});
  SubHeading(flow, "Manufacturer");
  const core::Organisation& o = f.organisation;
  DrawFacts(flow, {{"Legal name", o.legal_name.empty() ? o.name : o.legal_name},
                   {"Postal address", Address(o.address)},
                   {"Contact e-mail", o.contact_email},
                   {"Website", o.website},
                   {"Vulnerability contact point", o.vulnerability_contact_point},
                   {"CSIRT member state", o.csirt_member_state}});
  SubHeading(flow, "User information and instructions (Annex II)");
  DocumentsOfTypes(flow, in, {DocumentType::kUserManual, DocumentType::kUii},
                   "No user manual has been uploaded.");
}

void DrawDesignAndVulnerabilityHandling(PageFlow& flow, const SectionInput& in) {
  SubHeading(flow, "(a) Design, development and architecture");
  DocumentsOfTypes(flow, in,
                   {DocumentType::kArchitectureDiagram, DocumentType::kTechnicalDocumentation},
                   "No architecture or technical documentation has been uploaded.");
  SubHeading(flow, "(b) Vulnerability handling");
  const TechnicalFile& f = in.file;
  std::uint64_t components = 0;
  for (const TechnicalFileSbom& s : f.sboms) components += s.summary.components;
  const VulnerabilityTally tally = Tally(f.findings);
  DrawFacts(flow,
            {{"Contact for vulnerability reports", f.organisation.vulnerability_contact_point},
             {"SBOMs", Count(f.sboms.size()) + " (" + Count(components) +
                           " components; see sections 8 and 10)"},
             {"Findings at assessment", Count(tally.total) + " (" + Count(tally.open) + " open, " +
                                            Count(tally.accepted) + " accepted; see section 11)"}});
  DocumentsOfTypes(flow, in,
                   {DocumentType::kVulnerabilityPolicy, DocumentType::kCoordinatedDisclosurePolicy,
                    DocumentType::kUpdateMechanismDocumentation, DocumentType::kSecurityAdvisory},
                   "No vulnerability disclosure policy, update mechanism description or "
                   "advisory has been uploaded.");
  SubHeading(flow, "(c) Production and monitoring processes");
  DocumentsOfTypes(flow, in,
                   {DocumentType::kSecureDevelopmentPolicy, DocumentType::kSupplierDueDiligence},
                   "No secure development policy or supplier due diligence has been uploaded.");
}

void DrawRiskAssessment(PageFlow& flow, const SectionInput& in) {
  flow.Paragraph(
      "The cybersecurity risk assessment (Article 13(2) and (3)) and how each essential "
      "requirement of Annex I Part I applies are in the documents below.");
  DocumentsOfTypes(flow, in, {DocumentType::kRiskAssessment, DocumentType::kThreatModel},
                   "No risk assessment has been uploaded.");
}

void DrawSupportPeriod(PageFlow& flow, const SectionInput& in) {
  const core::Version& v = in.file.version;
  std::string five = "—";
  if (v.release_date && v.end_of_support) {
    five = YesNo(core::SupportPeriodAtLeastFiveYears(*v.release_date, *v.end_of_support));
  }
  DrawFacts(flow, {{"Start (release date)", DateOrDash(v.release_date)},
                   {"End of support", DateOrDash(v.end_of_support)},
                   {"At least five years", five},
                   {"Justification", v.support_period_justification}});
  DocumentsOfTypes(flow, in, {DocumentType::kSupportPeriodJustification},
                   "No separate support period justification document has been uploaded.");
}

void DrawStandardsApplied(PageFlow& flow, const SectionInput& in) {
  const auto& applied = in.file.version.harmonised_standards_applied;
  if (!applied) {
    flow.Paragraph("Not stated yet.", {.italic = true, .colour = kBad});
  } else if (applied->standards.empty()) {
    flow.Paragraph(applied->none ? "None applied: the essential requirements were met as the "
                                   "technical documentation describes."
                                 : "No standard listed.");
  } else {
    Table table;
    table.columns = {{"Reference", 1.4}, {"Title", 2.6}, {"Applied", 1.6}};
    for (const core::HarmonisedStandard& s : applied->standards) {
      table.rows.push_back({Cell{s.reference}, Cell{s.title},
                            Cell{s.applied_in_full ? "In full" : "In part: " + s.parts_applied}});
    }
    DrawTable(flow, table);
  }
  const core::Version& v = in.file.version;
  DrawFacts(flow,
            {{"Conformity assessment", ConformityText(v)}, {"Notified body", v.notified_body}});
  DocumentsOfTypes(flow, in,
                   {DocumentType::kHarmonisedStandards, DocumentType::kConformityCertificate},
                   "No standards or certificate documents have been uploaded.");
}

void DrawTestReports(PageFlow& flow, const SectionInput& in) {
  DocumentsOfTypes(flow, in,
                   {DocumentType::kTestReport, DocumentType::kPenetrationTestReport,
                    DocumentType::kThirdPartyAudit},
                   "No test report has been uploaded.");
}

void DrawDeclarationOfConformity(PageFlow& flow, const SectionInput& in) {
  const core::CeMarking& ce = in.file.version.ce_marking;
  DrawFacts(flow, {{"CE marking applied", YesNo(ce.applied)},
                   {"Date", DateOrDash(ce.date)},
                   {"Applied by", ce.applied_by},
                   {"Conformity assessment", ConformityText(in.file.version)}});
  DocumentsOfTypes(flow, in, {DocumentType::kEuDeclarationOfConformity},
                   "No EU declaration of conformity has been uploaded.");
}

void DrawSbomAvailability(PageFlow& flow, const SectionInput& in) {
  const TechnicalFile& f = in.file;
  if (f.sboms.empty()) {
    flow.Paragraph("No SBOM has been recorded for this version.", {.colour = kBad});
    return;
  }
  flow.Paragraph(
      "The software bill of materials is supplied to a market surveillance authority on a "
      "reasoned request (Annex VII, point 8). The SBOMs of this version:");
  Table table;
  table.columns = {{"File", 1.4}, {"Format", 1}, Sha256Column()};
  table.font_size = 7.5;
  for (const PlannedFile& p : in.layout.sboms) {
    const TechnicalFileSbom& s = f.sboms[p.index];
    const std::string where = p.path.empty() ? "available on request" : p.path;
    table.rows.push_back({Cell{s.file_name + "\n" + where},
                          Cell{s.format + " " + s.spec_version + "\n" + Bytes(s.size)},
                          Cell{s.sha256}});
  }
  DrawTable(flow, table);
  if (in.layout.components_included) {
    flow.Paragraph("The normalised list of all " + Count(f.components.size()) +
                   " components, with licences, hashes and identifiers, is in " +
                   std::string(kComponentsEntry) + ".");
  }
}

}  // namespace craft::exporting::pdf
