#include "vuln/import/osv.h"

#include <simdjson.h>

#include <algorithm>
#include <string>
#include <unordered_set>

#include "vuln/import/json_document.h"
#include "vuln/import/osv_reader.h"
#include "vuln/import/osv_schema.h"

namespace craft::vuln::import {

using advisory::ImportDiagnostic;
namespace dom = simdjson::dom;

std::string_view JsonTypeName(dom::element value) {
  switch (value.type()) {
    case dom::element_type::ARRAY:
      return "an array";
    case dom::element_type::OBJECT:
      return "an object";
    case dom::element_type::STRING:
      return "a string";
    case dom::element_type::BOOL:
      return "a boolean";
    case dom::element_type::NULL_VALUE:
      return "null";
    default:
      return "a number";
  }
}

void OsvReader::Fatal(const JsonLocation& at, std::string message) {
  rejected_ = true;
  diagnostics_.push_back(
      {ImportDiagnostic::Severity::kError, record_, at.Pointer(), std::move(message)});
}

void OsvReader::Schema(const JsonLocation& at, std::string message) {
  if (!Lenient()) rejected_ = true;
  diagnostics_.push_back(
      {Lenient() ? ImportDiagnostic::Severity::kWarning : ImportDiagnostic::Severity::kError,
       record_, at.Pointer(), std::move(message)});
}

void OsvReader::Warn(const JsonLocation& at, std::string message) {
  diagnostics_.push_back(
      {ImportDiagnostic::Severity::kWarning, record_, at.Pointer(), std::move(message)});
}

void OsvReader::ReadString(const JsonLocation& at, dom::element value, std::string& out) {
  std::string_view text;
  if (value.get_string().get(text) != simdjson::SUCCESS) {
    Schema(at, "must be a string, not " + std::string(JsonTypeName(value)));
    return;
  }
  out.assign(text);
}

void OsvReader::ReadTimestamp(const JsonLocation& at, dom::element value, std::string& out) {
  std::string_view text;
  if (value.get_string().get(text) != simdjson::SUCCESS) {
    Schema(at, "must be an RFC 3339 UTC timestamp string, not " + std::string(JsonTypeName(value)));
    return;
  }
  if (!osv_schema::IsTimestamp(text)) {
    Schema(at,
           "\"" + std::string(text) + "\" is not an RFC 3339 UTC timestamp (YYYY-MM-DDTHH:MM:SSZ)");
  }
  out.assign(text);
}

void OsvReader::ReadStringList(const JsonLocation& at, dom::element value, bool nullable,
                               std::vector<std::string>& out) {
  if (nullable && value.is_null()) return;
  dom::array items;
  if (value.get_array().get(items) != simdjson::SUCCESS) {
    Schema(at, "must be an array of strings, not " + std::string(JsonTypeName(value)));
    return;
  }
  std::size_t index = 0;
  for (dom::element item : items) {
    std::string_view text;
    if (item.get_string().get(text) != simdjson::SUCCESS) {
      Schema(JsonLocation(at, index), "must be a string, not " + std::string(JsonTypeName(item)));
    } else {
      out.emplace_back(text);
    }
    ++index;
  }
}

void OsvReader::ReadSeverityList(const JsonLocation& at, dom::element value,
                                 std::vector<advisory::Severity>& out) {
  if (value.is_null()) return;
  dom::array items;
  if (value.get_array().get(items) != simdjson::SUCCESS) {
    Schema(at, "must be an array of {type, score}, not " + std::string(JsonTypeName(value)));
    return;
  }
  std::size_t index = 0;
  for (dom::element item : items) {
    JsonLocation here(at, index++);
    std::string_view type, score;
    if (!item.is_object() || item["type"].get_string().get(type) != simdjson::SUCCESS ||
        item["score"].get_string().get(score) != simdjson::SUCCESS) {
      Schema(here, "a severity entry needs string fields type and score");
      continue;
    }
    if (!osv_schema::IsSeverityScore(type, score)) {
      Schema(here, "\"" + std::string(score) + "\" is not a valid " + std::string(type) +
                       " severity (type must be CVSS_V2, CVSS_V3, CVSS_V4 or Ubuntu)");
      continue;
    }
    advisory::Severity s;
    s.type = type == "CVSS_V2"   ? advisory::SeverityType::kCvssV2
             : type == "CVSS_V3" ? advisory::SeverityType::kCvssV3
             : type == "CVSS_V4" ? advisory::SeverityType::kCvssV4
                                 : advisory::SeverityType::kUbuntu;
    s.score.assign(score);
    out.push_back(std::move(s));
  }
}

void OsvReader::ReadReferences(const JsonLocation& at, dom::element value) {
  if (value.is_null()) return;
  dom::array items;
  if (value.get_array().get(items) != simdjson::SUCCESS) {
    Schema(at, "must be an array of {type, url}, not " + std::string(JsonTypeName(value)));
    return;
  }
  std::size_t index = 0;
  for (dom::element item : items) {
    JsonLocation here(at, index++);
    std::string_view type, url;
    if (!item.is_object() || item["type"].get_string().get(type) != simdjson::SUCCESS ||
        item["url"].get_string().get(url) != simdjson::SUCCESS) {
      Schema(here, "a reference needs string fields type and url");
      continue;
    }
    if (!osv_schema::IsReferenceType(type)) {
      Schema(JsonLocation(here, "type"), "\"" + std::string(type) + "\" is not a reference type");
      continue;
    }
    advisory_.references.push_back({std::string(type), std::string(url), {}});
  }
}

void OsvReader::ReadCredits(const JsonLocation& at, dom::element value) {
  dom::array items;
  if (value.get_array().get(items) != simdjson::SUCCESS) {
    Schema(at, "must be an array of credits, not " + std::string(JsonTypeName(value)));
    return;
  }
  std::size_t index = 0;
  for (dom::element item : items) {
    JsonLocation here(at, index++);
    std::string_view text;
    if (!item.is_object() || item["name"].get_string().get(text) != simdjson::SUCCESS) {
      Schema(here, "a credit needs a string field name");
      continue;
    }
    auto type = item["type"];
    if (type.error() == simdjson::SUCCESS &&
        (type.get_string().get(text) != simdjson::SUCCESS || !osv_schema::IsCreditType(text))) {
      Schema(JsonLocation(here, "type"), "not a credit type of the OSV schema");
    }
    auto contact = item["contact"];
    std::vector<std::string> ignored;
    if (contact.error() == simdjson::SUCCESS) {
      ReadStringList(JsonLocation(here, "contact"), contact.value_unsafe(), false, ignored);
    }
  }
}

void OsvReader::ReadDatabaseSpecific(const JsonLocation& at, dom::element value,
                                     std::string& severity, std::vector<std::string>* cwe_ids) {
  dom::object object;
  if (value.get_object().get(object) != simdjson::SUCCESS) {
    Schema(at, "must be an object, not " + std::string(JsonTypeName(value)));
    return;
  }
  std::string_view text;
  if (object["severity"].get_string().get(text) == simdjson::SUCCESS) severity.assign(text);
  dom::array cwes;
  if (cwe_ids != nullptr && object["cwe_ids"].get_array().get(cwes) == simdjson::SUCCESS) {
    for (dom::element cwe : cwes) {
      if (cwe.get_string().get(text) == simdjson::SUCCESS) cwe_ids->emplace_back(text);
    }
  }
}

void OsvReader::ReadField(const JsonLocation& at, std::string_view key, dom::element value) {
  auto& a = advisory_;
  if (key == "id") return;  // read first, in Read()
  if (key == "schema_version") return ReadString(at, value, a.schema_version);
  if (key == "modified") return ReadTimestamp(at, value, a.modified);
  if (key == "published") return ReadTimestamp(at, value, a.published);
  if (key == "withdrawn") return ReadTimestamp(at, value, a.withdrawn);
  if (key == "aliases") return ReadStringList(at, value, true, a.aliases);
  if (key == "related") return ReadStringList(at, value, false, a.related);
  if (key == "upstream") return ReadStringList(at, value, false, a.upstream);
  if (key == "summary") return ReadString(at, value, a.summary);
  if (key == "details") return ReadString(at, value, a.details);
  if (key == "severity") return ReadSeverityList(at, value, a.severity);
  if (key == "affected") return ReadAffectedList(at, value);
  if (key == "references") return ReadReferences(at, value);
  if (key == "credits") return ReadCredits(at, value);
  if (key == "database_specific") {
    return ReadDatabaseSpecific(at, value, a.database_specific_severity, &a.cwe_ids);
  }
  Warn(at, "field is not defined by the OSV schema 1.7.5; ignored");
}

void OsvReader::CheckRecord(bool has_modified, bool has_severity) {
  JsonLocation root;
  if (!has_modified) Schema(root, "required field \"modified\" is missing");
  if (has_severity && affected_severity_) {
    Schema(root, "severity is set both for the record and for an affected package");
  }
  if (advisory_.affected.empty() && !advisory_.IsWithdrawn()) {
    Schema(JsonLocation(root, "affected"),
           "REC:001 affected-data-exists: a record that is not withdrawn must list affected "
           "packages (osv-linter)");
  }
  std::unordered_set<std::string_view> seen;
  for (const auto& alias : advisory_.aliases) {
    if (!seen.insert(alias).second) {
      Warn(JsonLocation(root, "aliases"), "duplicate alias \"" + alias + "\"");
    }
    if (alias == advisory_.id) Warn(JsonLocation(root, "aliases"), "the record aliases itself");
  }
}

OsvRecordResult OsvReader::Read(dom::element root) {
  JsonLocation at;
  dom::object object;
  if (root.get_object().get(object) != simdjson::SUCCESS) {
    Fatal(at, "an OSV record must be a JSON object, not " + std::string(JsonTypeName(root)));
    return {std::nullopt, std::move(diagnostics_)};
  }
  std::string_view id;
  auto id_field = object["id"];
  if (id_field.error() != simdjson::SUCCESS) {
    Fatal(at, "required field \"id\" is missing");
  } else if (id_field.get_string().get(id) != simdjson::SUCCESS || id.empty()) {
    Fatal(JsonLocation(at, "id"), "id must be a non-empty string");
  } else {
    record_.assign(id);
    advisory_.id.assign(id);
    if (!osv_schema::IsKnownIdPrefix(id)) {
      Schema(JsonLocation(at, "id"), "id \"" + std::string(id) +
                                         "\" does not start with a database prefix of the OSV "
                                         "schema (or x_)");
    }
  }
  std::unordered_set<std::string_view> keys;
  for (dom::key_value_pair field : object) {
    JsonLocation here(at, field.key);
    if (!keys.insert(field.key).second) {
      Fatal(here, "duplicate field \"" + std::string(field.key) + "\"");
      continue;
    }
    ReadField(here, field.key, field.value);
  }
  CheckRecord(keys.count("modified") > 0, keys.count("severity") > 0);
  advisory_.source = advisory::Source::kOsv;
  if (rejected_) return {std::nullopt, std::move(diagnostics_)};
  return {std::move(advisory_), std::move(diagnostics_)};
}

OsvRecordResult ParseOsvRecord(std::string_view json, const OsvParseOptions& options,
                               std::string_view record_name) {
  dom::element root;
  if (auto error = ParseJsonDocument(json, options.limits.max_record_bytes,
                                     options.limits.max_depth, root)) {
    return {std::nullopt,
            {{ImportDiagnostic::Severity::kError, std::string(record_name), "", *error}}};
  }
  OsvReader reader(options, record_name);
  return reader.Read(root);
}

}  // namespace craft::vuln::import
