#pragma once
// NVD CVE API 2.0 JSON (https://nvd.nist.gov/developers/vulnerabilities): a response page or a 2.0
// data feed file (`{"resultsPerPage":..., "vulnerabilities": [{"cve": {...}}, ...]}`), or a single
// `{"cve": {...}}` item. Pure and thread-safe; never throws on bad input.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vuln/advisory/model.h"

namespace craft::vuln::import {

struct NvdPage {
  std::int64_t results_per_page = 0;
  std::int64_t start_index = 0;
  std::int64_t total_results = 0;
  std::string timestamp;  // as NVD states it
  std::vector<advisory::Advisory> vulnerabilities;
};

struct NvdPageResult {
  std::optional<NvdPage> page;  // unset when the input is not an NVD page at all
  std::vector<advisory::ImportDiagnostic> diagnostics;
};

// Reads a page. Each CVE becomes an Advisory with `source` kNvd: `details` is the English
// description, `modified`/`published` are lastModified/published as RFC 3339 UTC (NVD omits the
// "Z"; it is added), `severity` holds every CVSS v2, v3.0, v3.1 and v4.0 metric with NVD's stated
// baseScore, `cwe_ids` the CWE-<n> weaknesses (NVD-CWE-Other and NVD-CWE-noinfo left out),
// `configurations` the CPE applicability statements, `references` the URLs with their tags. A CVE
// whose vulnStatus is "Rejected" is returned withdrawn (at lastModified).
//
// A CVE without a well-formed id or with malformed configurations is reported (error, record
// "#<index>" or its id, JSON pointer inside the page) and left out; a malformed metric or
// reference is reported as a warning and dropped. Input over `limits.max_record_bytes` or nested
// deeper than `limits.max_depth` is refused whole.
NvdPageResult ParseNvdPage(std::string_view json, const advisory::ImportLimits& limits = {});

}  // namespace craft::vuln::import
