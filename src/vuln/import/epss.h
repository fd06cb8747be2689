#pragma once
// The FIRST EPSS daily scores CSV (epss_scores-YYYY-MM-DD.csv): an optional
// "#model_version:<v>,score_date:<RFC 3339>" line, the header "cve,epss,percentile", then one row
// per CVE. Pure and thread-safe; never throws on bad input.

#include <optional>
#include <string_view>
#include <vector>

#include "vuln/advisory/model.h"

namespace craft::vuln::import {

struct EpssResult {
  std::optional<advisory::EpssScores> scores;  // unset when the input is not an EPSS file
  std::vector<advisory::ImportDiagnostic> diagnostics;
};

// Reads the file. Each row needs a CVE id and two numbers between 0 and 1; a row that does not
// have them is reported (error, record "line <n>") and left out. Every entry carries the file's
// model version and score date. Without the header line the input is refused, and so is input over
// `limits.max_document_bytes`. CRLF line ends and a missing final newline are accepted.
EpssResult ParseEpssCsv(std::string_view csv, const advisory::ImportLimits& limits = {});

}  // namespace craft::vuln::import
