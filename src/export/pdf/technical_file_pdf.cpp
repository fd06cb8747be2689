#include "export/pdf/technical_file_pdf.h"

#include <cairo-pdf.h>

#include <memory>
#include <stdexcept>

#include "core/date.h"
#include "export/pdf/page_flow.h"
#include "export/pdf/sections.h"
#include "export/pdf/table.h"
#include "export/pdf/wording.h"

namespace craft::exporting {
namespace pdf {

const std::vector<Section>& Sections() {
  static const std::vector<Section> kSections = {
      {"1", "General description", "Annex VII, point 1", DrawGeneralDescription},
      {"2", "Design, development, production and vulnerability handling", "Annex VII, point 2",
       DrawDesignAndVulnerabilityHandling},
      {"3", "Cybersecurity risk assessment", "Annex VII, point 3", DrawRiskAssessment},
      {"4", "Support period", "Annex VII, point 4; Article 13(8)", DrawSupportPeriod},
      {"5", "Harmonised standards and specifications applied", "Annex VII, point 5",
       DrawStandardsApplied},
      {"6", "Test reports", "Annex VII, point 6", DrawTestReports},
      {"7", "EU declaration of conformity", "Annex VII, point 7; Article 28",
       DrawDeclarationOfConformity},
      {"8", "Software bill of materials", "Annex VII, point 8; Annex I Part II (1)",
       DrawSbomAvailability},
      {"9", "Compliance checklist", "Readiness of the version", DrawChecklist},
      {"10", "SBOM summary", "Annex I Part II (1)", DrawSbomSummary},
      {"11", "Vulnerability status at assessment", "Annex I Part II; Article 14",
       DrawVulnerabilityStatus},
      {"12", "Document inventory", "Every file of this technical file", DrawDocumentInventory},
      {"13", "Retention", "Article 13(13)", DrawRetention},
  };
  return kSections;
}

namespace {

struct CairoFree {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};

cairo_status_t AppendTo(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

cairo_status_t Discard(void*, const unsigned char*, unsigned int) { return CAIRO_STATUS_SUCCESS; }

std::string Anchor(const Section& s) { return "section-" + s.number; }

// What a pass learns: where each section starts and how many pages there are.
struct Pagination {
  std::map<std::string, int> anchors;
  int pages = 0;
  bool operator==(const Pagination&) const = default;
};

void StatusBox(PageFlow& flow, const TechnicalFile& f) {
  const std::size_t missing = f.readiness.missing_items.size();
  const std::string status =
      f.readiness.ready
          ? "CRA status: ready"
          : "CRA status: incomplete (" + Count(missing) +
                (missing == 1 ? " item missing, see section 9)" : " items missing, see section 9)");
  const Text text =
      flow.Lay(status, {.size = 12, .bold = true, .colour = kWhite}, flow.width() - 20);
  if (flow.drawing()) {
    SetColour(flow.cr(), f.readiness.ready ? kGood : kBad);
    cairo_rectangle(flow.cr(), flow.left(), flow.y(), flow.width(), text.height() + 16);
    cairo_fill(flow.cr());
    text.Draw(flow.cr(), flow.left() + 10, flow.y() + 8);
  }
  flow.Advance(text.height() + 28);
}

void DrawCover(PageFlow& flow, const TechnicalFile& f) {
  flow.Advance(40);
  flow.Paragraph(
      "Technical documentation · Annex VII · Regulation (EU) 2024/2847 (Cyber "
      "Resilience Act)",
      {.size = 10, .colour = kAccent}, 30);
  flow.Paragraph(f.product.name, {.size = 26, .bold = true}, 4);
  flow.Paragraph("Version " + f.version.version, {.size = 16, .colour = kMuted}, 24);
  const core::Organisation& o = f.organisation;
  flow.Paragraph(o.legal_name.empty() ? o.name : o.legal_name, {.size = 12, .bold = true}, 2);
  const core::PostalAddress& a = o.address;
  flow.Paragraph(a.line1 + (a.line2.empty() ? "" : ", " + a.line2) + "\n" + a.postal_code + " " +
                     a.city + (a.country.empty() ? "" : ", " + a.country),
                 {.size = 10}, 30);
  StatusBox(flow, f);
  const VulnerabilityTally tally = Tally(f.findings);
  DrawFacts(flow, {{"Exported", DayAndTime(f.exported_at)},
                   {"Category", std::string(core::ToString(f.product.category))},
                   {"SBOM quality score", f.quality_score ? Score(*f.quality_score) : "—"},
                   {"Vulnerabilities", Count(tally.total) + " found, " + Count(tally.open) +
                                           " open, " + Count(tally.kev) + " known exploited"},
                   {"Retain until", DateOrDash(f.retention.retain_until)}});
  flow.Paragraph(
      "manifest.json, beside this PDF in the ZIP, lists the SHA-256 of every file of this "
      "technical file; manifest.json.sig, when present, is its Ed25519 signature. `craft export "
      "verify` checks both.",
      {.size = 8.5, .colour = kMuted});
}

void DrawContents(PageFlow& flow, const Pagination& known) {
  flow.Paragraph("Table of Contents", {.size = 18, .bold = true, .colour = kAccent}, 14);
  for (const Section& s : Sections()) {
    const auto at = known.anchors.find(Anchor(s));
    const std::string page = at == known.anchors.end() ? "" : std::to_string(at->second);
    const Text number = flow.Lay(s.number, {.size = 11}, 28);
    const Text title = flow.Lay(s.title, {.size = 11}, flow.width() - 28 - 40);
    const Text where = flow.Lay(page, {.size = 11, .align = Align::kRight}, 40);
    flow.EnsureSpace(title.height() + 8);
    if (flow.drawing()) {
      const std::string link = "dest='" + Anchor(s) + "'";
      cairo_tag_begin(flow.cr(), CAIRO_TAG_LINK, link.c_str());
      number.Draw(flow.cr(), flow.left(), flow.y());
      title.Draw(flow.cr(), flow.left() + 28, flow.y());
      where.Draw(flow.cr(), flow.left() + flow.width() - 40, flow.y());
      cairo_tag_end(flow.cr(), CAIRO_TAG_LINK);
    }
    flow.Advance(title.height() + 8);
  }
}

void DrawHeading(PageFlow& flow, cairo_surface_t* surface, const Section& s) {
  const Text title = flow.Lay(s.number + "  " + s.title,
                              {.size = 15, .bold = true, .colour = kAccent}, flow.width());
  const Text source = flow.Lay(s.source, {.size = 8, .colour = kMuted}, flow.width());
  flow.EnsureSpace(title.height() + source.height() + 90);
  flow.Anchor(Anchor(s));
  if (flow.drawing()) {
    const std::string link = "dest='" + Anchor(s) + "'";
    cairo_pdf_surface_add_outline(surface, CAIRO_PDF_OUTLINE_ROOT,
                                  (s.number + " " + s.title).c_str(), link.c_str(),
                                  static_cast<cairo_pdf_outline_flags_t>(0));
    title.Draw(flow.cr(), flow.left(), flow.y());
    source.Draw(flow.cr(), flow.left(), flow.y() + title.height() + 1);
  }
  flow.Advance(title.height() + source.height() + 12);
}

void SetMetadata(cairo_surface_t* surface, const TechnicalFile& f) {
  const std::string title =
      ValidUtf8("Technical documentation: " + f.product.name + " " + f.version.version);
  const std::string author = ValidUtf8(
      f.organisation.legal_name.empty() ? f.organisation.name : f.organisation.legal_name);
  const std::string stamp = core::FormatTimestamp(f.exported_at);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, author.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT,
                                 "Annex VII technical documentation, Regulation (EU) 2024/2847");
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "craft");
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, stamp.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, stamp.c_str());
}

// One pass over the whole document. With `out` null nothing is drawn (layout only).
Pagination RenderPass(const TechnicalFile& f, const TechnicalFileLayout& layout,
                      const Pagination& known, std::string* out) {
  const PageGeometry geometry;
  std::unique_ptr<cairo_surface_t, CairoFree> surface(cairo_pdf_surface_create_for_stream(
      out ? AppendTo : Discard, out, geometry.width, geometry.height));
  cairo_pdf_surface_restrict_to_version(surface.get(), CAIRO_PDF_VERSION_1_5);
  if (out) SetMetadata(surface.get(), f);
  std::unique_ptr<cairo_t, CairoFree> cr(cairo_create(surface.get()));
  const std::string footer = f.product.name + " " + f.version.version +
                             " · Annex VII technical documentation · exported " +
                             core::FormatDate(core::DateOf(f.exported_at));
  PageFlow flow(cr.get(), out != nullptr, footer, known.pages, geometry);
  DrawCover(flow, f);
  flow.NewPage();
  DrawContents(flow, known);
  const SectionInput input{f, layout};
  for (const Section& s : Sections()) {
    if (s.number == "1" || s.number == "9") flow.NewPage();
    DrawHeading(flow, surface.get(), s);
    s.draw(flow, input);
    flow.Advance(10);
  }
  flow.Finish();
  cr.reset();
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    throw std::runtime_error(std::string("cairo: ") +
                             cairo_status_to_string(cairo_surface_status(surface.get())));
  }
  return {flow.anchors(), flow.page()};
}

}  // namespace
}  // namespace pdf

std::string RenderTechnicalFilePdf(const TechnicalFile& file, const TechnicalFileLayout& layout) {
  // Lay out once to learn the page numbers, then draw with them. Page numbers are drawn in boxes
  // of fixed width, so knowing them changes no line break; the loop only guards that promise.
  pdf::Pagination known = pdf::RenderPass(file, layout, {}, nullptr);
  for (int attempt = 0;; ++attempt) {
    std::string out;
    const pdf::Pagination drawn = pdf::RenderPass(file, layout, known, &out);
    if (drawn == known || attempt == 2) return out;
    known = drawn;
  }
}

}  // namespace craft::exporting
