// CycloneDX JSON (specification 1.2 to 1.7) into sbom::Document, in one pass over a simdjson
// On-Demand document.
#include <algorithm>
#include <iterator>
#include <utility>

#include "sbom/parse/json_reader.h"

namespace craft::sbom::parse::json {
namespace {

template <class Json>
class CycloneDxJson {
 public:
  using Value = typename Json::Value;

  CycloneDxJson(JsonReader<Json>& r, Document& doc) : r_(r), doc_(doc) {}

  void Read(typename Json::Root& json) {
    doc_.format = Format::kCycloneDxJson;
    r_.ForRootFields(json, [this](std::string_view key, Value v) { Top(key, v); });
    if (doc_.spec_version.empty()) r_.Error("specVersion is missing");
    LinkPrimary();
  }

 private:
  void Top(std::string_view key, Value v) {
    if (key == "specVersion") {
      doc_.spec_version = r_.String(v);
      CheckSpecVersion();
    } else if (key == "serialNumber") {
      doc_.serial_number = r_.String(v);
    } else if (key == "version") {
      if (auto n = r_.Integer(v)) doc_.document_version = static_cast<int>(*n);
    } else if (key == "metadata") {
      r_.ForFields(v, [this](std::string_view k, Value x) { Metadata(k, x); });
    } else if (key == "components") {
      r_.ForEachOnce(
          v, [this](Value c) { ReadComponent(c, std::nullopt, 1); }, &doc_.components);
    } else if (key == "dependencies") {
      r_.ForEachOnce(v, [this](Value d) { ReadDependency(d); });
    } else if (key == "compositions") {
      r_.ForEachOnce(v, [this](Value c) { ReadComposition(c); });
    } else if (key == "vulnerabilities") {
      r_.ForEachOnce(v, [this](Value x) { doc_.vulnerabilities.push_back(ReadVulnerability(x)); });
    }
  }

  void CheckSpecVersion() {
    static constexpr std::string_view kKnown[] = {"1.0", "1.1", "1.2", "1.3",
                                                  "1.4", "1.5", "1.6", "1.7"};
    const auto& v = doc_.spec_version;
    if (std::find(std::begin(kKnown), std::end(kKnown), v) == std::end(kKnown)) {
      r_.Error("unknown CycloneDX specVersion \"" + v + "\" (craft reads 1.2 to 1.7)");
    } else if (v < "1.4") {
      r_.Warn("CycloneDX " + v + " is older than the versions craft supports (1.4 to 1.7)");
    }
  }

  void Metadata(std::string_view key, Value v) {
    if (key == "timestamp") {
      doc_.timestamp = r_.String(v);
    } else if (key == "lifecycles") {
      r_.ForEach(v, [this](Value l) { Lifecycle(l); });
    } else if (key == "tools") {
      Tools(v);
    } else if (key == "authors") {
      r_.ForEach(v, [this](Value a) { doc_.authors.push_back(ReadContact(a)); });
    } else if (key == "component") {
      Component c;
      ReadComponentInto(c, v, 1, /*nested_parent=*/std::nullopt);
      doc_.metadata_component = std::move(c);
    } else if (key == "manufacture" || key == "manufacturer") {
      doc_.manufacturer = ReadParty(v);
    } else if (key == "supplier") {
      doc_.supplier = ReadParty(v);
    } else if (key == "licenses") {
      std::vector<License> concluded;
      ReadLicenses(v, doc_.licenses, concluded);
      doc_.licenses.insert(doc_.licenses.end(), concluded.begin(), concluded.end());
    } else if (key == "properties") {
      ReadProperties(v, doc_.properties);
    }
  }

  void Lifecycle(Value v) {
    std::string phase, name;
    r_.ForFields(v, [&](std::string_view k, Value x) {
      if (k == "phase") phase = r_.String(x);
      if (k == "name") name = r_.String(x);
    });
    doc_.lifecycle_phases.push_back(!phase.empty() ? phase : name);
  }

  // 1.2-1.4: an array of tools; 1.5+: {components: [...], services: [...]}.
  void Tools(Value v) {
    auto read_tool = [this](Value t) {
      Tool tool;
      r_.ForFields(t, [&](std::string_view k, Value x) {
        if (k == "vendor") tool.vendor = r_.String(x);
        if (k == "name") tool.name = r_.String(x);
        if (k == "version") tool.version = r_.String(x);
        if (k == "group" && tool.vendor.empty()) tool.vendor = r_.String(x);
        if (k == "manufacturer" || k == "supplier" || k == "provider") {
          auto party = ReadParty(x);
          if (tool.vendor.empty()) tool.vendor = party.name;
        }
      });
      doc_.tools.push_back(std::move(tool));
    };
    if (r_.Type(v) == JsonType::kArray) {
      r_.ForEach(v, read_tool);
      return;
    }
    r_.ForFields(v, [&](std::string_view k, Value x) {
      if (k == "components" || k == "services") r_.ForEach(x, read_tool);
    });
  }

  // An organizational entity: {name, url: [...], contact: [{name, email, phone}]}.
  Party ReadParty(Value v) {
    Party p;
    r_.ForFields(v, [&](std::string_view k, Value x) {
      if (k == "name") {
        p.name = r_.String(x);
      } else if (k == "url") {
        p.urls = r_.Strings(x);
      } else if (k == "contact") {
        r_.ForEach(x, [&](Value c) {
          Party contact = ReadContact(c);
          if (!contact.emails.empty()) p.emails.push_back(contact.emails.front());
        });
      }
    });
    return p;
  }

  // An organizational contact: {name, email, phone}.
  Party ReadContact(Value v) {
    Party p;
    r_.ForFields(v, [&](std::string_view k, Value x) {
      if (k == "name") p.name = r_.String(x);
      if (k == "email") p.emails.push_back(r_.String(x));
      if (k == "url") p.urls.push_back(r_.String(x));
    });
    return p;
  }

  void ReadComponent(Value v, std::optional<std::size_t> parent, std::size_t depth) {
    if (!r_.CountComponent()) return;
    std::size_t index = doc_.components.size();
    doc_.components.emplace_back();
    Component c;
    ReadComponentInto(c, v, depth, index);
    // Nested components were appended after `index` while reading; keep parents first.
    c.parent = parent;
    doc_.components[index] = std::move(c);
  }

  // Reads the fields of one component. Nested components go to doc_.components with
  // `nested_parent` as their parent (the metadata component's children have none).
  void ReadComponentInto(Component& c, Value v, std::size_t depth,
                         std::optional<std::size_t> nested_parent) {
    r_.ForFields(v, [&](std::string_view k, Value x) {
      if (k == "components") {
        if (depth + 1 > r_.limits().max_depth) {
          r_.Error("components nested deeper than " + std::to_string(r_.limits().max_depth));
          return;
        }
        r_.ForEach(x, [&](Value n) { ReadComponent(n, nested_parent, depth + 1); });
      } else {
        ComponentField(c, k, x);
      }
    });
    if (const std::string* file = c.FindProperty("bsi:component:filename")) {
      if (c.file_name.empty()) c.file_name = *file;
    }
  }

  void ComponentField(Component& c, std::string_view k, Value x) {
    if (k == "bom-ref")
      c.ref = r_.String(x);
    else if (k == "type")
      c.type = r_.String(x);
    else if (k == "group")
      c.group = r_.String(x);
    else if (k == "name")
      c.name = r_.String(x);
    else if (k == "version")
      c.version = r_.String(x);
    else if (k == "supplier")
      c.supplier = ReadParty(x);
    else if (k == "manufacturer")
      c.manufacturer = ReadParty(x);
    else if (k == "author" && !c.manufacturer)
      c.manufacturer = Party{r_.String(x), {}, {}};
    else if (k == "authors" && !c.manufacturer) {
      r_.ForEach(x, [&](Value a) {
        if (!c.manufacturer) c.manufacturer = ReadContact(a);
      });
    } else if (k == "purl")
      c.purl = r_.String(x);
    else if (k == "cpe")
      c.cpe = r_.String(x);
    else if (k == "swid") {
      r_.ForFields(x, [&](std::string_view sk, Value sx) {
        if (sk == "tagId") c.swid_tag_id = r_.String(sx);
      });
    } else if (k == "hashes")
      ReadHashes(x, c.hashes);
    else if (k == "licenses")
      ReadLicenses(x, c.declared_licenses, c.concluded_licenses);
    else if (k == "externalReferences")
      ReadExternalReferences(x, c.external_references);
    else if (k == "properties")
      ReadProperties(x, c.properties);
    else if (k == "scope")
      c.scope = r_.String(x);
    else if (k == "copyright")
      c.copyright = r_.String(x);
    else if (k == "description")
      c.description = r_.String(x);
  }

  void ReadHashes(Value v, std::vector<Hash>& out) {
    r_.ForEach(
        v,
        [&](Value h) {
          Hash hash;
          r_.ForFields(h, [&](std::string_view k, Value x) {
            if (k == "alg") hash.algorithm = r_.String(x);
            if (k == "content") hash.value = r_.String(x);
          });
          out.push_back(std::move(hash));
        },
        &out);
  }

  // A licence choice: [{license: {id | name, text, url, acknowledgement}} | {expression}].
  void ReadLicenses(Value v, std::vector<License>& declared, std::vector<License>& concluded) {
    r_.ForEach(v, [&](Value choice) {
      License l;
      r_.ForFields(choice, [&](std::string_view k, Value x) {
        if (k == "expression") l.expression = r_.String(x);
        if (k == "acknowledgement") l.acknowledgement = r_.String(x);
        if (k != "license") return;
        r_.ForFields(x, [&](std::string_view lk, Value lx) {
          if (lk == "id") l.id = r_.String(lx);
          if (lk == "name") l.name = r_.String(lx);
          if (lk == "url") l.url = r_.String(lx);
          if (lk == "acknowledgement") l.acknowledgement = r_.String(lx);
        });
      });
      (l.acknowledgement == "concluded" ? concluded : declared).push_back(std::move(l));
    });
  }

  void ReadExternalReferences(Value v, std::vector<ExternalReference>& out) {
    r_.ForEach(
        v,
        [&](Value e) {
          ExternalReference ref;
          r_.ForFields(e, [&](std::string_view k, Value x) {
            if (k == "type") ref.type = r_.String(x);
            if (k == "url") ref.url = r_.String(x);
            if (k == "comment") ref.comment = r_.String(x);
            if (k == "hashes") ReadHashes(x, ref.hashes);
          });
          out.push_back(std::move(ref));
        },
        &out);
  }

  void ReadProperties(Value v, std::vector<Property>& out) {
    r_.ForEach(
        v,
        [&](Value p) {
          Property prop;
          r_.ForFields(p, [&](std::string_view k, Value x) {
            if (k == "name") prop.name = r_.String(x);
            if (k == "value") prop.value = r_.String(x);
          });
          out.push_back(std::move(prop));
        },
        &out);
  }

  void ReadDependency(Value v) {
    Dependency d;
    r_.ForFields(v, [&](std::string_view k, Value x) {
      if (k == "ref") d.ref = r_.String(x);
      if (k == "dependsOn" || k == "provides") {
        auto refs = r_.Strings(x);
        if (d.depends_on.empty()) {
          d.depends_on = std::move(refs);  // the usual case: no copy of each ref
        } else {
          d.depends_on.insert(d.depends_on.end(), std::make_move_iterator(refs.begin()),
                              std::make_move_iterator(refs.end()));
        }
      }
    });
    doc_.dependencies.push_back(std::move(d));
  }

  void ReadComposition(Value v) {
    Composition c;
    r_.ForFields(v, [&](std::string_view k, Value x) {
      if (k == "aggregate") c.aggregate = r_.String(x);
      if (k == "assemblies") c.assemblies = r_.Strings(x);
      if (k == "dependencies") c.dependencies = r_.Strings(x);
    });
    doc_.compositions.push_back(std::move(c));
  }

  Vulnerability ReadVulnerability(Value v) {
    Vulnerability vuln;
    r_.ForFields(v, [&](std::string_view k, Value x) {
      if (k == "bom-ref")
        vuln.ref = r_.String(x);
      else if (k == "id")
        vuln.id = r_.String(x);
      else if (k == "description")
        vuln.description = r_.String(x);
      else if (k == "source") {
        r_.ForFields(x, [&](std::string_view sk, Value sx) {
          if (sk == "name") vuln.source = r_.String(sx);
          if (sk == "url") vuln.source_url = r_.String(sx);
        });
      } else if (k == "ratings")
        r_.ForEach(x, [&](Value rt) { vuln.ratings.push_back(ReadRating(rt)); });
      else if (k == "affects")
        r_.ForEach(x, [&](Value a) { vuln.affects.push_back(ReadAffect(a)); });
      else if (k == "analysis")
        ReadAnalysis(x, vuln);
    });
    return vuln;
  }

  VulnerabilityRating ReadRating(Value v) {
    VulnerabilityRating rating;
    r_.ForFields(v, [&](std::string_view k, Value x) {
      if (k == "score")
        rating.score = r_.Number(x);
      else if (k == "severity")
        rating.severity = r_.String(x);
      else if (k == "method")
        rating.method = r_.String(x);
      else if (k == "vector")
        rating.vector = r_.String(x);
      else if (k == "source") {
        r_.ForFields(x, [&](std::string_view sk, Value sx) {
          if (sk == "name") rating.source = r_.String(sx);
        });
      }
    });
    return rating;
  }

  VulnerabilityAffect ReadAffect(Value v) {
    VulnerabilityAffect affect;
    r_.ForFields(v, [&](std::string_view k, Value x) {
      if (k == "ref") affect.ref = r_.String(x);
      if (k != "versions") return;
      r_.ForEach(x, [&](Value ver) {
        std::string text, status;
        r_.ForFields(ver, [&](std::string_view vk, Value vx) {
          if (vk == "version" || vk == "range") text = r_.String(vx);
          if (vk == "status") status = r_.String(vx);
        });
        affect.versions.push_back(status.empty() ? text : text + " (" + status + ")");
      });
    });
    return affect;
  }

  void ReadAnalysis(Value v, Vulnerability& vuln) {
    r_.ForFields(v, [&](std::string_view k, Value x) {
      if (k == "state") vuln.analysis_state = r_.String(x);
      if (k == "justification") vuln.analysis_justification = r_.String(x);
      if (k == "response") vuln.analysis_response = r_.Strings(x);
      if (k == "detail") vuln.analysis_detail = r_.String(x);
    });
  }

  void LinkPrimary() {
    if (!doc_.metadata_component || doc_.metadata_component->ref.empty()) return;
    for (std::size_t i = 0; i < doc_.components.size(); ++i) {
      if (doc_.components[i].ref == doc_.metadata_component->ref) {
        doc_.primary_component = i;
        return;
      }
    }
  }

  JsonReader<Json>& r_;
  Document& doc_;
};

}  // namespace

template <class Json>
void ReadCycloneDxJson(typename Json::Root& json, JsonReader<Json>& reader, Document& out) {
  CycloneDxJson<Json>(reader, out).Read(json);
}

template void ReadCycloneDxJson<OnDemand>(ondemand::document&, JsonReader<OnDemand>&, Document&);
template void ReadCycloneDxJson<Dom>(simdjson::dom::element&, JsonReader<Dom>&, Document&);

}  // namespace craft::sbom::parse::json
