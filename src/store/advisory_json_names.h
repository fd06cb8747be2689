#pragma once
// The names the stored advisory record (store/advisory_json.h) gives to the model's enums, indexed
// by the enum's value: one table for the writer and both readers (nlohmann's and simdjson's).
// Range event kinds are named by vuln::advisory::RangeEventKindName. Internal to src/store.

#include <cstddef>

#include "vuln/advisory/model.h"

namespace craft::store {

// vuln::advisory::SeverityType, in order.
inline constexpr const char* kSeverityTypeNames[] = {"CVSS_V2", "CVSS_V3", "CVSS_V4", "Ubuntu"};
// vuln::advisory::AffectedRange::Type, in order.
inline constexpr const char* kRangeTypeNames[] = {"SEMVER", "ECOSYSTEM", "GIT"};
// The number of vuln::advisory::RangeEvent::Kind values.
inline constexpr std::size_t kRangeEventKindCount = 4;

inline constexpr const char* RangeEventKindName(std::size_t kind) {
  return vuln::advisory::RangeEventKindName(static_cast<vuln::advisory::RangeEvent::Kind>(kind));
}

}  // namespace craft::store
