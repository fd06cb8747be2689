#pragma once
// The per-format readers behind sbom::Parse (src/sbom/parse.h). Internal to craft_sbom: each
// reader fills `out` from input that Parse has already sized and recognised.

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "sbom/model.h"

namespace craft::sbom::parse {

// "line:column" (1-based) of byte `offset` in `text`: where a text-level error is reported.
std::string LineColumn(std::string_view text, std::size_t offset);

struct JsonDom;  // sbom/parse/json_dom.h

// Called with the DOM of CycloneDX JSON input before the document is read from it (at most once).
// True lets the reader let the DOM's strings go from memory behind it, as it reads the top-level
// arrays: the DOM and the document then never both hold all of them (the DOM is not kept then).
using CycloneDxDomOpened = std::function<bool(const JsonDom&)>;

// sbom::Parse, and with `keep`, the JSON DOM it read from (when it read from one: JSON input
// that simdjson's DOM accepts) is handed over in *keep. `input_parsed`, when set, is called once
// the bytes are in a DOM of their own (see CheckSbom); `dom_opened`, as said above.
Parsed<Document> ParseKeepingJson(std::string_view bytes, const Limits& limits,
                                  std::unique_ptr<JsonDom>* keep,
                                  const std::function<void()>* input_parsed = nullptr,
                                  const CycloneDxDomOpened* dom_opened = nullptr);

// JSON input (CycloneDX, SPDX 2, SPDX 3 JSON-LD): the format is told by the top-level keys.
void ReadJson(std::string_view bytes, const Limits& limits, Parsed<Document>& out,
              std::unique_ptr<JsonDom>* keep, const std::function<void()>* input_parsed = nullptr,
              const CycloneDxDomOpened* dom_opened = nullptr);

// The offset of a DOCTYPE (or ENTITY) declaration before the root element of an XML document
// (comments and processing instructions skipped), or npos. Checked on the raw bytes, before any
// XML parser sees them.
std::size_t XmlPrologDoctype(std::string_view text);

void ReadCycloneDxXml(std::string_view bytes, const Limits& limits, Parsed<Document>& out);
void ReadSpdxTagValue(std::string_view bytes, const Limits& limits, Parsed<Document>& out);

}  // namespace craft::sbom::parse
