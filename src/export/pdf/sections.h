#pragma once
// The sections of technical-file.pdf after the table of contents: one per Annex VII point
// (annex_sections.cpp), then the compliance checklist, the SBOM summary, the vulnerability status
// at assessment, the document inventory and the retention dates (report_sections.cpp).

#include <string>
#include <vector>

#include "export/pdf/page_flow.h"
#include "export/technical_file.h"
#include "export/zip_layout.h"

namespace craft::exporting::pdf {

struct SectionInput {
  const TechnicalFile& file;
  const TechnicalFileLayout& layout;
};

struct Section {
  std::string number;  // "1" .. "13"
  std::string title;   // "General description"
  std::string source;  // "Annex VII, point 1"
  void (*draw)(PageFlow&, const SectionInput&);
};

// In document order.
const std::vector<Section>& Sections();

// The bodies (headings are drawn by the caller).
void DrawGeneralDescription(PageFlow& flow, const SectionInput& in);
void DrawDesignAndVulnerabilityHandling(PageFlow& flow, const SectionInput& in);
void DrawRiskAssessment(PageFlow& flow, const SectionInput& in);
void DrawSupportPeriod(PageFlow& flow, const SectionInput& in);
void DrawStandardsApplied(PageFlow& flow, const SectionInput& in);
void DrawTestReports(PageFlow& flow, const SectionInput& in);
void DrawDeclarationOfConformity(PageFlow& flow, const SectionInput& in);
void DrawSbomAvailability(PageFlow& flow, const SectionInput& in);
void DrawChecklist(PageFlow& flow, const SectionInput& in);
void DrawSbomSummary(PageFlow& flow, const SectionInput& in);
void DrawVulnerabilityStatus(PageFlow& flow, const SectionInput& in);
void DrawDocumentInventory(PageFlow& flow, const SectionInput& in);
void DrawRetention(PageFlow& flow, const SectionInput& in);

// Shared by the sections: a sub-heading, and the documents of some types as a small table (or a
// sentence saying there are none).
void SubHeading(PageFlow& flow, const std::string& text);
void DocumentsOfTypes(PageFlow& flow, const SectionInput& in,
                      const std::vector<core::DocumentType>& types, const std::string& none);

}  // namespace craft::exporting::pdf
