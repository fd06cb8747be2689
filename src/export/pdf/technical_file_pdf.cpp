#include "export/pdf/technical_file_pdf.h"

namespace craft::exporting {

std::string RenderTechnicalFilePdf(const TechnicalFile& file, const TechnicalFileLayout&) {
  return "%PDF-1.5 stub " + file.product.name;
}

}  // namespace craft::exporting
