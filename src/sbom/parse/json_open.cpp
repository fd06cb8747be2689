// parse::ReadJson: open JSON input, tell its format from the top-level keys and read it, from
// simdjson's DOM when the DOM accepts the input, else On-Demand (see json_reader.h).
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>

#include "sbom/bytes.h"
#include "sbom/parse/formats.h"
#include "sbom/parse/json_dom.h"
#include "sbom/parse/json_reader.h"

namespace craft::sbom::parse::json {
namespace {

enum class JsonKind {
  kCycloneDx,
  kSpdx2,
  kSpdx3,
  kNotAnSbom,  // recognised as something else: `detail` says what
};

// The top-level keys that tell formats apart.
struct TopLevelKeys {
  bool bom_format = false, spdx_version = false, graph = false, spec_version = false;
  std::string context, bom_format_value;
  bool license_list = false, schema = false, csaf = false, spdx21 = false;
};

// Notes one top-level field; true when the format is certain and no more need be looked at.
template <class Json>
bool NoteKey(TopLevelKeys& k, std::string_view key, typename Json::Value v,
             JsonReader<Json>& reader) {
  if (key == "bomFormat") {
    k.bom_format = true;
    k.bom_format_value = reader.String(v);
    return k.bom_format_value == "CycloneDX";
  }
  if (key == "spdxVersion") {
    k.spdx_version = true;
    return true;
  }
  if (key == "@context") {
    k.context = reader.Type(v) == JsonType::kString ? reader.String(v) : "array";
  } else if (key == "@graph") {
    k.graph = true;
  } else if (key == "specVersion") {
    k.spec_version = true;
  } else if (key == "licenseListVersion") {
    k.license_list = true;
  } else if (key == "definitions" || key == "$defs" || key == "properties") {
    k.schema = true;
  } else if (key == "document") {
    k.csaf = true;
  } else if (key == "Document") {
    k.spdx21 = true;
  }
  return false;
}

JsonKind Conclude(const TopLevelKeys& k, std::string& detail) {
  detail = k.bom_format_value;
  if (k.bom_format || (k.spec_version && k.context.empty() && !k.graph)) {
    return JsonKind::kCycloneDx;
  }
  if (k.spdx_version) return JsonKind::kSpdx2;
  if (k.context.find("openvex") != std::string::npos) {
    detail = "this is an OpenVEX document, not an SBOM";
  } else if (k.graph || k.context.find("spdx") != std::string::npos || k.context == "array") {
    return JsonKind::kSpdx3;
  } else if (k.license_list) {
    detail = "this is the SPDX licence list (licenseListVersion), not an SBOM";
  } else if (k.csaf) {
    detail = "this looks like a CSAF advisory (a top-level \"document\"), not an SBOM";
  } else if (k.spdx21) {
    detail =
        "this is SPDX 2.1-era JSON (a top-level \"Document\" wrapper); craft reads SPDX 2.2 "
        "and 2.3 JSON";
  } else if (k.schema) {
    detail = "this looks like a JSON schema, not an SBOM";
  } else {
    detail =
        "this JSON document is not an SBOM: it has no bomFormat (CycloneDX), spdxVersion "
        "(SPDX 2) or @context (SPDX 3) at the top level";
  }
  return JsonKind::kNotAnSbom;
}

// What the top-level keys say the document is. For a document that is not an SBOM, `detail`
// receives a sentence saying what it is instead.
template <class Json>
JsonKind Detect(typename Json::Root& doc, JsonReader<Json>& reader, std::string& detail) {
  TopLevelKeys keys;
  if constexpr (std::is_same_v<Json, Dom>) {
    const simdjson::dom::object object = doc.get_object().value_unsafe();
    for (const simdjson::dom::key_value_pair field : object) {
      if (NoteKey(keys, field.key, field.value, reader)) break;
    }
  } else {
    for (ondemand::field field : doc.get_object()) {
      std::string_view key = field.unescaped_key();
      if (NoteKey(keys, key, field.value(), reader)) break;
    }
  }
  return Conclude(keys, detail);
}

template <class Json>
bool RootIsObject(typename Json::Root& doc) {
  if constexpr (std::is_same_v<Json, Dom>) {
    return doc.type() == simdjson::dom::element_type::OBJECT;
  } else {
    return doc.type() == ondemand::json_type::object;
  }
}

// Reads the opened document into out.value (unless a limit refuses it). `may_let_go`, when set,
// is asked before CycloneDX JSON is read from a DOM whether the reader may let its strings go.
template <class Json>
void ReadDocument(typename Json::Root& doc, JsonReader<Json>& reader, Parsed<Document>& out,
                  const std::function<bool()>& may_let_go = {}) {
  if (!RootIsObject<Json>(doc)) {
    reader.Error("the JSON document is not an object, so it is not an SBOM");
    return;
  }
  std::string detail;
  JsonKind kind = Detect(doc, reader, detail);
  if constexpr (std::is_same_v<Json, OnDemand>) doc.rewind();
  Document document;
  switch (kind) {
    case JsonKind::kCycloneDx:
      if (detail != "CycloneDX")
        reader.Warn("bomFormat is \"" + detail + "\", expected \"CycloneDX\"");
      if (may_let_go && may_let_go()) reader.LetGoOfStringsBehind();
      ReadCycloneDxJson(doc, reader, document);
      break;
    case JsonKind::kSpdx2:
      ReadSpdxJson(doc, reader, document);
      break;
    case JsonKind::kSpdx3:
      ReadSpdx3JsonLd(doc, reader, document);
      break;
    case JsonKind::kNotAnSbom:
      reader.Error(detail);
      return;
  }
  // Over a limit the input is refused whole, not truncated.
  if (!reader.OverComponentLimit()) out.value = std::move(document);
}

// One parser of each API is kept between calls, so that repeated parses reuse its buffers instead
// of faulting fresh memory in (measured: about a third of the time on a 46 MB SBOM). A caller
// that finds it busy, or input too large to keep buffers for, gets a parser of its own.
constexpr std::size_t kKeepBuffersUpTo = std::size_t{64} * 1024 * 1024;

// Parses `input` into a DOM at most `max_depth` levels deep (the root is level 1, as in
// CheckJsonNesting); null when simdjson refuses it.
std::unique_ptr<JsonDom> OpenDom(simdjson::padded_string_view input, std::size_t max_depth) {
  static std::mutex shared_mutex;
  static simdjson::dom::parser shared_parser;
  auto dom = std::make_unique<JsonDom>();
  dom->lock = std::unique_lock(shared_mutex, std::defer_lock);
  simdjson::dom::parser* parser = &shared_parser;
  if (input.size() > kKeepBuffersUpTo || !dom->lock.try_lock()) parser = &dom->own.emplace();
  if (parser->capacity() < input.size() || parser->max_depth() != max_depth) {
    if (parser->allocate(std::max(parser->capacity(), input.size()), max_depth)) return nullptr;
  }
  if (parser->parse(input.data(), input.size(), false).get(dom->root)) return nullptr;
  // A parser of its own is not parsed with again: its index of the input (4 bytes per JSON
  // token) can go now, the document stays.
  if (dom->own) dom->own->implementation.reset();
  return dom;
}

// The On-Demand reading, after the nesting pre-check: where the DOM refused the input, or a
// diagnostic needs the text as written.
void ReadOnDemand(std::string_view bytes, simdjson::padded_string_view input, const Limits& limits,
                  Parsed<Document>& out) {
  if (auto nesting = CheckJsonNesting(bytes, limits.max_depth)) {
    out.diagnostics.push_back(std::move(*nesting));
    return;
  }
  static std::mutex shared_mutex;
  static ondemand::parser shared_parser;
  std::unique_lock lock(shared_mutex, std::defer_lock);
  std::optional<ondemand::parser> own;
  ondemand::parser* parser = &shared_parser;
  if (bytes.size() > kKeepBuffersUpTo || !lock.try_lock()) parser = &own.emplace();
  JsonReader<OnDemand> reader(std::string_view(input.data(), input.size()), limits,
                              out.diagnostics);
  ondemand::document doc;
  if (auto error = parser->iterate(input).get(doc)) {
    const std::size_t bad = error == simdjson::UTF8_ERROR ? FirstInvalidUtf8(bytes) : bytes.npos;
    if (bad != bytes.npos) {
      out.diagnostics.push_back({Diagnostic::Severity::kError, LineColumn(bytes, bad),
                                 "malformed JSON: this byte is not valid UTF-8"});
    } else {
      reader.Error(std::string("malformed JSON: ") + simdjson::error_message(error));
    }
    return;
  }
  if (!Guarded(reader, doc, [&] { ReadDocument(doc, reader, out); })) out.value.reset();
}

// The input with simdjson::SIMDJSON_PADDING readable bytes after it. simdjson reads up to that many
// bytes past the end. When those bytes lie on the page of the last input byte, reading them cannot
// fault and the input is used as it is; otherwise (and under AddressSanitizer, which would rightly
// flag the over-read) it is copied.
struct PaddedInput {
  explicit PaddedInput(std::string_view bytes) {
    if (SimdjsonPaddingIsReadable(bytes)) {
      view = simdjson::padded_string_view(bytes.data(), bytes.size(),
                                          bytes.size() + simdjson::SIMDJSON_PADDING);
    } else {
      copy = simdjson::padded_string(bytes);
      view = simdjson::padded_string_view(copy.data(), copy.size(),
                                          copy.size() + simdjson::SIMDJSON_PADDING);
    }
  }
  simdjson::padded_string copy;
  simdjson::padded_string_view view;
};

}  // namespace

void ReadJson(std::string_view bytes, const Limits& limits, Parsed<Document>& out,
              std::unique_ptr<JsonDom>* keep, const std::function<void()>* input_parsed,
              const CycloneDxDomOpened* dom_opened) {
  const PaddedInput input(bytes);
  // The DOM accepts only well-formed JSON no deeper than max_depth: input that CheckJsonNesting
  // passes and On-Demand reads without error, so both readers say the same about it.
  if (std::unique_ptr<JsonDom> dom = OpenDom(input.view, limits.max_depth)) {
    if (input_parsed != nullptr && *input_parsed) (*input_parsed)();
    const std::size_t noted = out.diagnostics.size();
    JsonReader<Dom> reader(std::string_view(input.view.data(), input.view.size()), limits,
                           out.diagnostics);
    bool let_go = false;
    const std::function<bool()> may_let_go = [&] {
      return let_go = dom_opened != nullptr && *dom_opened && (*dom_opened)(*dom);
    };
    try {
      ReadDocument(dom->root, reader, out, may_let_go);
      if (keep != nullptr && !let_go) *keep = std::move(dom);
      return;
    } catch (const NeedsSourceText&) {
      out.diagnostics.resize(noted);
      out.value.reset();
    }
  }
  ReadOnDemand(bytes, input.view, limits, out);
}

void ReadJsonOnDemand(std::string_view bytes, const Limits& limits, Parsed<Document>& out) {
  const PaddedInput input(bytes);
  ReadOnDemand(bytes, input.view, limits, out);
}

}  // namespace craft::sbom::parse::json

namespace craft::sbom::parse {

void ReadJson(std::string_view bytes, const Limits& limits, Parsed<Document>& out,
              std::unique_ptr<JsonDom>* keep, const std::function<void()>* input_parsed,
              const CycloneDxDomOpened* dom_opened) {
  json::ReadJson(bytes, limits, out, keep, input_parsed, dom_opened);
}

}  // namespace craft::sbom::parse
