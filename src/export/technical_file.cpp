#include "export/technical_file.h"

namespace craft::exporting {

ByteStreamer StreamOf(std::string_view bytes) {
  return [bytes](const ByteSink& sink) {
    if (!bytes.empty()) sink(bytes);
  };
}

std::string_view ToString(Severity severity) {
  switch (severity) {
    case Severity::kCritical:
      return "critical";
    case Severity::kHigh:
      return "high";
    case Severity::kMedium:
      return "medium";
    case Severity::kLow:
      return "low";
    case Severity::kNone:
      return "none";
    case Severity::kUnknown:
      break;
  }
  return "unknown";
}

std::string_view ToString(TriageStatus status) {
  switch (status) {
    case TriageStatus::kUnderInvestigation:
      break;
    case TriageStatus::kAffected:
      return "affected";
    case TriageStatus::kNotAffected:
      return "not_affected";
    case TriageStatus::kFixed:
      return "fixed";
    case TriageStatus::kFalsePositive:
      return "false_positive";
  }
  return "under_investigation";
}

bool IsAccepted(const Finding& finding) {
  switch (finding.status) {
    case TriageStatus::kNotAffected:
    case TriageStatus::kFalsePositive:
      return true;
    case TriageStatus::kAffected:
      return !finding.response.empty();
    case TriageStatus::kUnderInvestigation:
    case TriageStatus::kFixed:
      break;
  }
  return false;
}

VulnerabilityTally Tally(const std::vector<Finding>& findings) {
  VulnerabilityTally tally;
  for (const Finding& f : findings) {
    ++tally.by_severity[static_cast<std::size_t>(f.severity)];
    ++tally.total;
    if (f.kev) ++tally.kev;
    if (IsAccepted(f)) {
      ++tally.accepted;
    } else if (f.status == TriageStatus::kUnderInvestigation ||
               f.status == TriageStatus::kAffected) {
      ++tally.open;
    }
  }
  return tally;
}

}  // namespace craft::exporting
