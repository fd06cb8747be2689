// CheckResultJsonText: the text of CheckResultJson(...).dump(2), written straight into a string.
// The JSON tree of a 100,000-component SBOM's report holds a million strings (the profile's
// failing lists); building it and then dumping it took longer than reading the SBOM.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/json_text.h"
#include "sbom/check.h"
#include "sbom/quality/ntia.h"
#include "sbom/quality/tr03183.h"

namespace craft::sbom {
namespace {

// `text` as a JSON string, escaped as nlohmann's dump() escapes it (ensure_ascii off); throws its
// type_error for text that is not UTF-8.
void AppendQuoted(std::string& out, std::string_view text) {
  if (!core::IsUtf8(text)) (void)nlohmann::json(std::string(text)).dump();  // throws type_error 316
  core::AppendJsonString(out, text);
}

// What nlohmann's dump() writes (ensure_ascii off), and writes nothing itself, for a string
// nlohmann would refuse: dumping it alone throws the same type_error.
class PrettyJson {
 public:
  explicit PrettyJson(std::string& out) : out_(out) {}

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }

  // The key of the next member of the current object.
  void Key(std::string_view key) {
    Next();
    Quoted(key);
    out_ += ": ";
    keyed_ = true;
  }

  void String(std::string_view text) {
    Element();
    Quoted(text);
  }
  // A string already quoted by AppendQuoted.
  void QuotedString(std::string_view quoted) {
    Element();
    out_ += quoted;
  }

  void Bool(bool value) {
    Element();
    out_ += value ? "true" : "false";
  }
  void Unsigned(std::uint64_t value) {
    Element();
    out_ += std::to_string(value);
  }
  void Double(double value) {
    Element();
    out_ += nlohmann::json(value).dump();
  }

 private:
  void Quoted(std::string_view text) { AppendQuoted(out_, text); }

  // Before a value: in an array, the separator and indentation; after a key, nothing.
  void Element() {
    if (keyed_) {
      keyed_ = false;
      return;
    }
    if (!levels_.empty()) Next();
  }
  void Next() {
    out_ += levels_.back() ? "\n" : ",\n";
    levels_.back() = false;
    out_.append(2 * levels_.size(), ' ');
  }
  void Open(char bracket) {
    Element();
    out_ += bracket;
    levels_.push_back(true);
  }
  void Close(char bracket) {
    const bool empty = levels_.back();
    levels_.pop_back();
    if (!empty) {
      out_ += '\n';
      out_.append(2 * levels_.size(), ' ');
    }
    out_ += bracket;
  }

  std::string& out_;
  std::vector<bool> levels_;  // per open level: nothing written in it yet
  bool keyed_ = false;
};

// The names of failing components (quality::FailingLabel), each quoted once, on first use. A
// component that fails one check mostly fails several, and its name lies beside its other fields:
// reading and escaping it anew for each check cost a cache miss each time (a tenth of `sbom check`
// on 100,000 components).
class QuotedLabels {
 public:
  explicit QuotedLabels(const Document& doc) : doc_(doc), at_(doc.components.size()) {}

  std::string_view Of(std::size_t failing) {
    if (failing == quality::kMetadataComponent) return "\"metadata.component\"";
    Span& span = at_[failing];
    if (span.length == 0) {  // not quoted yet: a quoted text is never empty
      span.offset = text_.size();
      AppendQuoted(text_, quality::FailingLabel(doc_, failing, scratch_));
      span.length = text_.size() - span.offset;
    }
    return std::string_view(text_).substr(span.offset, span.length);
  }

 private:
  struct Span {
    std::size_t offset = 0, length = 0;
  };
  const Document& doc_;
  std::vector<Span> at_;  // per component: where its quoted name is in text_
  std::string text_;
  std::string scratch_;
};

void WriteDiagnostics(PrettyJson& json, const std::vector<Diagnostic>& all,
                      Diagnostic::Severity severity) {
  json.BeginArray();
  for (const Diagnostic& d : all) {
    if (d.severity != severity) continue;
    json.BeginObject();
    json.Key("location");
    json.String(d.location);
    json.Key("message");
    json.String(d.message);
    json.EndObject();
  }
  json.EndArray();
}

// One check, with "additional" when `additional` is set (TR-03183-2 fields).
void WriteCheck(PrettyJson& json, QuotedLabels& labels, const quality::Check& check,
                const bool* additional) {
  json.BeginObject();
  if (additional != nullptr) {
    json.Key("additional");
    json.Bool(*additional);
  }
  json.Key("failing");
  json.BeginArray();
  for (std::size_t failing : check.failing) json.QuotedString(labels.Of(failing));
  json.EndArray();
  json.Key("outcome");
  json.String(quality::OutcomeName(check.outcome));
  json.Key("reason");
  json.String(check.reason);
  json.EndObject();
}

void WriteReport(PrettyJson& json, const Document& doc, Profile profile) {
  const ProfileReport report = JudgeProfile(doc, profile);
  QuotedLabels labels(doc);
  json.BeginObject();
  json.Key("checks");
  json.BeginObject();
  for (const ProfileReport::Entry& e : report.checks) {
    json.Key(e.name);
    WriteCheck(json, labels, e.check, e.additional ? &*e.additional : nullptr);
  }
  json.EndObject();
  json.Key("conforms");
  json.Bool(report.conforms);
  json.Key("profile");
  json.String(ProfileName(profile));
  json.EndObject();
}

void WriteSummary(PrettyJson& json, const ComponentSummary& summary) {
  json.BeginObject();
  json.Key("by_type");
  json.BeginObject();
  for (const auto& [type, count] : summary.by_type) {
    json.Key(type);
    json.Unsigned(count);
  }
  json.EndObject();
  json.Key("direct");
  json.Unsigned(summary.direct);
  json.Key("duplicates");
  json.Unsigned(summary.duplicates);
  json.Key("license_coverage_pct");
  json.Double(summary.license_coverage_pct);
  json.Key("total");
  json.Unsigned(summary.total);
  json.Key("transitive");
  json.Unsigned(summary.transitive);
  json.Key("unreachable");
  json.Unsigned(summary.unreachable);
  json.EndObject();
}

// The members of the answer, in the order of its keys; without a document only errors, valid
// and warnings.
void WriteResult(PrettyJson& json, const CheckResult& result, std::optional<Profile> profile) {
  const Document* doc = result.document ? &*result.document : nullptr;
  const ComponentSummary& summary = result.summary;
  json.BeginObject();
  if (doc != nullptr) {
    json.Key("component_count");
    json.Unsigned(summary.total);
  }
  json.Key("errors");
  WriteDiagnostics(json, result.diagnostics, Diagnostic::Severity::kError);
  if (doc != nullptr) {
    json.Key("format");
    json.String(FormatName(doc->format));
    json.Key("grade");
    json.String(std::string(1, result.score.grade));
    json.Key("purl_coverage_pct");
    json.Double(summary.purl_coverage_pct);
    json.Key("quality_score");
    json.Double(result.score.score);
    if (profile) {
      json.Key("report");
      WriteReport(json, *doc, *profile);
    }
    json.Key("spec_version");
    json.String(doc->spec_version);
    json.Key("summary");
    WriteSummary(json, summary);
  }
  json.Key("valid");
  json.Bool(result.valid);
  if (doc != nullptr) {
    json.Key("versionless_count");
    json.Unsigned(summary.versionless);
  }
  json.Key("warnings");
  WriteDiagnostics(json, result.diagnostics, Diagnostic::Severity::kWarning);
  json.EndObject();
}

}  // namespace

std::string CheckResultJsonText(const CheckResult& result, std::optional<Profile> profile) {
  std::string out;
  // Room for a report in which every component fails ten checks (some 45 bytes per line of a
  // failing list), reserved, not written: pages never written are never in memory, and the text
  // is not copied from block to block as it grows (40 MB for 100,000 components).
  if (profile && result.document) out.reserve(4096 + 512 * result.document->components.size());
  PrettyJson json(out);
  WriteResult(json, result, profile);
  return out;
}

}  // namespace craft::sbom
