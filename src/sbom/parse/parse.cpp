// sbom::Parse: size check, format detection from the first bytes, dispatch to one reader.
#include "sbom/parse.h"

#include <algorithm>
#include <string>

#include "sbom/bytes.h"
#include "sbom/parse/formats.h"
#include "sbom/parse/json_dom.h"

namespace craft::sbom {
namespace {

void Refuse(Parsed<Document>& out, std::string location, std::string message) {
  out.diagnostics.push_back(
      {Diagnostic::Severity::kError, std::move(location), std::move(message)});
}

bool StartsWithNoCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

// The first line that is neither blank nor a '#' comment.
std::string_view FirstContentLine(std::string_view text) {
  while (!text.empty()) {
    auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    std::size_t start = line.find_first_not_of(" \t");
    if (start != std::string_view::npos && line[start] != '#') return line.substr(start);
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return {};
}

// Markup that is HTML rather than XML (an error page, a web page saved instead of the file).
bool LooksLikeHtml(std::string_view text) {
  std::string_view head = text.substr(0, 1024);
  for (std::size_t i = 0; i < head.size(); ++i) {
    if (head[i] != '<') continue;
    std::string_view tag = head.substr(i);
    if (StartsWithNoCase(tag, "<!doctype html") || StartsWithNoCase(tag, "<html") ||
        StartsWithNoCase(tag, "<head") || StartsWithNoCase(tag, "<body")) {
      return true;
    }
  }
  return false;
}

std::string ByteHex(unsigned char b) {
  static const char* const kDigits = "0123456789ABCDEF";
  return std::string("0x") + kDigits[b >> 4] + kDigits[b & 15];
}

// XML and tag-value SBOMs are UTF-8 (craft reads XML as UTF-8 whatever it declares); a byte that
// is not gives a located error instead of text that no JSON answer or database row can carry.
bool RefuseInvalidUtf8(Parsed<Document>& out, std::string_view bytes) {
  const std::size_t bad = FirstInvalidUtf8(bytes);
  if (bad == std::string_view::npos) return false;
  Refuse(out, parse::LineColumn(bytes, bad),
         "byte " + ByteHex(static_cast<unsigned char>(bytes[bad])) +
             " is not valid UTF-8; SBOMs are read as UTF-8 (convert the file, e.g. with iconv)");
  return true;
}

}  // namespace

Parsed<Document> Parse(std::string_view bytes, const Limits& limits) {
  return parse::ParseKeepingJson(bytes, limits, nullptr);
}

Parsed<Document> parse::ParseKeepingJson(std::string_view bytes, const Limits& limits,
                                         std::unique_ptr<JsonDom>* keep,
                                         const std::function<void()>* input_parsed,
                                         const CycloneDxDomOpened* dom_opened) {
  Parsed<Document> out;
  if (bytes.size() > limits.max_bytes) {
    Refuse(out, "/",
           "the input is " + std::to_string(bytes.size()) + " bytes, over the limit of " +
               std::to_string(limits.max_bytes) + " bytes (max_bytes)");
    return out;
  }
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);  // UTF-8 byte order mark
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    Refuse(out, "1:1", "the input is UTF-16; SBOMs are read as UTF-8");
    return out;
  }
  std::size_t first = bytes.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) {
    Refuse(out, "1:1", "the input is empty");
    return out;
  }
  char c = bytes[first];
  std::string_view line = FirstContentLine(bytes);
  if (c == '{' || c == '[') {
    parse::ReadJson(bytes, limits, out, keep, input_parsed, dom_opened);
  } else if (c == '<' && LooksLikeHtml(bytes.substr(first))) {
    Refuse(out, "1:1", "this is an HTML page, not an SBOM");
  } else if (c == '<') {
    if (!RefuseInvalidUtf8(out, bytes)) parse::ReadCycloneDxXml(bytes, limits, out);
  } else if (line.starts_with("SPDXVersion:") || line.starts_with("DataLicense:") ||
             line.starts_with("SPDXID:")) {
    if (!RefuseInvalidUtf8(out, bytes)) parse::ReadSpdxTagValue(bytes, limits, out);
  } else if (line.starts_with("spdxVersion:") || line.starts_with("---")) {
    Refuse(out, "1:1", "this looks like SPDX YAML, which craft does not read (use SPDX JSON)");
  } else {
    Refuse(out, "1:1",
           "this is not an SBOM: expected CycloneDX (JSON or XML) or SPDX (JSON, "
           "tag-value or JSON-LD)");
  }
  if (out.value && out.HasErrors() && out.value->components.empty() &&
      out.value->spec_version.empty()) {
    out.value.reset();
  }
  return out;
}

}  // namespace craft::sbom
