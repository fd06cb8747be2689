#include "vuln/import/kev.h"

#include <simdjson.h>

#include <array>

#include "vuln/import/json_document.h"
#include "vuln/import/json_location.h"

namespace craft::vuln::import {

using advisory::ImportDiagnostic;
using advisory::KevEntry;
namespace dom = simdjson::dom;

namespace {

bool IsDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

// ^CVE-[0-9]{4}-[0-9]{4,19}$
bool IsKevCveId(std::string_view id) {
  return id.size() >= 13 && id.size() <= 28 && id.starts_with("CVE-") && id[8] == '-' &&
         IsDigits(id.substr(4, 4)) && IsDigits(id.substr(9));
}

// YYYY-MM-DD
bool IsDate(std::string_view d) {
  return d.size() == 10 && d[4] == '-' && d[7] == '-' && IsDigits(d.substr(0, 4)) &&
         IsDigits(d.substr(5, 2)) && IsDigits(d.substr(8, 2));
}

// Reads one entry; returns the name of the first offending field, or nullopt.
std::optional<std::string_view> ReadEntry(dom::element item, KevEntry& out) {
  struct Field {
    std::string_view key;
    std::string* target;
    bool required;
  };
  const std::array<Field, 10> fields = {{
      {"cveID", &out.cve_id, true},
      {"vendorProject", &out.vendor_project, true},
      {"product", &out.product, true},
      {"vulnerabilityName", &out.vulnerability_name, true},
      {"dateAdded", &out.date_added, true},
      {"shortDescription", &out.short_description, true},
      {"requiredAction", &out.required_action, true},
      {"dueDate", &out.due_date, true},
      {"knownRansomwareCampaignUse", &out.known_ransomware_campaign_use, false},
      {"notes", &out.notes, false},
  }};
  if (!item.is_object()) return "";
  for (const auto& field : fields) {
    auto value = item[field.key];
    std::string_view text;
    if (value.error() != simdjson::SUCCESS) {
      if (field.required) return field.key;
      continue;
    }
    if (value.get_string().get(text) != simdjson::SUCCESS) return field.key;
    field.target->assign(text);
  }
  if (!IsKevCveId(out.cve_id)) return "cveID";
  if (!IsDate(out.date_added)) return "dateAdded";
  if (!IsDate(out.due_date)) return "dueDate";
  dom::array cwes;
  auto cwe_field = item["cwes"];
  if (cwe_field.error() == simdjson::SUCCESS) {
    if (cwe_field.get_array().get(cwes) != simdjson::SUCCESS) return "cwes";
    for (dom::element cwe : cwes) {
      std::string_view text;
      if (cwe.get_string().get(text) != simdjson::SUCCESS || !text.starts_with("CWE-") ||
          !IsDigits(text.substr(4))) {
        return "cwes";
      }
      out.cwes.emplace_back(text);
    }
  }
  return std::nullopt;
}

}  // namespace

KevResult ParseKevCatalog(std::string_view json, const advisory::ImportLimits& limits) {
  KevResult result;
  dom::element root;
  if (auto error = ParseJsonDocument(json, limits.max_document_bytes, limits.max_depth, root)) {
    result.diagnostics.push_back({ImportDiagnostic::Severity::kError, "catalog", "", *error});
    return result;
  }
  advisory::KevCatalog catalog;
  std::string_view version, released, title;
  dom::array items;
  if (root["catalogVersion"].get_string().get(version) != simdjson::SUCCESS ||
      root["dateReleased"].get_string().get(released) != simdjson::SUCCESS ||
      root["count"].get_int64().get(catalog.count) != simdjson::SUCCESS ||
      root["vulnerabilities"].get_array().get(items) != simdjson::SUCCESS) {
    result.diagnostics.push_back(
        {ImportDiagnostic::Severity::kError, "catalog", "",
         "not a KEV catalogue: catalogVersion, dateReleased, count and vulnerabilities[] are "
         "required"});
    return result;
  }
  if (root["title"].get_string().get(title) == simdjson::SUCCESS) catalog.title.assign(title);
  catalog.catalog_version.assign(version);
  catalog.date_released.assign(released);
  catalog.vulnerabilities.reserve(items.size());
  JsonLocation root_at;
  JsonLocation list_at(root_at, "vulnerabilities");
  std::size_t index = 0;
  for (dom::element item : items) {
    KevEntry entry;
    if (auto bad = ReadEntry(item, entry)) {
      JsonLocation at(list_at, index);
      std::string record = IsKevCveId(entry.cve_id) ? entry.cve_id : "#" + std::to_string(index);
      result.diagnostics.push_back(
          {ImportDiagnostic::Severity::kError, record,
           bad->empty() ? at.Pointer() : JsonLocation(at, *bad).Pointer(),
           bad->empty() ? "an entry must be an object"
                        : "missing or malformed " + std::string(*bad) + "; entry left out"});
    } else {
      catalog.vulnerabilities.push_back(std::move(entry));
    }
    ++index;
  }
  if (catalog.count != static_cast<std::int64_t>(items.size())) {
    result.diagnostics.push_back({ImportDiagnostic::Severity::kWarning, "catalog", "/count",
                                  "count " + std::to_string(catalog.count) + " but " +
                                      std::to_string(items.size()) + " entries"});
  }
  result.catalog = std::move(catalog);
  return result;
}

}  // namespace craft::vuln::import
