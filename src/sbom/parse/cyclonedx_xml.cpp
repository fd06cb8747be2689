// CycloneDX XML (specification 1.2 to 1.7) into sbom::Document, with pugixml. DOCTYPE
// declarations are refused, so no entity (external or internal) is ever defined or expanded.
#include <algorithm>
#include <cstring>
#include <pugixml.hpp>
#include <string>

#include "sbom/parse/formats.h"

namespace craft::sbom::parse {
namespace {

using pugi::xml_node;

constexpr std::string_view kNamespacePrefix = "http://cyclonedx.org/schema/bom/";

// "/bom/components/component[3]/purl": each step with its position among same-named siblings.
std::string XPath(xml_node node) {
  std::string path;
  for (; node && node.type() == pugi::node_element; node = node.parent()) {
    std::size_t position = 1, count = 0;
    for (xml_node s = node.parent().first_child(); s; s = s.next_sibling()) {
      if (std::strcmp(s.name(), node.name()) != 0) continue;
      ++count;
      if (s == node) position = count;
    }
    std::string step = "/" + std::string(node.name());
    if (count > 1) step += "[" + std::to_string(position) + "]";
    path.insert(0, step);
  }
  return path.empty() ? "/" : path;
}

// The local name of an element ("bom" for "cdx:bom").
std::string_view Local(xml_node n) {
  std::string_view name = n.name();
  auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

xml_node Child(xml_node n, std::string_view local) {
  for (xml_node c = n.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && Local(c) == local) return c;
  }
  return {};
}

std::string Text(xml_node n, std::string_view local) { return Child(n, local).child_value(); }

// Calls f(child) for every element child named `local` of the element `n`.
template <class F>
void Each(xml_node n, std::string_view local, F&& f) {
  for (xml_node c = n.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && Local(c) == local) f(c);
  }
}

class CycloneDxXml {
 public:
  CycloneDxXml(const Limits& limits, Parsed<Document>& out) : limits_(limits), out_(out) {}

  bool over_limit() const { return over_limit_; }

  void Read(xml_node bom, Document& doc) {
    doc.format = Format::kCycloneDxXml;
    doc.serial_number = bom.attribute("serialNumber").value();
    doc.document_version = bom.attribute("version").as_int(0);
    Metadata(Child(bom, "metadata"), doc);
    Each(Child(bom, "components"), "component", [&](xml_node c) { ReadComponent(c, doc, {}, 1); });
    Each(Child(bom, "dependencies"), "dependency", [&](xml_node d) {
      Dependency dep{d.attribute("ref").value(), {}};
      for (xml_node t = d.first_child(); t; t = t.next_sibling()) {
        if (Local(t) == "dependency" || Local(t) == "provides") {
          dep.depends_on.push_back(t.attribute("ref").value());
        }
      }
      doc.dependencies.push_back(std::move(dep));
    });
    Each(Child(bom, "compositions"), "composition", [&](xml_node c) { ReadComposition(c, doc); });
    Each(Child(bom, "vulnerabilities"), "vulnerability",
         [&](xml_node v) { doc.vulnerabilities.push_back(ReadVulnerability(v)); });
    if (doc.metadata_component && !doc.metadata_component->ref.empty()) {
      for (std::size_t i = 0; i < doc.components.size(); ++i) {
        if (doc.components[i].ref == doc.metadata_component->ref) doc.primary_component = i;
      }
    }
  }

 private:
  void Error(xml_node at, std::string message) {
    out_.diagnostics.push_back({Diagnostic::Severity::kError, XPath(at), std::move(message)});
  }

  void Metadata(xml_node m, Document& doc) {
    if (!m) return;
    doc.timestamp = Text(m, "timestamp");
    Each(Child(m, "lifecycles"), "lifecycle", [&](xml_node l) {
      std::string phase = Text(l, "phase");
      doc.lifecycle_phases.push_back(phase.empty() ? Text(l, "name") : phase);
    });
    xml_node tools = Child(m, "tools");
    Each(tools, "tool", [&](xml_node t) { doc.tools.push_back(ReadTool(t)); });
    for (const char* group : {"components", "services"}) {
      Each(Child(tools, group), group == std::string_view("components") ? "component" : "service",
           [&](xml_node t) { doc.tools.push_back(ReadTool(t)); });
    }
    Each(Child(m, "authors"), "author", [&](xml_node a) { doc.authors.push_back(ReadContact(a)); });
    if (xml_node c = Child(m, "component")) {
      Component primary;
      ReadFields(c, primary, doc, std::nullopt, 1);
      doc.metadata_component = std::move(primary);
    }
    if (xml_node x = Child(m, "manufacturer"); x || (x = Child(m, "manufacture"))) {
      doc.manufacturer = ReadParty(x);
    }
    if (xml_node s = Child(m, "supplier")) doc.supplier = ReadParty(s);
    std::vector<License> concluded;
    ReadLicenses(Child(m, "licenses"), doc.licenses, concluded);
    doc.licenses.insert(doc.licenses.end(), concluded.begin(), concluded.end());
    ReadProperties(Child(m, "properties"), doc.properties);
  }

  static Tool ReadTool(xml_node t) {
    Tool tool{Text(t, "vendor"), Text(t, "name"), Text(t, "version")};
    if (tool.vendor.empty()) tool.vendor = Text(t, "group");
    if (tool.vendor.empty()) tool.vendor = Text(Child(t, "manufacturer"), "name");
    return tool;
  }

  static Party ReadContact(xml_node n) {
    Party p;
    p.name = Text(n, "name");
    if (std::string email = Text(n, "email"); !email.empty()) p.emails.push_back(email);
    return p;
  }

  static Party ReadParty(xml_node n) {
    Party p;
    p.name = Text(n, "name");
    Each(n, "url", [&](xml_node u) { p.urls.push_back(u.child_value()); });
    Each(n, "contact", [&](xml_node c) {
      if (std::string email = Text(c, "email"); !email.empty()) p.emails.push_back(email);
    });
    return p;
  }

  void ReadComponent(xml_node n, Document& doc, std::optional<std::size_t> parent,
                     std::size_t depth) {
    if (doc.components.size() >= limits_.max_components) {
      if (!over_limit_)
        Error(n, "more than " + std::to_string(limits_.max_components) +
                     " components: refused (limit max_components)");
      over_limit_ = true;
      return;
    }
    std::size_t index = doc.components.size();
    doc.components.emplace_back();
    Component c;
    ReadFields(n, c, doc, index, depth);
    c.parent = parent;
    doc.components[index] = std::move(c);
  }

  void ReadFields(xml_node n, Component& c, Document& doc, std::optional<std::size_t> self,
                  std::size_t depth) {
    c.type = n.attribute("type").value();
    c.ref = n.attribute("bom-ref").value();
    c.group = Text(n, "group");
    c.name = Text(n, "name");
    c.version = Text(n, "version");
    c.purl = Text(n, "purl");
    c.cpe = Text(n, "cpe");
    c.scope = Text(n, "scope");
    c.copyright = Text(n, "copyright");
    c.description = Text(n, "description");
    c.swid_tag_id = Child(n, "swid").attribute("tagId").value();
    if (xml_node s = Child(n, "supplier")) c.supplier = ReadParty(s);
    if (xml_node m = Child(n, "manufacturer")) c.manufacturer = ReadParty(m);
    if (!c.manufacturer && Child(n, "author")) c.manufacturer = Party{Text(n, "author"), {}, {}};
    if (xml_node a = Child(Child(n, "authors"), "author"); a && !c.manufacturer) {
      c.manufacturer = ReadContact(a);
    }
    ReadHashes(Child(n, "hashes"), c.hashes);
    ReadLicenses(Child(n, "licenses"), c.declared_licenses, c.concluded_licenses);
    Each(Child(n, "externalReferences"), "reference", [&](xml_node r) {
      ExternalReference ref{r.attribute("type").value(), Text(r, "url"), Text(r, "comment"), {}};
      ReadHashes(Child(r, "hashes"), ref.hashes);
      c.external_references.push_back(std::move(ref));
    });
    ReadProperties(Child(n, "properties"), c.properties);
    if (const std::string* file = c.FindProperty("bsi:component:filename")) c.file_name = *file;
    xml_node nested = Child(n, "components");
    if (nested && depth + 1 > limits_.max_depth) {
      Error(nested, "components nested deeper than " + std::to_string(limits_.max_depth));
      return;
    }
    Each(nested, "component", [&](xml_node k) { ReadComponent(k, doc, self, depth + 1); });
  }

  static void ReadHashes(xml_node n, std::vector<Hash>& out) {
    Each(n, "hash", [&](xml_node h) {
      out.push_back({h.attribute("alg").value(), h.child_value()});
    });
  }

  static void ReadLicenses(xml_node n, std::vector<License>& declared,
                           std::vector<License>& concluded) {
    for (xml_node l = n.first_child(); l; l = l.next_sibling()) {
      License license;
      license.acknowledgement = l.attribute("acknowledgement").value();
      if (Local(l) == "expression") {
        license.expression = l.child_value();
      } else if (Local(l) == "license") {
        license.id = Text(l, "id");
        license.name = Text(l, "name");
        license.url = Text(l, "url");
      } else {
        continue;
      }
      (license.acknowledgement == "concluded" ? concluded : declared).push_back(std::move(license));
    }
  }

  static void ReadProperties(xml_node n, std::vector<Property>& out) {
    Each(n, "property", [&](xml_node p) {
      out.push_back({p.attribute("name").value(), p.child_value()});
    });
  }

  static void ReadComposition(xml_node n, Document& doc) {
    Composition c;
    c.aggregate = Text(n, "aggregate");
    Each(Child(n, "assemblies"), "assembly",
         [&](xml_node a) { c.assemblies.push_back(a.attribute("ref").value()); });
    Each(Child(n, "dependencies"), "dependency",
         [&](xml_node d) { c.dependencies.push_back(d.attribute("ref").value()); });
    doc.compositions.push_back(std::move(c));
  }

  static Vulnerability ReadVulnerability(xml_node n) {
    Vulnerability v;
    v.ref = n.attribute("bom-ref").value();
    v.id = Text(n, "id");
    v.description = Text(n, "description");
    v.source = Text(Child(n, "source"), "name");
    v.source_url = Text(Child(n, "source"), "url");
    Each(Child(n, "ratings"), "rating", [&](xml_node r) {
      VulnerabilityRating rating{Text(Child(r, "source"), "name"), std::nullopt,
                                 Text(r, "severity"), Text(r, "method"), Text(r, "vector")};
      if (xml_node s = Child(r, "score")) rating.score = s.text().as_double();
      v.ratings.push_back(std::move(rating));
    });
    Each(Child(n, "affects"), "target", [&](xml_node t) {
      VulnerabilityAffect affect{Text(t, "ref"), {}};
      Each(Child(t, "versions"), "version", [&](xml_node ver) {
        std::string text = Child(ver, "version") ? Text(ver, "version") : Text(ver, "range");
        std::string status = Text(ver, "status");
        affect.versions.push_back(status.empty() ? text : text + " (" + status + ")");
      });
      v.affects.push_back(std::move(affect));
    });
    xml_node a = Child(n, "analysis");
    v.analysis_state = Text(a, "state");
    v.analysis_justification = Text(a, "justification");
    Each(Child(a, "responses"), "response",
         [&](xml_node r) { v.analysis_response.push_back(r.child_value()); });
    v.analysis_detail = Text(a, "detail");
    return v;
  }

  const Limits& limits_;
  Parsed<Document>& out_;
  bool over_limit_ = false;
};

// Refuses element nesting deeper than the limit; walks the tree without recursion.
bool CheckDepth(const pugi::xml_document& xml, const Limits& limits, Parsed<Document>& out) {
  struct Walker : pugi::xml_tree_walker {
    std::size_t max;
    xml_node deepest;
    bool for_each(xml_node& node) override {
      if (static_cast<std::size_t>(depth()) + 1 <= max) return true;
      deepest = node;
      return false;
    }
  } walker;
  walker.max = limits.max_depth;
  const_cast<pugi::xml_document&>(xml).traverse(walker);
  if (!walker.deepest) return true;
  out.diagnostics.push_back({Diagnostic::Severity::kError, XPath(walker.deepest.parent()),
                             "XML nesting deeper than " + std::to_string(limits.max_depth) +
                                 " levels is refused (limit max_depth)"});
  return false;
}

}  // namespace

// Whether a DOCTYPE declaration precedes the root element (comments and processing
// instructions skipped). Checked on the raw bytes, before any XML parser sees them.
// Returns the offset of that declaration, or npos.
std::size_t XmlPrologDoctype(std::string_view text) {
  std::size_t i = 0;
  while ((i = text.find('<', i)) != std::string_view::npos) {
    std::string_view rest = text.substr(i);
    if (rest.starts_with("<?")) {
      i = text.find("?>", i);
    } else if (rest.starts_with("<!--")) {
      i = text.find("-->", i);
    } else {
      bool doctype = rest.starts_with("<!DOCTYPE") || rest.starts_with("<!ENTITY");
      return doctype ? i : std::string_view::npos;
    }
    if (i == std::string_view::npos) return i;
  }
  return std::string_view::npos;
}

void ReadCycloneDxXml(std::string_view bytes, const Limits& limits, Parsed<Document>& out) {
  if (std::size_t doctype = XmlPrologDoctype(bytes); doctype != std::string_view::npos) {
    out.diagnostics.push_back({Diagnostic::Severity::kError, LineColumn(bytes, doctype),
                               "XML DOCTYPE declarations are refused: a CycloneDX document needs "
                               "none, and entities are never defined or expanded"});
    return;
  }
  pugi::xml_document xml;
  auto options = (pugi::parse_default | pugi::parse_doctype) & ~pugi::parse_wconv_attribute;
  pugi::xml_parse_result result =
      xml.load_buffer(bytes.data(), bytes.size(), options, pugi::encoding_utf8);
  auto error = [&](std::string location, std::string message) {
    out.diagnostics.push_back(
        {Diagnostic::Severity::kError, std::move(location), std::move(message)});
  };
  for (xml_node n = xml.first_child(); n; n = n.next_sibling()) {
    if (n.type() == pugi::node_doctype) {
      error("/",
            "XML DOCTYPE declarations are refused: a CycloneDX document needs none, and "
            "entities are never expanded");
      return;
    }
  }
  if (!result) {
    error(LineColumn(bytes, static_cast<std::size_t>(result.offset)),
          std::string("malformed XML: ") + result.description() + " (the file may be truncated)");
    return;
  }
  if (!CheckDepth(xml, limits, out)) return;
  xml_node bom = xml.document_element();
  std::string_view ns = bom.attribute("xmlns").value();
  if (Local(bom) != "bom") {
    error(XPath(bom), "the root element is <" + std::string(bom.name()) +
                          ">, not a CycloneDX <bom> (SPDX XML and RDF are not read)");
    return;
  }
  Document doc;
  if (ns.starts_with(kNamespacePrefix)) doc.spec_version = ns.substr(kNamespacePrefix.size());
  static constexpr std::string_view kKnown[] = {"1.0", "1.1", "1.2", "1.3",
                                                "1.4", "1.5", "1.6", "1.7"};
  if (!doc.spec_version.empty() &&
      std::find(std::begin(kKnown), std::end(kKnown), doc.spec_version) == std::end(kKnown)) {
    error("/bom", "unknown CycloneDX version \"" + doc.spec_version + "\" in the namespace");
    return;
  }
  if (!doc.spec_version.empty() && doc.spec_version < "1.4") {
    out.diagnostics.push_back({Diagnostic::Severity::kWarning, "/bom",
                               "CycloneDX " + doc.spec_version +
                                   " is older than the versions craft supports (1.4 to 1.7)"});
  }
  if (doc.spec_version.empty()) {
    error("/bom", "the <bom> element has no CycloneDX namespace (xmlns=\"" +
                      std::string(kNamespacePrefix) + "1.x\")");
    return;
  }
  CycloneDxXml reader(limits, out);
  reader.Read(bom, doc);
  if (!reader.over_limit()) out.value = std::move(doc);
}

}  // namespace craft::sbom::parse
