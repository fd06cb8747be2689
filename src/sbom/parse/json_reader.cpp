#include "sbom/parse/json_reader.h"

#include <cstdint>
#include <mutex>
#include <optional>

#include "sbom/parse/formats.h"

namespace craft::sbom::parse::json {

std::string JsonReader::Pointer() const {
  std::string pointer;
  for (const Segment& segment : path_) {
    pointer += '/';
    if (!segment.is_key) {
      pointer += std::to_string(segment.index);
      continue;
    }
    for (char c : segment.key) {
      if (c == '~') {
        pointer += "~0";
      } else if (c == '/') {
        pointer += "~1";
      } else {
        pointer += c;
      }
    }
  }
  return pointer.empty() ? "/" : pointer;
}

void JsonReader::Add(Diagnostic::Severity severity, std::string message) {
  diagnostics_.push_back({severity, Pointer(), std::move(message)});
}

bool JsonReader::Expect(ondemand::value v, ondemand::json_type type, std::string_view what) {
  if (v.type() == type) return true;
  Warn("expected " + std::string(what) + ", found " +
       std::string(v.raw_json_token()).substr(0, 40));
  return false;
}

std::string JsonReader::String(ondemand::value v) {
  switch (v.type()) {
    case ondemand::json_type::string:
      return std::string(std::string_view(v.get_string()));
    case ondemand::json_type::number:
    case ondemand::json_type::boolean: {
      std::string text(v.raw_json_token());
      while (!text.empty() && (text.back() == ' ' || text.back() == '\n' || text.back() == '\r' ||
                               text.back() == '\t')) {
        text.pop_back();
      }
      Warn("expected a string, found " + text + " (read as \"" + text + "\")");
      return text;
    }
    case ondemand::json_type::null:
      return {};
    default:
      Warn("expected a string, found an " +
           std::string(v.type() == ondemand::json_type::array ? "array" : "object"));
      return {};
  }
}

std::optional<double> JsonReader::Number(ondemand::value v) {
  if (v.type() != ondemand::json_type::number) {
    if (v.type() != ondemand::json_type::null) Warn("expected a number");
    return std::nullopt;
  }
  return double(v.get_double());
}

std::optional<std::int64_t> JsonReader::Integer(ondemand::value v) {
  if (v.type() != ondemand::json_type::number) {
    Warn("expected an integer");
    return std::nullopt;
  }
  std::int64_t n = 0;
  if (v.get_int64().get(n) != simdjson::SUCCESS) {
    Warn("expected an integer");
    return std::nullopt;
  }
  return n;
}

std::vector<std::string> JsonReader::Strings(ondemand::value v) {
  std::vector<std::string> out;
  ForEach(v, [&](ondemand::value element) { out.push_back(String(element)); });
  return out;
}

bool JsonReader::CountComponent() {
  if (++components_ <= limits_.max_components) return true;
  if (components_ == limits_.max_components + 1) {
    Error("more than " + std::to_string(limits_.max_components) +
          " components: refused (limit max_components)");
  }
  return false;
}

namespace {

enum class JsonKind {
  kCycloneDx,
  kSpdx2,
  kSpdx3,
  kNotAnSbom,  // recognised as something else: `detail` says what
};

// What the top-level keys say the document is. For a document that is not an SBOM, `detail`
// receives a sentence saying what it is instead.
JsonKind Detect(ondemand::document& doc, JsonReader& reader, std::string& detail) {
  bool bom_format = false, spdx_version = false, graph = false, spec_version = false;
  std::string context, bom_format_value;
  bool license_list = false, schema = false, csaf = false, spdx21 = false;
  for (ondemand::field field : doc.get_object()) {
    std::string_view key = field.unescaped_key();
    ondemand::value v = field.value();
    if (key == "bomFormat") {
      bom_format = true;
      bom_format_value = reader.String(v);
      if (bom_format_value == "CycloneDX") break;  // certain: no need to look further
    } else if (key == "spdxVersion") {
      spdx_version = true;
      break;
    } else if (key == "@context") {
      context = v.type() == ondemand::json_type::string ? reader.String(v) : "array";
    } else if (key == "@graph") {
      graph = true;
    } else if (key == "specVersion") {
      spec_version = true;
    } else if (key == "licenseListVersion") {
      license_list = true;
    } else if (key == "definitions" || key == "$defs" || key == "properties") {
      schema = true;
    } else if (key == "document") {
      csaf = true;
    } else if (key == "Document") {
      spdx21 = true;
    }
  }
  detail = bom_format_value;
  if (bom_format || (spec_version && context.empty() && !graph)) return JsonKind::kCycloneDx;
  if (spdx_version) return JsonKind::kSpdx2;
  if (context.find("openvex") != std::string::npos) {
    detail = "this is an OpenVEX document, not an SBOM";
  } else if (graph || context.find("spdx") != std::string::npos || context == "array") {
    return JsonKind::kSpdx3;
  } else if (license_list) {
    detail = "this is the SPDX licence list (licenseListVersion), not an SBOM";
  } else if (csaf) {
    detail = "this looks like a CSAF advisory (a top-level \"document\"), not an SBOM";
  } else if (spdx21) {
    detail =
        "this is SPDX 2.1-era JSON (a top-level \"Document\" wrapper); craft reads SPDX 2.2 "
        "and 2.3 JSON";
  } else if (schema) {
    detail = "this looks like a JSON schema, not an SBOM";
  } else {
    detail =
        "this JSON document is not an SBOM: it has no bomFormat (CycloneDX), spdxVersion "
        "(SPDX 2) or @context (SPDX 3) at the top level";
  }
  return JsonKind::kNotAnSbom;
}

// Under AddressSanitizer (g++ says so with __SANITIZE_ADDRESS__, clang only through
// __has_feature) or MemorySanitizer, every read past the input is reported, so the input is always
// copied.
#if defined(__SANITIZE_ADDRESS__)
#define CRAFT_JSON_OVERREAD_CHECKED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define CRAFT_JSON_OVERREAD_CHECKED 1
#endif
#endif

bool PaddingIsReadable(std::string_view bytes) {
#if defined(CRAFT_JSON_OVERREAD_CHECKED)
  (void)bytes;
  return false;
#else
  constexpr std::uintptr_t kPage = 4096;
  if (bytes.empty()) return false;
  auto last = reinterpret_cast<std::uintptr_t>(bytes.data()) + bytes.size() - 1;
  return last / kPage == (last + simdjson::SIMDJSON_PADDING) / kPage;
#endif
}

}  // namespace

void ReadJson(std::string_view bytes, const Limits& limits, Parsed<Document>& out) {
  if (auto nesting = CheckJsonNesting(bytes, limits.max_depth)) {
    out.diagnostics.push_back(std::move(*nesting));
    return;
  }
  // simdjson reads up to simdjson::SIMDJSON_PADDING bytes past the end. When those bytes lie on the
  // page of the last input byte, reading them cannot fault and the input is used as it is;
  // otherwise (and under AddressSanitizer, which would rightly flag the over-read) it is copied.
  simdjson::padded_string copy;
  simdjson::padded_string_view input;
  if (PaddingIsReadable(bytes)) {
    input = simdjson::padded_string_view(bytes.data(), bytes.size(),
                                         bytes.size() + simdjson::SIMDJSON_PADDING);
  } else {
    copy = simdjson::padded_string(bytes);
    input = simdjson::padded_string_view(copy.data(), copy.size(),
                                         copy.size() + simdjson::SIMDJSON_PADDING);
  }
  // One parser is kept between calls, so that repeated parses reuse its buffers instead of
  // faulting fresh memory in (measured: about a third of the time on a 46 MB SBOM). A caller that
  // finds it busy, or input too large to keep buffers for, gets a parser of its own.
  static std::mutex shared_mutex;
  static ondemand::parser shared_parser;
  constexpr std::size_t kKeepBuffersUpTo = std::size_t{64} * 1024 * 1024;
  std::unique_lock lock(shared_mutex, std::defer_lock);
  std::optional<ondemand::parser> own;
  ondemand::parser* parser = &shared_parser;
  if (bytes.size() > kKeepBuffersUpTo || !lock.try_lock()) parser = &own.emplace();
  JsonReader reader(std::string_view(input.data(), input.size()), limits, out.diagnostics);
  ondemand::document doc;
  if (auto error = parser->iterate(input).get(doc)) {
    reader.Error(std::string("malformed JSON: ") + simdjson::error_message(error));
    return;
  }
  Document document;
  bool ok = Guarded(reader, doc, [&] {
    if (doc.type() != ondemand::json_type::object) {
      reader.Error("the JSON document is not an object, so it is not an SBOM");
      return;
    }
    std::string detail;
    JsonKind kind = Detect(doc, reader, detail);
    doc.rewind();
    switch (kind) {
      case JsonKind::kCycloneDx:
        if (detail != "CycloneDX")
          reader.Warn("bomFormat is \"" + detail + "\", expected \"CycloneDX\"");
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
  });
  if (!ok) out.value.reset();
}

}  // namespace craft::sbom::parse::json

namespace craft::sbom::parse {

void ReadJson(std::string_view bytes, const Limits& limits, Parsed<Document>& out) {
  json::ReadJson(bytes, limits, out);
}

}  // namespace craft::sbom::parse
