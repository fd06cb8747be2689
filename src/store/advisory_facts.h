#pragma once
// What a finding shows of an advisory beyond the match: its summary, its severity rated from its
// CVSS vectors, and its first references. Pure.

#include <optional>
#include <string>
#include <vector>

#include "vuln/advisory/model.h"

namespace craft::store {

struct AdvisorySeverity {
  std::string rating = "unknown";  // "critical", "high", "medium", "low", "none" or "unknown"
  std::optional<double> score;     // the CVSS base score, when rated from a vector
  std::string vector;              // that vector
};

struct AdvisoryFacts {
  std::string summary;  // the summary, else the first 300 bytes of the details
  AdvisorySeverity severity;
  std::vector<std::string> references;  // at most 20 URLs
};

// The vector rated is v3.x first (what most tools show), then v4.0, then v2, NVD's primary metric
// before a CNA's; without a vector that scores, the record's own word (GitHub's "MODERATE" is
// "medium").
AdvisoryFacts FactsOf(const vuln::advisory::Advisory& advisory);

}  // namespace craft::store
