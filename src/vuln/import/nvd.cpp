#include "vuln/import/nvd.h"

#include <simdjson.h>

#include <algorithm>

#include "vuln/import/json_document.h"
#include "vuln/import/json_location.h"

namespace craft::vuln::import {

using advisory::Advisory;
using advisory::CpeOperator;
using advisory::ImportDiagnostic;
namespace dom = simdjson::dom;

namespace {

bool IsCveId(std::string_view id) {
  if (id.size() < 13 || !id.starts_with("CVE-") || id[8] != '-') return false;
  for (std::size_t i = 4; i < id.size(); ++i) {
    if (i != 8 && (id[i] < '0' || id[i] > '9')) return false;
  }
  return true;
}

// NVD writes "2024-01-22T22:16:19.297" (UTC without a zone); RFC 3339 needs one.
std::string Rfc3339(std::string_view nvd_time) {
  std::string out(nvd_time);
  if (!out.empty() && out.back() != 'Z' && out.find('+', 10) == std::string::npos) out += 'Z';
  return out;
}

std::string_view StringOr(dom::element object, std::string_view key, std::string_view fallback) {
  std::string_view text;
  return object[key].get_string().get(text) == simdjson::SUCCESS ? text : fallback;
}

// Reads one `cve` object of a page into an Advisory.
class CveReader {
 public:
  CveReader(std::vector<ImportDiagnostic>& diagnostics, std::string record)
      : diagnostics_(diagnostics), record_(std::move(record)) {}

  std::optional<Advisory> Read(const JsonLocation& at, dom::element cve);

 private:
  void Error(const JsonLocation& at, std::string message) {
    rejected_ = true;
    diagnostics_.push_back(
        {ImportDiagnostic::Severity::kError, record_, at.Pointer(), std::move(message)});
  }
  void Warn(const JsonLocation& at, std::string message) {
    diagnostics_.push_back(
        {ImportDiagnostic::Severity::kWarning, record_, at.Pointer(), std::move(message)});
  }
  void ReadDescriptions(const JsonLocation& at, dom::element value);
  void ReadMetrics(const JsonLocation& at, dom::element value);
  void ReadWeaknesses(const JsonLocation& at, dom::element value);
  void ReadConfigurations(const JsonLocation& at, dom::element value);
  bool ReadNode(const JsonLocation& at, dom::element value, advisory::CpeNode& out);
  bool ReadCpeMatch(const JsonLocation& at, dom::element value, advisory::CpeMatch& out);
  void ReadReferences(const JsonLocation& at, dom::element value);

  std::vector<ImportDiagnostic>& diagnostics_;
  std::string record_;
  bool rejected_ = false;
  Advisory advisory_;
};

std::optional<Advisory> CveReader::Read(const JsonLocation& at, dom::element cve) {
  std::string_view id;
  if (!cve.is_object() || cve["id"].get_string().get(id) != simdjson::SUCCESS || !IsCveId(id)) {
    Error(JsonLocation(at, "id"), "a CVE needs an id of the form CVE-YYYY-NNNN");
    return std::nullopt;
  }
  record_.assign(id);
  advisory_.source = advisory::Source::kNvd;
  advisory_.id.assign(id);
  advisory_.published = Rfc3339(StringOr(cve, "published", ""));
  advisory_.modified = Rfc3339(StringOr(cve, "lastModified", ""));
  advisory_.nvd_vuln_status.assign(StringOr(cve, "vulnStatus", ""));
  if (advisory_.nvd_vuln_status == "Rejected") {
    advisory_.withdrawn = advisory_.modified.empty() ? advisory_.published : advisory_.modified;
  }
  for (dom::key_value_pair field : dom::object(cve)) {
    JsonLocation here(at, field.key);
    if (field.key == "descriptions") ReadDescriptions(here, field.value);
    if (field.key == "metrics") ReadMetrics(here, field.value);
    if (field.key == "weaknesses") ReadWeaknesses(here, field.value);
    if (field.key == "configurations") ReadConfigurations(here, field.value);
    if (field.key == "references") ReadReferences(here, field.value);
  }
  if (rejected_) return std::nullopt;
  return std::move(advisory_);
}

void CveReader::ReadDescriptions(const JsonLocation& at, dom::element value) {
  dom::array items;
  if (value.get_array().get(items) != simdjson::SUCCESS) {
    return Warn(at, "descriptions must be an array");
  }
  for (dom::element item : items) {
    if (StringOr(item, "lang", "") == "en" && advisory_.details.empty()) {
      advisory_.details.assign(StringOr(item, "value", ""));
    }
  }
}

void CveReader::ReadMetrics(const JsonLocation& at, dom::element value) {
  if (!value.is_object()) return Warn(at, "metrics must be an object");
  for (dom::key_value_pair field : dom::object(value)) {
    advisory::SeverityType type;
    if (field.key == "cvssMetricV2") {
      type = advisory::SeverityType::kCvssV2;
    } else if (field.key == "cvssMetricV30" || field.key == "cvssMetricV31") {
      type = advisory::SeverityType::kCvssV3;
    } else if (field.key == "cvssMetricV40") {
      type = advisory::SeverityType::kCvssV4;
    } else {
      continue;  // SSVC and future metric kinds
    }
    JsonLocation list_at(at, field.key);
    dom::array metrics;
    if (field.value.get_array().get(metrics) != simdjson::SUCCESS) {
      Warn(list_at, "must be an array");
      continue;
    }
    std::size_t index = 0;
    for (dom::element metric : metrics) {
      JsonLocation here(list_at, index++);
      std::string_view vector;
      double score = 0;
      auto data = metric["cvssData"];
      if (data["vectorString"].get_string().get(vector) != simdjson::SUCCESS ||
          data["baseScore"].get_double().get(score) != simdjson::SUCCESS) {
        Warn(here, "a CVSS metric needs cvssData.vectorString and cvssData.baseScore; dropped");
        continue;
      }
      advisory::Severity s{type, std::string(vector), score,
                           std::string(StringOr(metric, "source", "")),
                           StringOr(metric, "type", "") == "Primary"};
      advisory_.severity.push_back(std::move(s));
    }
  }
}

void CveReader::ReadWeaknesses(const JsonLocation& at, dom::element value) {
  dom::array items;
  if (value.get_array().get(items) != simdjson::SUCCESS) {
    return Warn(at, "weaknesses must be an array");
  }
  for (dom::element weakness : items) {
    dom::array descriptions;
    if (weakness["description"].get_array().get(descriptions) != simdjson::SUCCESS) continue;
    for (dom::element d : descriptions) {
      std::string_view cwe = StringOr(d, "value", "");
      if (!cwe.starts_with("CWE-")) continue;  // NVD-CWE-Other, NVD-CWE-noinfo
      auto& ids = advisory_.cwe_ids;
      if (std::find(ids.begin(), ids.end(), cwe) == ids.end()) ids.emplace_back(cwe);
    }
  }
}

std::optional<CpeOperator> ReadOperator(dom::element object) {
  auto field = object["operator"];
  if (field.error() != simdjson::SUCCESS) return CpeOperator::kOr;
  std::string_view op;
  if (field.get_string().get(op) != simdjson::SUCCESS) return std::nullopt;
  if (op == "OR") return CpeOperator::kOr;
  if (op == "AND") return CpeOperator::kAnd;
  return std::nullopt;
}

std::optional<bool> ReadNegate(dom::element object) {
  auto field = object["negate"];
  if (field.error() != simdjson::SUCCESS) return false;
  bool negate = false;
  if (field.get_bool().get(negate) != simdjson::SUCCESS) return std::nullopt;
  return negate;
}

void CveReader::ReadConfigurations(const JsonLocation& at, dom::element value) {
  dom::array items;
  if (value.get_array().get(items) != simdjson::SUCCESS) {
    return Error(at, "configurations must be an array");
  }
  std::size_t index = 0;
  for (dom::element item : items) {
    JsonLocation here(at, index++);
    dom::array nodes;
    auto op = item.is_object() ? ReadOperator(item) : std::nullopt;
    auto negate = item.is_object() ? ReadNegate(item) : std::nullopt;
    if (!op || !negate || item["nodes"].get_array().get(nodes) != simdjson::SUCCESS) {
      Error(here, "a configuration needs nodes[], operator AND/OR and a boolean negate");
      continue;
    }
    advisory::CpeConfiguration configuration{*op, *negate, {}};
    std::size_t node_index = 0;
    for (dom::element node : nodes) {
      configuration.nodes.emplace_back();
      ReadNode(JsonLocation(JsonLocation(here, "nodes"), node_index++), node,
               configuration.nodes.back());
    }
    advisory_.configurations.push_back(std::move(configuration));
  }
}

bool CveReader::ReadNode(const JsonLocation& at, dom::element value, advisory::CpeNode& out) {
  dom::array matches;
  auto op = value.is_object() ? ReadOperator(value) : std::nullopt;
  auto negate = value.is_object() ? ReadNegate(value) : std::nullopt;
  if (!op || !negate || value["cpeMatch"].get_array().get(matches) != simdjson::SUCCESS) {
    Error(at, "a node needs cpeMatch[], operator AND/OR and a boolean negate");
    return false;
  }
  out.op = *op;
  out.negate = *negate;
  out.cpe_match.reserve(matches.size());
  std::size_t index = 0;
  for (dom::element match : matches) {
    out.cpe_match.emplace_back();
    ReadCpeMatch(JsonLocation(JsonLocation(at, "cpeMatch"), index++), match, out.cpe_match.back());
  }
  return true;
}

bool CveReader::ReadCpeMatch(const JsonLocation& at, dom::element value, advisory::CpeMatch& out) {
  std::string_view criteria;
  bool vulnerable = false;
  if (!value.is_object() || value["criteria"].get_string().get(criteria) != simdjson::SUCCESS ||
      !criteria.starts_with("cpe:2.3:") ||
      value["vulnerable"].get_bool().get(vulnerable) != simdjson::SUCCESS) {
    Error(at, "a cpeMatch needs a cpe:2.3 criteria string and a boolean vulnerable");
    return false;
  }
  out.criteria.assign(criteria);
  out.vulnerable = vulnerable;
  out.version_start_including.assign(StringOr(value, "versionStartIncluding", ""));
  out.version_start_excluding.assign(StringOr(value, "versionStartExcluding", ""));
  out.version_end_including.assign(StringOr(value, "versionEndIncluding", ""));
  out.version_end_excluding.assign(StringOr(value, "versionEndExcluding", ""));
  out.match_criteria_id.assign(StringOr(value, "matchCriteriaId", ""));
  return true;
}

void CveReader::ReadReferences(const JsonLocation& at, dom::element value) {
  dom::array items;
  if (value.get_array().get(items) != simdjson::SUCCESS) {
    return Warn(at, "references must be an array");
  }
  std::size_t index = 0;
  for (dom::element item : items) {
    JsonLocation here(at, index++);
    std::string_view url;
    if (item["url"].get_string().get(url) != simdjson::SUCCESS) {
      Warn(here, "a reference needs a url; dropped");
      continue;
    }
    advisory::Reference reference{"", std::string(url), {}};
    dom::array tags;
    if (item["tags"].get_array().get(tags) == simdjson::SUCCESS) {
      for (dom::element tag : tags) {
        std::string_view text;
        if (tag.get_string().get(text) == simdjson::SUCCESS) reference.tags.emplace_back(text);
      }
    }
    advisory_.references.push_back(std::move(reference));
  }
}

std::int64_t IntOr(dom::element object, std::string_view key) {
  std::int64_t value = 0;
  return object[key].get_int64().get(value) == simdjson::SUCCESS ? value : 0;
}

}  // namespace

NvdPageResult ParseNvdPage(std::string_view json, const advisory::ImportLimits& limits) {
  NvdPageResult result;
  dom::element root;
  if (auto error = ParseJsonDocument(json, limits.max_record_bytes, limits.max_depth, root)) {
    result.diagnostics.push_back({ImportDiagnostic::Severity::kError, "page", "", *error});
    return result;
  }
  JsonLocation at;
  dom::array items;
  bool single = root.is_object() && root["cve"].error() == simdjson::SUCCESS;
  if (!single && root["vulnerabilities"].get_array().get(items) != simdjson::SUCCESS) {
    result.diagnostics.push_back({ImportDiagnostic::Severity::kError, "page", "",
                                  "not an NVD CVE API 2.0 page: no vulnerabilities[] array"});
    return result;
  }
  NvdPage page;
  if (!single) {
    page.results_per_page = IntOr(root, "resultsPerPage");
    page.start_index = IntOr(root, "startIndex");
    page.total_results = IntOr(root, "totalResults");
    page.timestamp.assign(StringOr(root, "timestamp", ""));
  }
  auto read = [&](const JsonLocation& item_at, dom::element item, std::size_t index) {
    CveReader reader(result.diagnostics, "#" + std::to_string(index));
    dom::element cve_object;
    if (item["cve"].get(cve_object) != simdjson::SUCCESS) {
      result.diagnostics.push_back({ImportDiagnostic::Severity::kError, "#" + std::to_string(index),
                                    item_at.Pointer(),
                                    "an item of vulnerabilities[] needs a cve object"});
      return;
    }
    if (auto cve = reader.Read(JsonLocation(item_at, "cve"), cve_object)) {
      page.vulnerabilities.push_back(std::move(*cve));
    }
  };
  if (single) {
    read(at, root, 0);
  } else {
    JsonLocation list_at(at, "vulnerabilities");
    page.vulnerabilities.reserve(items.size());
    std::size_t index = 0;
    for (dom::element item : items) {
      read(JsonLocation(list_at, index), item, index);
      ++index;
    }
  }
  result.page = std::move(page);
  return result;
}

}  // namespace craft::vuln::import
