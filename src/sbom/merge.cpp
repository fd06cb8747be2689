#include "sbom/merge.h"

#include <algorithm>
#include <map>
#include <set>

#include "sbom/purl.h"
#include "sbom/write/mapping.h"

namespace craft::sbom {
namespace {

using RefMap = std::map<std::string, std::string>;

template <class T, class Same>
void AddUnique(std::vector<T>& to, const T& item, Same same) {
  if (std::none_of(to.begin(), to.end(), [&](const T& x) { return same(x, item); }))
    to.push_back(item);
}

bool SameHash(const Hash& a, const Hash& b) {
  return write::CycloneDxHashAlgorithm(a.algorithm) == write::CycloneDxHashAlgorithm(b.algorithm) &&
         write::SpdxHashAlgorithm(a.algorithm) == write::SpdxHashAlgorithm(b.algorithm) &&
         a.value == b.value;
}

void AddSource(Component& c, const std::string& source) {
  AddUnique(
      c.properties, Property{std::string(kSourceProperty), source},
      [](const Property& a, const Property& b) { return a.name == b.name && a.value == b.value; });
}

// Completes `kept` with what only `duplicate` says.
void Absorb(Component& kept, const Component& duplicate) {
  auto fill = [](std::string& to, const std::string& from) {
    if (to.empty()) to = from;
  };
  fill(kept.purl, duplicate.purl);
  fill(kept.cpe, duplicate.cpe);
  fill(kept.swid_tag_id, duplicate.swid_tag_id);
  fill(kept.file_name, duplicate.file_name);
  fill(kept.description, duplicate.description);
  fill(kept.copyright, duplicate.copyright);
  if (!kept.supplier) kept.supplier = duplicate.supplier;
  if (!kept.manufacturer) kept.manufacturer = duplicate.manufacturer;
  if (kept.declared_licenses.empty()) kept.declared_licenses = duplicate.declared_licenses;
  if (kept.concluded_licenses.empty()) kept.concluded_licenses = duplicate.concluded_licenses;
  for (const auto& h : duplicate.hashes) AddUnique(kept.hashes, h, SameHash);
  for (const auto& p : duplicate.properties) {
    AddUnique(kept.properties, p, [](const Property& a, const Property& b) {
      return a.name == b.name && a.value == b.value;
    });
  }
}

std::string SourceLabel(const Document& doc, std::size_t position) {
  return doc.serial_number.empty() ? "#" + std::to_string(position + 1) : doc.serial_number;
}

class Merger {
 public:
  explicit Merger(const MergeOptions& options) : options_(options) {}

  Document Run(const std::vector<Document>& documents) {
    if (documents.empty()) return out_;
    Header(documents);
    PrimaryFrom(documents.front());
    for (std::size_t i = 0; i < documents.size(); ++i) AddDocument(documents[i], i);
    for (const auto& ref : dependency_order_) out_.dependencies.push_back({ref, edges_[ref]});
    return std::move(out_);
  }

 private:
  void Header(const std::vector<Document>& documents) {
    const Document& first = documents.front();
    out_.format = Format::kCycloneDxJson;
    out_.spec_version = "1.6";
    out_.document_version = 1;
    out_.supplier = first.supplier;
    out_.manufacturer = first.manufacturer;
    out_.licenses = first.licenses;
    for (const auto& p : first.properties) {
      if (!p.name.starts_with("craft:spdx:")) out_.properties.push_back(p);
    }
    for (const auto& doc : documents) {
      if (auto utc = write::ToSpdxTimestamp(doc.timestamp); utc && *utc > out_.timestamp)
        out_.timestamp = *utc;
      for (const auto& a : doc.authors) {
        AddUnique(out_.authors, a, [](const Party& x, const Party& y) {
          return x.name == y.name && x.emails == y.emails && x.urls == y.urls;
        });
      }
      for (const auto& t : doc.tools) {
        AddUnique(out_.tools, t, [](const Tool& x, const Tool& y) {
          return x.vendor == y.vendor && x.name == y.name && x.version == y.version;
        });
      }
      for (const auto& phase : doc.lifecycle_phases)
        AddUnique(out_.lifecycle_phases, phase, std::equal_to<>());
    }
  }

  void PrimaryFrom(const Document& first) {
    Component primary;
    if (const Component* p = first.Primary()) {
      primary = *p;
    } else {
      primary.type = "application";
    }
    primary.parent.reset();
    const bool renamed = (!options_.name.empty() && options_.name != primary.name) ||
                         (!options_.version.empty() && options_.version != primary.version);
    if (!options_.name.empty()) primary.name = options_.name;
    if (!options_.version.empty()) primary.version = options_.version;
    if (renamed) {
      primary.purl.clear();
      primary.cpe.clear();
      primary.swid_tag_id.clear();
      primary.hashes.clear();
    }
    if (primary.ref.empty())
      primary.ref = primary.version.empty() ? primary.name : primary.name + "@" + primary.version;
    if (primary.ref.empty()) primary.ref = "primary";
    AddSource(primary, SourceLabel(first, 0));
    used_refs_.insert(primary.ref);
    out_.name = first.name;
    if (renamed || out_.name.empty())
      out_.name = primary.version.empty() ? primary.name : primary.name + "-" + primary.version;
    out_.metadata_component = std::move(primary);
  }

  void AddDocument(const Document& doc, std::size_t position) {
    const std::string source = SourceLabel(doc, position);
    RefMap refs;
    std::vector<std::optional<std::size_t>> placed(doc.components.size());
    const Component* primary = doc.Primary();
    std::string primary_ref;
    if (position == 0) {
      if (primary && !primary->ref.empty())
        refs.emplace(primary->ref, out_.metadata_component->ref);
    } else if (doc.metadata_component) {
      const auto index = Place(*doc.metadata_component, source, position, refs);
      if (index) primary_ref = out_.components[*index].ref;
    }
    for (std::size_t i = 0; i < doc.components.size(); ++i) {
      if (position == 0 && doc.primary_component == i) continue;  // the merged primary
      const auto& c = doc.components[i];
      const auto index = Place(c, source, position, refs);
      placed[i] = index;
      if (!index) continue;  // the merged primary itself
      if (c.parent && *c.parent < i && placed[*c.parent] && !out_.components[*index].parent &&
          *placed[*c.parent] != *index)
        out_.components[*index].parent = placed[*c.parent];
      if (position > 0 && doc.primary_component == i && !doc.metadata_component)
        primary_ref = out_.components[*index].ref;
    }
    AddGraph(doc, refs);
    if (!primary_ref.empty()) AddEdge(out_.metadata_component->ref, primary_ref);
  }

  // True when `c` is the merged primary component (same purl, or without purls the same group,
  // name and version).
  bool IsMergedPrimary(const Component& c, const std::optional<std::string>& purl) const {
    const Component& p = *out_.metadata_component;
    const auto primary_purl = p.purl.empty() ? std::nullopt : CanonicalPurl(p.purl);
    if (purl || primary_purl) return purl && primary_purl && *purl == *primary_purl;
    return !c.name.empty() && c.group == p.group && c.name == p.name && c.version == p.version;
  }

  // The index in out_.components of `c`: an equal component already there, or `c` appended;
  // nullopt when `c` is the merged primary component.
  std::optional<std::size_t> Place(const Component& c, const std::string& source,
                                   std::size_t position, RefMap& refs) {
    const std::optional<std::string> purl = c.purl.empty() ? std::nullopt : CanonicalPurl(c.purl);
    if (IsMergedPrimary(c, purl)) {
      AddSource(*out_.metadata_component, source);
      if (!c.ref.empty()) refs.emplace(c.ref, out_.metadata_component->ref);
      return std::nullopt;
    }
    const std::string gnv = c.group + '\n' + c.name + '\n' + c.version;
    std::optional<std::size_t> found;
    if (purl && by_purl_.count(*purl)) found = by_purl_[*purl];
    if (!found && !c.name.empty() && by_gnv_.count(gnv)) {
      const std::size_t e = by_gnv_[gnv];
      if (!purl || out_.components[e].purl.empty()) found = e;
    }
    if (found) {
      Absorb(out_.components[*found], c);
      AddSource(out_.components[*found], source);
      if (!c.ref.empty()) refs.emplace(c.ref, out_.components[*found].ref);
      return *found;
    }
    Component copy = c;
    copy.parent.reset();
    if (!copy.ref.empty()) copy.ref = UniqueRef(c.ref, position);
    AddSource(copy, source);
    const std::size_t index = out_.components.size();
    if (!c.ref.empty()) refs.emplace(c.ref, copy.ref);
    if (purl) by_purl_.emplace(*purl, index);
    if (!c.name.empty()) by_gnv_.emplace(gnv, index);
    out_.components.push_back(std::move(copy));
    return index;
  }

  std::string UniqueRef(const std::string& ref, std::size_t position) {
    if (used_refs_.insert(ref).second) return ref;
    const std::string base = ref + "-sbom" + std::to_string(position + 1);
    std::string candidate = base;
    for (int n = 2; !used_refs_.insert(candidate).second; ++n)
      candidate = base + "-" + std::to_string(n);
    return candidate;
  }

  static std::string Mapped(const RefMap& refs, const std::string& ref) {
    auto it = refs.find(ref);
    return it == refs.end() ? ref : it->second;
  }

  void AddGraph(const Document& doc, const RefMap& refs) {
    for (const auto& d : doc.dependencies) {
      if (d.ref.empty()) continue;
      const std::string from = Mapped(refs, d.ref);
      AddNode(from);
      for (const auto& t : d.depends_on) {
        const std::string to = Mapped(refs, t);
        if (!t.empty() && (to != from || t == d.ref)) AddEdge(from, to);
      }
    }
    for (auto c : doc.compositions) {
      for (auto& r : c.assemblies) r = Mapped(refs, r);
      for (auto& r : c.dependencies) r = Mapped(refs, r);
      out_.compositions.push_back(std::move(c));
    }
    for (auto v : doc.vulnerabilities) {
      for (auto& a : v.affects) a.ref = Mapped(refs, a.ref);
      out_.vulnerabilities.push_back(std::move(v));
    }
    for (const auto& r : doc.relationships) {
      if (r.type == "DESCRIBES" || r.type == "DESCRIBED_BY") continue;
      if (!refs.count(r.from) || !refs.count(r.to)) continue;
      out_.relationships.push_back({refs.at(r.from), r.type, refs.at(r.to)});
    }
  }

  void AddNode(const std::string& ref) {
    if (edges_.try_emplace(ref).second) dependency_order_.push_back(ref);
  }

  void AddEdge(const std::string& from, const std::string& to) {
    AddNode(from);
    AddUnique(edges_[from], to, std::equal_to<>());
  }

  MergeOptions options_;
  Document out_;
  std::map<std::string, std::size_t> by_purl_, by_gnv_;
  std::set<std::string> used_refs_;
  std::vector<std::string> dependency_order_;
  std::map<std::string, std::vector<std::string>> edges_;
};

}  // namespace

Document Merge(const std::vector<Document>& documents, const MergeOptions& options) {
  return Merger(options).Run(documents);
}

}  // namespace craft::sbom
