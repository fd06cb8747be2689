// The sections after Annex VII's eight points: checklist, SBOM summary, vulnerability status,
// document inventory and retention.
#include <map>

#include "export/pdf/chart.h"
#include "export/pdf/checklist.h"
#include "export/pdf/sections.h"
#include "export/pdf/table.h"
#include "export/pdf/wording.h"

namespace craft::exporting::pdf {
namespace {

Colour SeverityColour(Severity s) {
  switch (s) {
    case Severity::kCritical:
      return {0.55, 0.05, 0.10};
    case Severity::kHigh:
      return kBad;
    case Severity::kMedium:
      return {0.80, 0.45, 0.05};
    case Severity::kLow:
      return {0.70, 0.62, 0.10};
    case Severity::kNone:
    case Severity::kUnknown:
      break;
  }
  return kMuted;
}

std::string CvssText(const Finding& f) {
  if (!f.cvss_score) return "—";
  return Score(*f.cvss_score);
}

std::string TriageText(const Finding& f) {
  std::string text;
  if (!f.justification.empty()) text = f.justification;
  if (!f.response.empty()) text += (text.empty() ? "" : "; ") + f.response;
  if (!f.detail.empty()) text += (text.empty() ? "" : "\n") + f.detail;
  return text.empty() ? "—" : text;
}

void DrawSeverityCounts(PageFlow& flow, const VulnerabilityTally& tally) {
  Table table;
  table.font_size = 7.5;
  for (Severity s : kSeverities) {
    std::string title(ToString(s));
    title[0] = static_cast<char>(title[0] - 'a' + 'A');
    table.columns.push_back({title, 1, false, Align::kRight});
  }
  table.columns.push_back({"KEV", 1, false, Align::kRight});
  table.columns.push_back({"Open", 1, false, Align::kRight});
  table.columns.push_back({"Accepted", 1, false, Align::kRight});
  table.columns.push_back({"Total", 1, false, Align::kRight});
  std::vector<Cell> row;
  for (std::size_t i = 0; i < kSeverities.size(); ++i) {
    row.push_back({Count(tally.by_severity[i]), SeverityColour(kSeverities[i]), true});
  }
  row.push_back({Count(tally.kev), tally.kev > 0 ? kBad : kInk, true});
  row.push_back({Count(tally.open)});
  row.push_back({Count(tally.accepted)});
  row.push_back({Count(tally.total), kInk, true});
  table.rows.push_back(std::move(row));
  DrawTable(flow, table);
}

}  // namespace

void DrawChecklist(PageFlow& flow, const SectionInput& in) {
  const auto rows = ComplianceChecklist(in.file.readiness);
  std::size_t met = 0;
  for (const ChecklistRow& r : rows) met += r.met;
  flow.Paragraph(std::string(in.file.readiness.ready ? "Status: ready. " : "Status: incomplete. ") +
                     Count(met) + " of " + Count(rows.size()) + " requirements met.",
                 {.bold = true, .colour = in.file.readiness.ready ? kGood : kBad});
  Table table;
  table.columns = {{"", 0.9}, {"Requirement", 3.6}, {"Source", 1.7}};
  for (const ChecklistRow& r : rows) {
    std::string requirement = r.requirement;
    for (const std::string& missing : r.missing) requirement += "\n" + missing;
    table.rows.push_back({Cell{r.met ? "✓ met" : "✗ missing", r.met ? kGood : kBad, true},
                          Cell{requirement}, Cell{r.source, kMuted}});
  }
  DrawTable(flow, table);
}

void DrawSbomSummary(PageFlow& flow, const SectionInput& in) {
  const TechnicalFile& f = in.file;
  if (f.sboms.empty()) {
    flow.Paragraph("No SBOM has been recorded for this version.", {.colour = kBad});
    return;
  }
  if (f.quality_score) flow.Paragraph("Quality score: " + Score(*f.quality_score) + " of 100.");
  Table table;
  table.columns = {{"SBOM", 2},
                   {"Components", 1.25, false, Align::kRight},
                   {"Direct", 1, false, Align::kRight},
                   {"Transitive", 1.1, false, Align::kRight},
                   {"PURL", 1, false, Align::kRight},
                   {"Licence", 1, false, Align::kRight},
                   {"No version", 1.2, false, Align::kRight}};
  table.font_size = 7.5;
  std::map<std::string, std::uint64_t> by_type;
  std::vector<std::string> type_order;
  std::uint64_t total = 0, purl = 0, licence = 0;
  for (const TechnicalFileSbom& s : f.sboms) {
    const SbomSummary& m = s.summary;
    table.rows.push_back({Cell{s.file_name + "\n" + s.format + " " + s.spec_version},
                          Cell{Count(m.components)}, Cell{Count(m.direct)},
                          Cell{Count(m.transitive)}, Cell{Percent(m.with_purl, m.components)},
                          Cell{Percent(m.with_licence, m.components)}, Cell{Count(m.versionless)}});
    for (const auto& [type, count] : m.by_type) {
      if (by_type.emplace(type, 0).second) type_order.push_back(type);
      by_type[type] += count;
    }
    total += m.components;
    purl += m.with_purl;
    licence += m.with_licence;
  }
  DrawTable(flow, table);
  std::vector<Bar> types;
  for (const std::string& type : type_order) {
    types.push_back({type, static_cast<double>(by_type[type]),
                     Count(by_type[type]) + " (" + Percent(by_type[type], total) + ")"});
  }
  DrawBarChart(flow, "Components by type", types);
  const auto share = [total](std::uint64_t n) {
    return total == 0 ? 0.0 : 100.0 * static_cast<double>(n) / static_cast<double>(total);
  };
  DrawBarChart(flow, "Coverage",
               {{"Licence", share(licence), Percent(licence, total), kGood},
                {"Package URL", share(purl), Percent(purl, total), kGood}},
               100);
}

void DrawVulnerabilityStatus(PageFlow& flow, const SectionInput& in) {
  const TechnicalFile& f = in.file;
  if (f.vulnerabilities_assessed_at) {
    flow.Paragraph("Assessed " + DayAndTime(*f.vulnerabilities_assessed_at) + ".");
  }
  DrawSeverityCounts(flow, Tally(f.findings));
  if (f.findings.empty()) {
    flow.Paragraph("No known vulnerability affects the components of this version.");
    return;
  }
  SubHeading(flow, "Accepted vulnerabilities");
  Table accepted;
  accepted.columns = {{"Vulnerability", 1.5},
                      {"Component", 1.8},
                      {"Status", 1.3},
                      {"Justification, response and detail", 2.8},
                      {"Review", 1.15}};
  accepted.font_size = 7.5;
  for (const Finding& x : f.findings) {
    if (!IsAccepted(x)) continue;
    accepted.rows.push_back({Cell{x.id}, Cell{x.component}, Cell{std::string(ToString(x.status))},
                             Cell{TriageText(x)}, Cell{DateOrDash(x.review_date)}});
  }
  if (accepted.rows.empty()) {
    flow.Paragraph("None.", {.italic = true, .colour = kMuted});
  } else {
    DrawTable(flow, accepted);
  }
  SubHeading(flow, "All findings");
  Table all;
  all.columns = {{"Vulnerability", 1.5}, {"Component", 2.0},
                 {"Severity", 0.9},      {"CVSS", 0.6, false, Align::kRight},
                 {"KEV", 0.5},           {"Status", 1.45},
                 {"Review", 1.05}};
  all.font_size = 7.5;
  for (const Finding& x : f.findings) {
    all.rows.push_back({Cell{x.id}, Cell{x.component},
                        Cell{std::string(ToString(x.severity)), SeverityColour(x.severity)},
                        Cell{CvssText(x)}, Cell{x.kev ? "KEV" : "", kBad, true},
                        Cell{std::string(ToString(x.status))}, Cell{DateOrDash(x.review_date)}});
  }
  DrawTable(flow, all);
}

void DrawDocumentInventory(PageFlow& flow, const SectionInput& in) {
  Table table;
  table.columns = {{"Document", 2.5}, {"Size", 1, false, Align::kRight}, Sha256Column()};
  table.font_size = 7.5;
  for (const PlannedFile& p : in.layout.documents) {
    const core::Document& d = in.file.documents[p.index].document;
    std::string where = p.path.empty() ? "not in this export" : p.path;
    if (d.inherited_from_version_id) where += "\ncarried over from an earlier version";
    table.rows.push_back(
        {Cell{std::string(core::ToString(d.type)) + ": " + d.file_name + "\n" + where},
         Cell{Bytes(d.size)}, Cell{d.sha256}});
  }
  if (table.rows.empty()) {
    flow.Paragraph("No document has been uploaded.", {.italic = true, .colour = kMuted});
    return;
  }
  flow.Paragraph(
      "Every document of this version, with the SHA-256 the ZIP's manifest.json also "
      "lists; manifest.json.sig signs that list.");
  DrawTable(flow, table);
}

void DrawRetention(PageFlow& flow, const SectionInput& in) {
  const TechnicalFile& f = in.file;
  std::string until = DateOrDash(f.retention.retain_until);
  if (f.retention.open_ended) until += " (at the earliest: the product is still on the market)";
  DrawFacts(flow, {{"First placed on the market", DateOrDash(f.version.first_placed_on_market)},
                   {"Last placed on the market", DateOrDash(f.version.last_placed_on_market)},
                   {"End of support", DateOrDash(f.version.end_of_support)},
                   {"Retain until", until},
                   {"Retention lock",
                    f.retention.locked ? "Active: documents cannot be deleted" : "Not active"}});
  flow.Paragraph(
      "Article 13(13): the technical documentation and the EU declaration of conformity are kept "
      "for at least ten years after the product was placed on the market, or for the support "
      "period if that is longer; retain until = max(last placed on the market + 10 years, end of "
      "support).",
      {.size = 8.5, .colour = kMuted});
}

}  // namespace craft::exporting::pdf
