#pragma once
// technical-file.pdf: the human-readable technical file (issue 5, "The PDF"), drawn with cairo and
// pango in DejaVu fonts: a cover page, a table of contents with page numbers, one section per
// Annex VII point, the compliance checklist, the SBOM summary (table and chart), the vulnerability
// status at assessment, the document inventory with SHA-256 hashes, and the retention dates. Every
// page has a footer with the page number. Text stays selectable and searchable; a glyph no
// installed font has is drawn as a box, never an error.

#include <string>

#include "export/technical_file.h"
#include "export/zip_layout.h"

namespace craft::exporting {

// Renders the PDF in memory. Deterministic: the same input gives the same bytes (the document's
// creation date is exported_at). Pure apart from reading fonts; safe to call from several threads.
// Throws std::runtime_error only when cairo fails (out of memory).
std::string RenderTechnicalFilePdf(const TechnicalFile& file, const TechnicalFileLayout& layout);

}  // namespace craft::exporting
