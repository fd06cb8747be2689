#include "store/advisory_json.h"

#include <cstdint>
#include <cstring>
#include <iterator>
#include <nlohmann/json.hpp>

#include "core/json_text.h"
#include "store/advisory_json_names.h"

namespace craft::store {
namespace {

using nlohmann::json;
using namespace vuln::advisory;

std::vector<Severity> SeverityFrom(const json& list) {
  std::vector<Severity> out;
  for (const json& j : list) {
    Severity s;
    const std::string type = j.value("type", "");
    for (std::size_t i = 0; i < std::size(kSeverityTypeNames); ++i) {
      if (type == kSeverityTypeNames[i]) s.type = static_cast<SeverityType>(i);
    }
    s.score = j.value("score", "");
    if (j.contains("stated_base_score")) s.stated_base_score = j["stated_base_score"].get<double>();
    s.source = j.value("source", "");
    s.primary = j.value("primary", false);
    out.push_back(std::move(s));
  }
  return out;
}

Affected AffectedFrom(const json& j) {
  Affected a;
  const json& p = j.at("package");
  a.package = {p.value("ecosystem", ""), p.value("name", ""), p.value("normalized_name", ""),
               p.value("purl", "")};
  for (const json& r : j.at("ranges")) {
    AffectedRange range;
    const std::string type = r.value("type", "");
    for (std::size_t i = 0; i < std::size(kRangeTypeNames); ++i) {
      if (type == kRangeTypeNames[i]) range.type = static_cast<AffectedRange::Type>(i);
    }
    range.repo = r.value("repo", "");
    for (const json& e : r.at("events")) {
      for (std::size_t i = 0; i < kRangeEventKindCount; ++i) {
        if (e.contains(RangeEventKindName(i))) {
          range.events.push_back(
              {static_cast<RangeEvent::Kind>(i), e[RangeEventKindName(i)].get<std::string>()});
        }
      }
    }
    a.ranges.push_back(std::move(range));
  }
  a.versions = j.value("versions", std::vector<std::string>{});
  a.severity = SeverityFrom(j.value("severity", json::array()));
  a.database_specific_severity = j.value("database_specific_severity", "");
  a.ecosystem_specific_severity = j.value("ecosystem_specific_severity", "");
  return a;
}

CpeMatch CpeMatchFrom(const json& j) {
  return {j.value("criteria", ""), j.value("vulnerable", false), j.value("vsi", ""),
          j.value("vse", ""),      j.value("vei", ""),           j.value("vee", ""),
          j.value("id", "")};
}

std::vector<CpeConfiguration> ConfigurationsFrom(const json& list) {
  std::vector<CpeConfiguration> out;
  for (const json& c : list) {
    CpeConfiguration configuration;
    configuration.op = c.value("and", false) ? CpeOperator::kAnd : CpeOperator::kOr;
    configuration.negate = c.value("negate", false);
    for (const json& n : c.at("nodes")) {
      CpeNode node;
      node.op = n.value("and", false) ? CpeOperator::kAnd : CpeOperator::kOr;
      node.negate = n.value("negate", false);
      for (const json& m : n.at("cpe_match")) node.cpe_match.push_back(CpeMatchFrom(m));
      configuration.nodes.push_back(std::move(node));
    }
    out.push_back(std::move(configuration));
  }
  return out;
}

// --- writing: JSON text appended directly, byte for byte what nlohmann's dump() of the same
// record as a json tree gives (keys sorted, no spaces, its escapes), without building the tree.

// The length of the start of `s` that JSON copies as it is: up to the first control character,
// '"', '\\' or byte >= 0x80. Eight bytes at a time (bit tricks on a 64-bit word).
std::size_t PlainPrefix(std::string_view s) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ull;
  constexpr std::uint64_t kHigh = 0x8080808080808080ull;
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    const std::uint64_t quote = w ^ (kOnes * '"');
    const std::uint64_t backslash = w ^ (kOnes * '\\');
    // The high bit of a byte survives when the byte is below 0x20, is '"' or '\\' (zero after
    // the XOR), or has its high bit set. A borrow may flag a later byte too: the loop below
    // decides exactly.
    if ((((w - kOnes * 0x20) & ~w) | ((quote - kOnes) & ~quote) |
         ((backslash - kOnes) & ~backslash) | w) &
        kHigh) {
      break;
    }
  }
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) break;
    ++i;
  }
  return i;
}

void AppendString(std::string& out, std::string_view s) {
  const std::size_t plain = PlainPrefix(s);
  if (plain == s.size()) {  // nearly every string
    out += '"';
    out.append(s);
    out += '"';
    return;
  }
  bool ascii = true;
  for (const char ch : s.substr(plain)) ascii = ascii && static_cast<unsigned char>(ch) < 0x80;
  // Rare: let nlohmann replace the bytes that are not UTF-8, as it always did.
  if (!ascii && !core::IsUtf8(s)) {
    out += json(s).dump(-1, ' ', false, json::error_handler_t::replace);
    return;
  }
  core::AppendJsonString(out, s);
}

// One JSON object being written; the caller names the fields in sorted order, as nlohmann's
// std::map keeps them.
class ObjectText {
 public:
  explicit ObjectText(std::string& out) : out_(out) { out_ += '{'; }
  // Appends `"key":` and returns the text for the value to follow.
  std::string& Field(std::string_view key) {
    if (!first_) out_ += ',';
    first_ = false;
    out_ += '"';
    out_ += key;
    out_ += "\":";
    return out_;
  }
  void String(std::string_view key, std::string_view value) { AppendString(Field(key), value); }
  void Bool(std::string_view key, bool value) { Field(key) += value ? "true" : "false"; }
  void Strings(std::string_view key, const std::vector<std::string>& list) {
    std::string& out = Field(key);
    out += '[';
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (i > 0) out += ',';
      AppendString(out, list[i]);
    }
    out += ']';
  }
  void End() { out_ += '}'; }

 private:
  std::string& out_;
  bool first_ = true;
};

// Writes `[item, ...]` with `write(out, item)` for each item.
template <typename List, typename Write>
void AppendArray(std::string& out, const List& list, Write write) {
  out += '[';
  bool first = true;
  for (const auto& item : list) {
    if (!first) out += ',';
    first = false;
    write(out, item);
  }
  out += ']';
}

void AppendSeverity(std::string& out, const Severity& s) {
  ObjectText o(out);
  if (s.primary) o.Bool("primary", true);
  o.String("score", s.score);
  if (!s.source.empty()) o.String("source", s.source);
  if (s.stated_base_score) o.Field("stated_base_score") += json(*s.stated_base_score).dump();
  o.String("type", kSeverityTypeNames[static_cast<int>(s.type)]);
  o.End();
}

void AppendRange(std::string& out, const AffectedRange& r) {
  ObjectText o(out);
  AppendArray(o.Field("events"), r.events, [](std::string& text, const RangeEvent& e) {
    ObjectText event(text);
    event.String(vuln::advisory::RangeEventKindName(e.kind), e.version);
    event.End();
  });
  if (!r.repo.empty()) o.String("repo", r.repo);
  o.String("type", kRangeTypeNames[static_cast<int>(r.type)]);
  o.End();
}

void AppendAffected(std::string& out, const Affected& a) {
  ObjectText o(out);
  o.String("database_specific_severity", a.database_specific_severity);
  o.String("ecosystem_specific_severity", a.ecosystem_specific_severity);
  ObjectText package(o.Field("package"));
  package.String("ecosystem", a.package.ecosystem);
  package.String("name", a.package.name);
  package.String("normalized_name", a.package.normalized_name);
  package.String("purl", a.package.purl);
  package.End();
  AppendArray(o.Field("ranges"), a.ranges, AppendRange);
  AppendArray(o.Field("severity"), a.severity, AppendSeverity);
  o.Strings("versions", a.versions);
  o.End();
}

void AppendReference(std::string& out, const Reference& r) {
  ObjectText o(out);
  if (!r.tags.empty()) o.Strings("tags", r.tags);
  o.String("type", r.type);
  o.String("url", r.url);
  o.End();
}

void AppendCpeMatch(std::string& out, const CpeMatch& m) {
  ObjectText o(out);
  o.String("criteria", m.criteria);
  o.String("id", m.match_criteria_id);
  o.String("vee", m.version_end_excluding);
  o.String("vei", m.version_end_including);
  o.String("vse", m.version_start_excluding);
  o.String("vsi", m.version_start_including);
  o.Bool("vulnerable", m.vulnerable);
  o.End();
}

void AppendConfiguration(std::string& out, const CpeConfiguration& c) {
  ObjectText o(out);
  o.Bool("and", c.op == CpeOperator::kAnd);
  o.Bool("negate", c.negate);
  AppendArray(o.Field("nodes"), c.nodes, [](std::string& text, const CpeNode& n) {
    ObjectText node(text);
    node.Bool("and", n.op == CpeOperator::kAnd);
    AppendArray(node.Field("cpe_match"), n.cpe_match, AppendCpeMatch);
    node.Bool("negate", n.negate);
    node.End();
  });
  o.End();
}

}  // namespace

std::string AdvisoryToJson(const Advisory& a) {
  std::string out;
  out.reserve(1024 + a.details.size());
  ObjectText o(out);
  AppendArray(o.Field("affected"), a.affected, AppendAffected);
  o.Strings("aliases", a.aliases);
  if (!a.configurations.empty()) {
    AppendArray(o.Field("configurations"), a.configurations, AppendConfiguration);
  }
  o.Strings("cwe_ids", a.cwe_ids);
  o.String("database_specific_severity", a.database_specific_severity);
  o.String("details", a.details);
  o.String("id", a.id);
  o.String("modified", a.modified);
  if (!a.nvd_vuln_status.empty()) o.String("nvd_vuln_status", a.nvd_vuln_status);
  o.String("published", a.published);
  AppendArray(o.Field("references"), a.references, AppendReference);
  o.Strings("related", a.related);
  o.String("schema_version", a.schema_version);
  AppendArray(o.Field("severity"), a.severity, AppendSeverity);
  o.String("source", vuln::advisory::SourceName(a.source));
  o.String("summary", a.summary);
  o.Strings("upstream", a.upstream);
  o.String("withdrawn", a.withdrawn);
  o.End();
  return out;
}

std::optional<Advisory> AdvisoryFromJson(std::string_view text) {
  const json j = json::parse(text, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  try {
    Advisory a;
    a.source = j.value("source", "osv") == vuln::advisory::SourceName(Source::kNvd) ? Source::kNvd
                                                                                    : Source::kOsv;
    a.id = j.at("id").get<std::string>();
    a.schema_version = j.value("schema_version", "");
    a.aliases = j.value("aliases", std::vector<std::string>{});
    a.related = j.value("related", std::vector<std::string>{});
    a.upstream = j.value("upstream", std::vector<std::string>{});
    a.modified = j.value("modified", "");
    a.published = j.value("published", "");
    a.withdrawn = j.value("withdrawn", "");
    a.summary = j.value("summary", "");
    a.details = j.value("details", "");
    a.severity = SeverityFrom(j.value("severity", json::array()));
    a.cwe_ids = j.value("cwe_ids", std::vector<std::string>{});
    a.database_specific_severity = j.value("database_specific_severity", "");
    for (const json& r : j.value("references", json::array())) {
      a.references.push_back(
          {r.value("type", ""), r.value("url", ""), r.value("tags", std::vector<std::string>{})});
    }
    for (const json& entry : j.value("affected", json::array())) {
      a.affected.push_back(AffectedFrom(entry));
    }
    a.configurations = ConfigurationsFrom(j.value("configurations", json::array()));
    a.nvd_vuln_status = j.value("nvd_vuln_status", "");
    return a;
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

}  // namespace craft::store
