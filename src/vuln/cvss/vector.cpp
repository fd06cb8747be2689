#include "vuln/cvss/vector.h"

#include <algorithm>

#include "vuln/cvss/cvss.h"

namespace craft::vuln::cvss {

std::optional<std::string> ReadMetrics(std::string_view text,
                                       std::span<const MetricDefinition> definitions, bool ordered,
                                       std::span<std::string_view> values) {
  std::fill(values.begin(), values.end(), std::string_view{});
  std::size_t next = 0;  // with `ordered`: the first definition the next metric may be
  while (true) {
    auto slash = text.find('/');
    auto token = text.substr(0, slash);
    auto colon = token.find(':');
    if (token.empty()) return "empty metric in the vector";
    if (colon == std::string_view::npos) {
      return "\"" + std::string(token) + "\" is not a metric:value pair";
    }
    auto name = token.substr(0, colon);
    auto value = token.substr(colon + 1);
    auto it = std::find_if(definitions.begin(), definitions.end(),
                           [&](const MetricDefinition& d) { return d.name == name; });
    if (it == definitions.end()) return "unknown metric \"" + std::string(name) + "\"";
    auto index = static_cast<std::size_t>(it - definitions.begin());
    if (!values[index].empty()) return "metric \"" + std::string(name) + "\" appears twice";
    if (ordered && index < next) return "metric \"" + std::string(name) + "\" is out of order";
    if (value.empty() ||
        std::find(it->values.begin(), it->values.end(), value) == it->values.end()) {
      return "\"" + std::string(value) + "\" is not a value of metric " + std::string(name);
    }
    values[index] = value;
    next = index + 1;
    if (slash == std::string_view::npos) break;
    text.remove_prefix(slash + 1);
  }
  for (std::size_t i = 0; i < definitions.size(); ++i) {
    if (definitions[i].required && values[i].empty()) {
      return "required metric \"" + std::string(definitions[i].name) + "\" is missing";
    }
  }
  return std::nullopt;
}

std::string_view RatingName(Rating rating) {
  switch (rating) {
    case Rating::kNone:
      return "NONE";
    case Rating::kLow:
      return "LOW";
    case Rating::kMedium:
      return "MEDIUM";
    case Rating::kHigh:
      return "HIGH";
    case Rating::kCritical:
      return "CRITICAL";
  }
  return "NONE";
}

Rating RatingV3(double score) {
  if (score < 0.05) return Rating::kNone;
  if (score < 3.95) return Rating::kLow;
  if (score < 6.95) return Rating::kMedium;
  if (score < 8.95) return Rating::kHigh;
  return Rating::kCritical;
}

Rating RatingV2(double score) {
  if (score < 3.95) return Rating::kLow;
  if (score < 6.95) return Rating::kMedium;
  return Rating::kHigh;
}

ScoreResult ScoreVector(std::string_view vector) {
  if (vector.starts_with("CVSS:4.0/")) return ScoreV4(vector);
  if (vector.starts_with("CVSS:3.")) return ScoreV3(vector);
  return ScoreV2(vector);
}

}  // namespace craft::vuln::cvss
