#pragma once
// Reading "K:V/K:V/..." CVSS vectors against a table of metrics. Internal to src/vuln/cvss.

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace craft::vuln::cvss {

// A metric of a CVSS version: its abbreviation and allowed values (unused slots empty).
struct MetricDefinition {
  std::string_view name;
  std::array<std::string_view, 6> values;
  bool required = false;
};

// The value of every metric of a vector, by the index of its definition ("" when absent).
template <std::size_t N>
using MetricValues = std::array<std::string_view, N>;

// Splits `text` (without any "CVSS:x.y/" prefix) into metrics. With `ordered`, metrics must come in
// the order of `definitions`. Returns an error message, or nullopt when every metric is known, has
// an allowed value, appears once, and every required one is present.
std::optional<std::string> ReadMetrics(std::string_view text,
                                       std::span<const MetricDefinition> definitions, bool ordered,
                                       std::span<std::string_view> values);

}  // namespace craft::vuln::cvss
