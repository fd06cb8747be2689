// OsvReader: the `affected[]` part of an OSV record (packages, ranges, events, versions).

#include <simdjson.h>

#include <string>
#include <unordered_map>

#include "vuln/advisory/ecosystem.h"
#include "vuln/import/osv_reader.h"
#include "vuln/import/osv_schema.h"

namespace craft::vuln::import {

using advisory::AffectedRange;
using advisory::RangeEvent;
namespace dom = simdjson::dom;

namespace {

std::string Quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

}  // namespace

void OsvReader::ReadAffectedList(const JsonLocation& at, dom::element value) {
  if (value.is_null()) return;
  dom::array items;
  if (value.get_array().get(items) != simdjson::SUCCESS) {
    Fatal(at, "must be an array of affected packages, not " + std::string(JsonTypeName(value)));
    return;
  }
  advisory_.affected.reserve(items.size());
  std::size_t index = 0;
  for (dom::element item : items) {
    advisory_.affected.emplace_back();
    ReadAffected(JsonLocation(at, index++), item, advisory_.affected.back());
  }
}

void OsvReader::ReadAffected(const JsonLocation& at, dom::element value, advisory::Affected& out) {
  dom::object object;
  if (value.get_object().get(object) != simdjson::SUCCESS) {
    Fatal(at, "an affected entry must be an object, not " + std::string(JsonTypeName(value)));
    return;
  }
  for (dom::key_value_pair field : object) {
    JsonLocation here(at, field.key);
    if (field.key == "package") {
      ReadPackage(here, field.value, out.package);
    } else if (field.key == "severity") {
      if (!field.value.is_null()) affected_severity_ = true;
      ReadSeverityList(here, field.value, out.severity);
    } else if (field.key == "ranges") {
      dom::array ranges;
      if (field.value.get_array().get(ranges) != simdjson::SUCCESS) {
        Fatal(here, "must be an array of ranges, not " + std::string(JsonTypeName(field.value)));
        continue;
      }
      out.ranges.resize(ranges.size());
      std::size_t index = 0;
      for (dom::element range : ranges) {
        ReadRange(JsonLocation(here, index), range, out.ranges[index]);
        ++index;
      }
    } else if (field.key == "versions") {
      std::size_t errors = diagnostics_.size();
      ReadStringList(here, field.value, false, out.versions);
      if (diagnostics_.size() != errors) rejected_ = true;  // cannot tell what is affected
    } else if (field.key == "ecosystem_specific") {
      ReadDatabaseSpecific(here, field.value, out.ecosystem_specific_severity, nullptr);
    } else if (field.key == "database_specific") {
      ReadDatabaseSpecific(here, field.value, out.database_specific_severity, nullptr);
    }
  }
}

void OsvReader::ReadPackage(const JsonLocation& at, dom::element value, advisory::Package& out) {
  dom::object object;
  if (value.get_object().get(object) != simdjson::SUCCESS) {
    Fatal(at, "package must be an object, not " + std::string(JsonTypeName(value)));
    return;
  }
  std::string_view ecosystem, name, purl;
  if (object["ecosystem"].get_string().get(ecosystem) != simdjson::SUCCESS) {
    Fatal(JsonLocation(at, "ecosystem"), "package.ecosystem is required and must be a string");
    return;
  }
  if (object["name"].get_string().get(name) != simdjson::SUCCESS) {
    Fatal(JsonLocation(at, "name"), "package.name is required and must be a string");
    return;
  }
  if (!advisory::IsOsvEcosystem(ecosystem)) {
    Schema(JsonLocation(at, "ecosystem"),
           Quoted(ecosystem) + " is not an ecosystem of the OSV schema 1.7.5");
  }
  auto purl_field = object["purl"];
  if (purl_field.error() == simdjson::SUCCESS) {
    if (purl_field.get_string().get(purl) != simdjson::SUCCESS) {
      Schema(JsonLocation(at, "purl"), "package.purl must be a string");
    }
  }
  out.ecosystem.assign(ecosystem);
  out.name.assign(name);
  out.normalized_name = advisory::NormalizePackageName(ecosystem, name);
  out.purl.assign(purl);
}

void OsvReader::ReadRange(const JsonLocation& at, dom::element value, AffectedRange& out) {
  dom::object object;
  if (value.get_object().get(object) != simdjson::SUCCESS) {
    Fatal(at, "a range must be an object, not " + std::string(JsonTypeName(value)));
    return;
  }
  std::string_view type;
  if (object["type"].get_string().get(type) != simdjson::SUCCESS ||
      (type != "SEMVER" && type != "ECOSYSTEM" && type != "GIT")) {
    Fatal(JsonLocation(at, "type"), "range type is required: SEMVER, ECOSYSTEM or GIT");
    return;
  }
  out.type = type == "SEMVER"      ? AffectedRange::Type::kSemver
             : type == "ECOSYSTEM" ? AffectedRange::Type::kEcosystem
                                   : AffectedRange::Type::kGit;
  std::string_view repo;
  auto repo_field = object["repo"];
  if (repo_field.error() == simdjson::SUCCESS &&
      repo_field.get_string().get(repo) != simdjson::SUCCESS) {
    Schema(JsonLocation(at, "repo"), "repo must be a string");
  }
  out.repo.assign(repo);
  if (out.type == AffectedRange::Type::kGit && repo_field.error() != simdjson::SUCCESS) {
    Schema(at, "GIT ranges require a repo");
  }
  auto events = object["events"];
  if (events.error() != simdjson::SUCCESS) {
    Fatal(at, "a range requires events");
    return;
  }
  JsonLocation events_at(at, "events");
  ReadEvents(events_at, events.value_unsafe(), out);
  CheckEvents(events_at, out);
  auto database_specific = object["database_specific"];
  if (database_specific.error() == simdjson::SUCCESS && !database_specific.is_object()) {
    Schema(JsonLocation(at, "database_specific"), "must be an object");
  }
}

void OsvReader::ReadEvents(const JsonLocation& at, dom::element value, AffectedRange& out) {
  dom::array items;
  if (value.get_array().get(items) != simdjson::SUCCESS || items.size() == 0) {
    Fatal(at, "events must be a non-empty array");
    return;
  }
  out.events.reserve(items.size());
  std::size_t index = 0;
  for (dom::element item : items) {
    JsonLocation here(at, index++);
    dom::object event;
    if (item.get_object().get(event) != simdjson::SUCCESS) {
      Fatal(here, "an event must be an object, not " + std::string(JsonTypeName(item)));
      continue;
    }
    int kinds = 0;
    RangeEvent parsed;
    for (auto [key, kind] : {std::pair{"introduced", RangeEvent::Kind::kIntroduced},
                             std::pair{"fixed", RangeEvent::Kind::kFixed},
                             std::pair{"last_affected", RangeEvent::Kind::kLastAffected},
                             std::pair{"limit", RangeEvent::Kind::kLimit}}) {
      auto field = event[key];
      if (field.error() != simdjson::SUCCESS) continue;
      ++kinds;
      std::string_view version;
      if (field.get_string().get(version) != simdjson::SUCCESS) {
        Fatal(JsonLocation(here, key), std::string(key) + " must be a string");
      }
      parsed = RangeEvent{kind, std::string(version)};
    }
    if (kinds != 1) {
      Fatal(here, "an event must have exactly one of introduced, fixed, last_affected, limit");
      continue;
    }
    out.events.push_back(std::move(parsed));
  }
}

void OsvReader::CheckEvents(const JsonLocation& at, const AffectedRange& range) {
  bool introduced = false, fixed = false, last_affected = false;
  std::unordered_map<std::string_view, RangeEvent::Kind> ends;  // fixed, last_affected, limit
  for (std::size_t i = 0; i < range.events.size(); ++i) {
    const auto& event = range.events[i];
    introduced |= event.kind == RangeEvent::Kind::kIntroduced;
    fixed |= event.kind == RangeEvent::Kind::kFixed;
    last_affected |= event.kind == RangeEvent::Kind::kLastAffected;
    if (event.kind != RangeEvent::Kind::kIntroduced) ends.emplace(event.version, event.kind);
    if (range.type == AffectedRange::Type::kGit && !osv_schema::IsGitEventValue(event.version)) {
      Schema(JsonLocation(JsonLocation(at, i), advisory::RangeEventKindName(event.kind)),
             "GIT ranges must use full-length commit hashes, not " + Quoted(event.version));
    }
  }
  for (const auto& event : range.events) {
    if (event.kind != RangeEvent::Kind::kIntroduced) continue;
    auto end = ends.find(event.version);
    if (end != ends.end()) {
      Schema(at, "R0002 range-is-distinct: overlapping event " + Quoted(event.version) +
                     " is both introduced and " + advisory::RangeEventKindName(end->second) +
                     " (osv-linter)");
    }
  }
  if (!range.events.empty() && !introduced) {
    Fatal(at, "R0001: events must contain an introduced event");
  }
  if (fixed && last_affected) {
    Fatal(at, "last_affected and fixed events are mutually exclusive in a range");
  }
}

}  // namespace craft::vuln::import
