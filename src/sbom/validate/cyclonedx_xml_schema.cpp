#include "sbom/validate/cyclonedx_xml_schema.h"

#include <libxml/parser.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

#include <climits>
#include <cstring>
#include <map>
#include <mutex>
#include <string>

#include "sbom/parse/formats.h"
#include "sbom/validate/embedded_schemas.h"

namespace craft::sbom {
namespace {

// The embedded schemas are served to libxml2 under this URL prefix, so that an XSD's relative
// <xs:import schemaLocation="spdx.SNAPSHOT.xsd"> resolves to another embedded file.
constexpr std::string_view kPrefix = "craft-schema:///schemas/";

const EmbeddedSchema* FindSchema(std::string_view url) {
  if (!url.starts_with(kPrefix)) return nullptr;
  url.remove_prefix(kPrefix.size());
  for (std::size_t i = 0; i < kEmbeddedSchemaCount; ++i) {
    if (kEmbeddedSchemas[i].name == url) return &kEmbeddedSchemas[i];
  }
  return nullptr;
}

// libxml2 input callbacks for the embedded schemas; anything else is left to the other
// callbacks, and the documents validated here are read with XML_PARSE_NONET.
struct Cursor {
  std::string_view text;
  std::size_t at = 0;
};
int Match(const char* url) { return FindSchema(url) != nullptr ? 1 : 0; }
void* Open(const char* url) {
  const EmbeddedSchema* schema = FindSchema(url);
  return schema == nullptr ? nullptr : new Cursor{schema->text, 0};
}
int Read(void* context, char* buffer, int length) {
  auto* cursor = static_cast<Cursor*>(context);
  std::size_t n =
      std::min<std::size_t>(static_cast<std::size_t>(length), cursor->text.size() - cursor->at);
  std::memcpy(buffer, cursor->text.data() + cursor->at, n);
  cursor->at += n;
  return static_cast<int>(n);
}
int Close(void* context) {
  delete static_cast<Cursor*>(context);
  return 0;
}

// Collects libxml2's structured errors as diagnostics.
void OnError(void* context, xmlErrorPtr error) {
  if (error == nullptr) return;
  std::string message = error->message != nullptr ? error->message : "schema violation";
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  std::string location =
      std::to_string(error->line) + ":" + std::to_string(error->int2 > 0 ? error->int2 : 1);
  static_cast<std::vector<Diagnostic>*>(context)->push_back(
      {Diagnostic::Severity::kError, std::move(location), std::move(message)});
}

// The compiled schema of one spec version, built once and shared (libxml2 validates with a
// compiled schema from several threads, each with its own validation context).
xmlSchemaPtr CompiledSchema(std::string_view spec_version, std::vector<Diagnostic>& problems) {
  static std::once_flag init;
  std::call_once(init, [] {
    xmlInitParser();
    xmlRegisterInputCallbacks(Match, Open, Read, Close);
  });
  // Each schema with the document it was compiled from, kept until the process exits.
  struct Compiled {
    std::map<std::string, std::pair<xmlDocPtr, xmlSchemaPtr>, std::less<>> schemas;
    ~Compiled() {
      for (auto& [version, entry] : schemas) {
        if (entry.second != nullptr) xmlSchemaFree(entry.second);
        if (entry.first != nullptr) xmlFreeDoc(entry.first);
      }
    }
  };
  static std::mutex mutex;
  static Compiled compiled_holder;
  auto& compiled = compiled_holder.schemas;
  std::lock_guard lock(mutex);
  if (auto it = compiled.find(spec_version); it != compiled.end()) return it->second.second;
  std::string url = std::string(kPrefix) + "bom-" + std::string(spec_version) + ".SNAPSHOT.xsd";
  const EmbeddedSchema* xsd = FindSchema(url);
  if (xsd == nullptr) return nullptr;
  xmlSetStructuredErrorFunc(&problems, OnError);
  xmlDocPtr doc = xmlReadMemory(xsd->text.data(), static_cast<int>(xsd->text.size()), url.c_str(),
                                nullptr, XML_PARSE_NONET);
  xmlSchemaParserCtxtPtr context = doc != nullptr ? xmlSchemaNewDocParserCtxt(doc) : nullptr;
  xmlSchemaPtr schema = context != nullptr ? xmlSchemaParse(context) : nullptr;
  xmlSetStructuredErrorFunc(nullptr, nullptr);
  if (context != nullptr) xmlSchemaFreeParserCtxt(context);
  compiled.emplace(std::string(spec_version), std::make_pair(doc, schema));
  return schema;
}

}  // namespace

std::vector<Diagnostic> ValidateCycloneDxXml(std::string_view bytes,
                                             std::string_view spec_version) {
  std::vector<Diagnostic> out;
  if (std::size_t doctype = parse::XmlPrologDoctype(bytes); doctype != std::string_view::npos) {
    out.push_back({Diagnostic::Severity::kError, parse::LineColumn(bytes, doctype),
                   "XML DOCTYPE declarations are refused"});
    return out;
  }
  xmlSchemaPtr schema = CompiledSchema(spec_version, out);
  if (schema == nullptr) {
    out.push_back(
        {Diagnostic::Severity::kError, "/bom",
         "no CycloneDX XML schema for spec version \"" + std::string(spec_version) + "\""});
    return out;
  }
  if (bytes.size() > static_cast<std::size_t>(INT_MAX)) {
    out.push_back({Diagnostic::Severity::kError, "1:1", "the document is too large to validate"});
    return out;
  }
  xmlSetStructuredErrorFunc(&out, OnError);
  xmlDocPtr doc = xmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), "bom.xml", nullptr,
                                XML_PARSE_NONET);
  if (doc != nullptr) {
    xmlSchemaValidCtxtPtr context = xmlSchemaNewValidCtxt(schema);
    xmlSchemaSetValidStructuredErrors(context, OnError, &out);
    int result = xmlSchemaValidateDoc(context, doc);
    xmlSchemaFreeValidCtxt(context);
    xmlFreeDoc(doc);
    if (result != 0 && out.empty()) {
      out.push_back(
          {Diagnostic::Severity::kError, "1:1", "the document does not match the schema"});
    }
  } else if (out.empty()) {
    out.push_back({Diagnostic::Severity::kError, "1:1", "malformed XML"});
  }
  xmlSetStructuredErrorFunc(nullptr, nullptr);
  return out;
}

}  // namespace craft::sbom
