#include "vuln/import/epss.h"

#include <charconv>
#include <string>

namespace craft::vuln::import {

using advisory::ImportDiagnostic;

namespace {

std::string_view NextLine(std::string_view& text) {
  auto end = text.find('\n');
  auto line = text.substr(0, end);
  text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

std::optional<double> Probability(std::string_view text) {
  double value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  if (!(value >= 0 && value <= 1)) return std::nullopt;
  return value;
}

// "#model_version:v2023.03.01,score_date:2023-03-18T00:00:00+0000"
void ReadComment(std::string_view line, advisory::EpssScores& scores) {
  line.remove_prefix(1);
  while (!line.empty()) {
    auto comma = line.find(',');
    auto pair = line.substr(0, comma);
    auto colon = pair.find(':');
    if (colon != std::string_view::npos) {
      auto key = pair.substr(0, colon);
      if (key == "model_version") scores.model_version.assign(pair.substr(colon + 1));
      if (key == "score_date") scores.score_date.assign(pair.substr(colon + 1));
    }
    if (comma == std::string_view::npos) break;
    line.remove_prefix(comma + 1);
  }
}

std::optional<advisory::EpssEntry> ReadRow(std::string_view line) {
  auto first = line.find(',');
  if (first == std::string_view::npos) return std::nullopt;
  auto second = line.find(',', first + 1);
  if (second == std::string_view::npos || line.find(',', second + 1) != std::string_view::npos) {
    return std::nullopt;
  }
  auto cve = line.substr(0, first);
  auto epss = Probability(line.substr(first + 1, second - first - 1));
  auto percentile = Probability(line.substr(second + 1));
  if (!cve.starts_with("CVE-") || cve.size() < 13 || !epss || !percentile) return std::nullopt;
  return advisory::EpssEntry{std::string(cve), *epss, *percentile, {}, {}};
}

}  // namespace

EpssResult ParseEpssCsv(std::string_view csv, const advisory::ImportLimits& limits) {
  EpssResult result;
  if (csv.size() > limits.max_document_bytes) {
    result.diagnostics.push_back(
        {ImportDiagnostic::Severity::kError, "file", "",
         "input exceeds the limit of " + std::to_string(limits.max_document_bytes) + " bytes"});
    return result;
  }
  advisory::EpssScores scores;
  std::size_t line_number = 0;
  bool header = false;
  while (!csv.empty() && !header) {
    auto line = NextLine(csv);
    ++line_number;
    if (line.starts_with("#")) {
      ReadComment(line, scores);
    } else if (line == "cve,epss,percentile") {
      header = true;
    } else if (!line.empty()) {
      break;
    }
  }
  if (!header) {
    result.diagnostics.push_back({ImportDiagnostic::Severity::kError, "file", "",
                                  "not an EPSS file: the header cve,epss,percentile is missing"});
    return result;
  }
  while (!csv.empty()) {
    auto line = NextLine(csv);
    ++line_number;
    if (line.empty()) continue;
    auto entry = ReadRow(line);
    if (!entry) {
      result.diagnostics.push_back(
          {ImportDiagnostic::Severity::kError, "line " + std::to_string(line_number), "",
           "expected CVE-id,epss,percentile with both numbers between 0 and 1"});
      continue;
    }
    entry->model_version = scores.model_version;
    entry->score_date = scores.score_date;
    scores.entries.push_back(std::move(*entry));
  }
  result.scores = std::move(scores);
  return result;
}

}  // namespace craft::vuln::import
