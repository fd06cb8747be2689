#include "store/advisory_json_reader.h"

#include <simdjson.h>

#include <cstring>
#include <memory>

#include "store/advisory_json_names.h"

namespace craft::store {
namespace {

namespace dom = simdjson::dom;
using namespace vuln::advisory;

// A value of a type AdvisoryFromJson does not accept (nlohmann throws there too); caught once at
// the top.
struct Refused {};

void Check(simdjson::error_code error) {
  if (error != simdjson::SUCCESS) throw Refused{};
}

// The rules below are nlohmann's, field by field: get<std::string> takes only a string,
// get<bool> only a boolean, get<double> any number, get<std::vector<std::string>>
// only an array of strings; value() and at() only work on an object.
std::string_view View(dom::element e) {
  std::string_view s;
  Check(e.get_string().get(s));
  return s;
}

std::string String(dom::element e) { return std::string(View(e)); }

bool Bool(dom::element e) {
  bool b = false;
  Check(e.get_bool().get(b));
  return b;
}

double Number(dom::element e) {
  double d = 0;
  Check(e.get_double().get(d));
  return d;
}

std::vector<std::string> Strings(dom::element e) {
  dom::array list;
  Check(e.get_array().get(list));
  std::vector<std::string> out;
  out.reserve(list.size());
  for (dom::element item : list) out.push_back(String(item));
  return out;
}

dom::object Object(dom::element e) {
  dom::object o;
  Check(e.get_object().get(o));
  return o;
}

// What a range-for over a nlohmann value visits: nothing for null, the items of an array, the
// values of an object, the value itself otherwise.
template <typename Visit>
void ForEach(dom::element e, Visit visit) {
  dom::array list;
  dom::object object;
  if (e.type() == dom::element_type::NULL_VALUE) return;
  if (e.get_array().get(list) == simdjson::SUCCESS) {
    for (dom::element item : list) visit(item);
  } else if (e.get_object().get(object) == simdjson::SUCCESS) {
    for (dom::key_value_pair field : object) visit(field.value);
  } else {
    visit(e);
  }
}

template <typename Enum, std::size_t N>
Enum Named(std::string_view name, const char* const (&names)[N], Enum fallback) {
  for (std::size_t i = 0; i < N; ++i) {
    if (name == names[i]) return static_cast<Enum>(i);
  }
  return fallback;
}

std::vector<Severity> SeverityFrom(dom::element list) {
  std::vector<Severity> out;
  ForEach(list, [&](dom::element item) {
    Severity s;
    s.type = SeverityType::kCvssV3;  // what AdvisoryFromJson leaves for an unknown type
    for (dom::key_value_pair f : Object(item)) {
      if (f.key == "type") {
        s.type = Named(View(f.value), kSeverityTypeNames, SeverityType::kCvssV3);
      } else if (f.key == "score") {
        s.score = String(f.value);
      } else if (f.key == "stated_base_score") {
        s.stated_base_score = Number(f.value);
      } else if (f.key == "source") {
        s.source = String(f.value);
      } else if (f.key == "primary") {
        s.primary = Bool(f.value);
      }
    }
    out.push_back(std::move(s));
  });
  return out;
}

std::vector<RangeEvent> EventsFrom(dom::element list) {
  std::vector<RangeEvent> out;
  ForEach(list, [&](dom::element item) {
    dom::object event;
    if (item.get_object().get(event) != simdjson::SUCCESS) return;  // contains() is false
    for (std::size_t i = 0; i < kRangeEventKindCount; ++i) {
      dom::element version;
      if (event.at_key(RangeEventKindName(i)).get(version) == simdjson::SUCCESS) {
        out.push_back({static_cast<RangeEvent::Kind>(i), String(version)});
      }
    }
  });
  return out;
}

AffectedRange RangeFrom(dom::element item) {
  AffectedRange range;
  bool has_events = false;
  for (dom::key_value_pair f : Object(item)) {
    if (f.key == "type") {
      range.type = Named(View(f.value), kRangeTypeNames, AffectedRange::Type::kEcosystem);
    } else if (f.key == "repo") {
      range.repo = String(f.value);
    } else if (f.key == "events") {
      range.events = EventsFrom(f.value);
      has_events = true;
    }
  }
  if (!has_events) throw Refused{};
  return range;
}

Package PackageFrom(dom::element item) {
  Package p;
  for (dom::key_value_pair f : Object(item)) {
    if (f.key == "ecosystem") {
      p.ecosystem = String(f.value);
    } else if (f.key == "name") {
      p.name = String(f.value);
    } else if (f.key == "normalized_name") {
      p.normalized_name = String(f.value);
    } else if (f.key == "purl") {
      p.purl = String(f.value);
    }
  }
  return p;
}

Affected AffectedFrom(dom::element item) {
  Affected a;
  bool has_package = false, has_ranges = false;
  for (dom::key_value_pair f : Object(item)) {
    if (f.key == "package") {
      a.package = PackageFrom(f.value);
      has_package = true;
    } else if (f.key == "ranges") {
      a.ranges.clear();
      ForEach(f.value, [&](dom::element r) { a.ranges.push_back(RangeFrom(r)); });
      has_ranges = true;
    } else if (f.key == "versions") {
      a.versions = Strings(f.value);
    } else if (f.key == "severity") {
      a.severity = SeverityFrom(f.value);
    } else if (f.key == "database_specific_severity") {
      a.database_specific_severity = String(f.value);
    } else if (f.key == "ecosystem_specific_severity") {
      a.ecosystem_specific_severity = String(f.value);
    }
  }
  if (!has_package || !has_ranges) throw Refused{};
  return a;
}

CpeMatch CpeMatchFrom(dom::element item) {
  CpeMatch m;
  for (dom::key_value_pair f : Object(item)) {
    if (f.key == "criteria") {
      m.criteria = String(f.value);
    } else if (f.key == "vulnerable") {
      m.vulnerable = Bool(f.value);
    } else if (f.key == "vsi") {
      m.version_start_including = String(f.value);
    } else if (f.key == "vse") {
      m.version_start_excluding = String(f.value);
    } else if (f.key == "vei") {
      m.version_end_including = String(f.value);
    } else if (f.key == "vee") {
      m.version_end_excluding = String(f.value);
    } else if (f.key == "id") {
      m.match_criteria_id = String(f.value);
    }
  }
  return m;
}

CpeNode NodeFrom(dom::element item) {
  CpeNode node;
  bool has_matches = false;
  for (dom::key_value_pair f : Object(item)) {
    if (f.key == "and") {
      node.op = Bool(f.value) ? CpeOperator::kAnd : CpeOperator::kOr;
    } else if (f.key == "negate") {
      node.negate = Bool(f.value);
    } else if (f.key == "cpe_match") {
      node.cpe_match.clear();
      ForEach(f.value, [&](dom::element m) { node.cpe_match.push_back(CpeMatchFrom(m)); });
      has_matches = true;
    }
  }
  if (!has_matches) throw Refused{};
  return node;
}

CpeConfiguration ConfigurationFrom(dom::element item) {
  CpeConfiguration configuration;
  bool has_nodes = false;
  for (dom::key_value_pair f : Object(item)) {
    if (f.key == "and") {
      configuration.op = Bool(f.value) ? CpeOperator::kAnd : CpeOperator::kOr;
    } else if (f.key == "negate") {
      configuration.negate = Bool(f.value);
    } else if (f.key == "nodes") {
      configuration.nodes.clear();
      ForEach(f.value, [&](dom::element n) { configuration.nodes.push_back(NodeFrom(n)); });
      has_nodes = true;
    }
  }
  if (!has_nodes) throw Refused{};
  return configuration;
}

Reference ReferenceFrom(dom::element item) {
  Reference r;
  for (dom::key_value_pair f : Object(item)) {
    if (f.key == "type") {
      r.type = String(f.value);
    } else if (f.key == "url") {
      r.url = String(f.value);
    } else if (f.key == "tags") {
      r.tags = Strings(f.value);
    }
  }
  return r;
}

// The fields that are lists of objects; false when `f` is none of them.
bool ReadList(dom::key_value_pair f, Advisory& a) {
  if (f.key == "affected") {
    a.affected.clear();
    ForEach(f.value, [&](dom::element e) { a.affected.push_back(AffectedFrom(e)); });
  } else if (f.key == "references") {
    a.references.clear();
    ForEach(f.value, [&](dom::element e) { a.references.push_back(ReferenceFrom(e)); });
  } else if (f.key == "configurations") {
    a.configurations.clear();
    ForEach(f.value, [&](dom::element e) { a.configurations.push_back(ConfigurationFrom(e)); });
  } else if (f.key == "severity") {
    a.severity = SeverityFrom(f.value);
  } else {
    return false;
  }
  return true;
}

// The string and string-list fields; false when `f` is none of them.
bool ReadText(dom::key_value_pair f, Advisory& a) {
  struct Text {
    const char* key;
    std::string Advisory::*field;
  };
  static const Text kTexts[] = {
      {"id", &Advisory::id},
      {"schema_version", &Advisory::schema_version},
      {"modified", &Advisory::modified},
      {"published", &Advisory::published},
      {"withdrawn", &Advisory::withdrawn},
      {"summary", &Advisory::summary},
      {"details", &Advisory::details},
      {"database_specific_severity", &Advisory::database_specific_severity},
      {"nvd_vuln_status", &Advisory::nvd_vuln_status}};
  struct List {
    const char* key;
    std::vector<std::string> Advisory::*field;
  };
  static const List kLists[] = {{"aliases", &Advisory::aliases},
                                {"related", &Advisory::related},
                                {"upstream", &Advisory::upstream},
                                {"cwe_ids", &Advisory::cwe_ids}};
  for (const Text& t : kTexts) {
    if (f.key == t.key) {
      a.*t.field = String(f.value);
      return true;
    }
  }
  for (const List& l : kLists) {
    if (f.key == l.key) {
      a.*l.field = Strings(f.value);
      return true;
    }
  }
  return false;
}

Advisory AdvisoryFrom(dom::object root) {
  Advisory a;
  bool has_id = false;
  for (dom::key_value_pair f : root) {
    if (f.key == "source") {
      a.source =
          View(f.value) == vuln::advisory::SourceName(Source::kNvd) ? Source::kNvd : Source::kOsv;
    } else if (ReadText(f, a)) {
      has_id = has_id || f.key == "id";
    } else {
      ReadList(f, a);
    }
  }
  if (!has_id) throw Refused{};
  return a;
}

}  // namespace

std::size_t AdvisoryJsonPadding() { return simdjson::SIMDJSON_PADDING; }

std::optional<Advisory> ReadAdvisoryJsonPadded(std::string_view text) {
  thread_local std::unique_ptr<dom::parser> parser = std::make_unique<dom::parser>();
  dom::element root;
  if (parser->parse(text.data(), text.size(), false).get(root) != simdjson::SUCCESS) {
    return std::nullopt;
  }
  dom::object object;
  if (root.get_object().get(object) != simdjson::SUCCESS) return std::nullopt;
  try {
    return AdvisoryFrom(object);
  } catch (const Refused&) {
    return std::nullopt;
  }
}

std::optional<Advisory> ReadAdvisoryJson(std::string_view text) {
  const simdjson::padded_string padded(text);
  return ReadAdvisoryJsonPadded(std::string_view(padded.data(), padded.size()));
}

}  // namespace craft::store
