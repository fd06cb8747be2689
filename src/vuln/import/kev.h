#pragma once
// The CISA Known Exploited Vulnerabilities catalogue (known_exploited_vulnerabilities.json, schema
// known_exploited_vulnerabilities_schema.json). Pure and thread-safe; never throws on bad input.

#include <optional>
#include <string_view>
#include <vector>

#include "vuln/advisory/model.h"

namespace craft::vuln::import {

struct KevResult {
  std::optional<advisory::KevCatalog> catalog;  // unset when the input is not a KEV catalogue
  std::vector<advisory::ImportDiagnostic> diagnostics;
};

// Reads the catalogue. The catalogue needs catalogVersion, dateReleased, count and
// vulnerabilities[]; an entry needs the schema's required strings (cveID matching
// CVE-YYYY-NNNN..., dateAdded and dueDate as YYYY-MM-DD, vendorProject, product,
// vulnerabilityName, shortDescription, requiredAction). An entry that lacks them is reported
// (error, record = its cveID or "#<index>") and left out; the others are kept in order. A `count`
// that differs from the number of entries is a warning. Input over `limits.max_document_bytes` is
// refused.
KevResult ParseKevCatalog(std::string_view json, const advisory::ImportLimits& limits = {});

}  // namespace craft::vuln::import
