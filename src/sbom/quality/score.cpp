#include "sbom/quality/score.h"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "sbom/ref_table.h"

namespace craft::sbom::quality {
namespace {

using Rule = std::function<bool(const Component&)>;

// The components judged: metadata.component, then every listed one.
std::vector<const Component*> Judged(const Document& doc) {
  std::vector<const Component*> out;
  if (doc.metadata_component) out.push_back(&*doc.metadata_component);
  for (const auto& c : doc.components) out.push_back(&c);
  return out;
}

double Share(const std::vector<const Component*>& cs, const Rule& ok) {
  if (cs.empty()) return 0;
  std::size_t n = 0;
  for (const auto* c : cs) n += ok(*c) ? 1 : 0;
  return static_cast<double>(n) / static_cast<double>(cs.size());
}

// Views into the document's strings.
RefSet GraphRefs(const Document& doc) {
  RefSet refs(doc.components.size() + doc.dependencies.size());
  for (const auto& d : doc.dependencies) {
    refs.Insert(d.ref);
    for (const auto& to : d.depends_on) refs.Insert(to);
  }
  for (const auto& r : doc.relationships) {
    if (r.type == "DEPENDS_ON" || r.type == "DEPENDENCY_OF" || r.type.ends_with("_DEPENDENCY_OF") ||
        r.type == "dependsOn" || r.type == "CONTAINS" || r.type == "contains") {
      refs.Insert(r.from);
      refs.Insert(r.to);
    }
  }
  return refs;
}

bool HasHash(const Component& c) {
  if (!c.hashes.empty()) return true;
  for (const auto& r : c.external_references) {
    if (!r.hashes.empty()) return true;
  }
  return false;
}

bool HasNamedParty(const std::optional<Party>& p) { return p && !p->name.empty(); }

double CreationInfo(const Document& doc) {
  double points = 0;
  if (!doc.timestamp.empty()) points += 4;
  if (!doc.authors.empty() || !doc.tools.empty()) points += 4;
  if (!doc.serial_number.empty()) points += 2;
  return points / 10;
}

}  // namespace

char GradeFor(double score) {
  if (score >= 90) return 'A';
  if (score >= 80) return 'B';
  if (score >= 70) return 'C';
  if (score >= 60) return 'D';
  if (score >= 50) return 'E';
  return 'F';
}

QualityScore ScoreSbom(const Document& doc) {
  auto cs = Judged(doc);
  auto graph = GraphRefs(doc);
  QualityScore q;
  q.categories = {{
      {"identification", 15, Share(cs, [](const Component& c) { return !c.name.empty(); })},
      {"versions", 15, Share(cs, [](const Component& c) { return !c.version.empty(); })},
      {"suppliers", 15,
       Share(cs,
             [](const Component& c) {
               return HasNamedParty(c.supplier) || HasNamedParty(c.manufacturer);
             })},
      {"unique_identifiers", 15,
       Share(cs,
             [](const Component& c) {
               return !c.purl.empty() || !c.cpe.empty() || !c.swid_tag_id.empty();
             })},
      {"dependencies", 15,
       Share(cs, [&](const Component& c) { return !c.ref.empty() && graph.Contains(c.ref); })},
      {"licences", 10,
       Share(cs,
             [](const Component& c) {
               return !c.declared_licenses.empty() || !c.concluded_licenses.empty();
             })},
      {"hashes", 5, Share(cs, HasHash)},
      {"creation_info", 10, CreationInfo(doc)},
  }};
  for (auto& cat : q.categories) {
    cat.points = cat.weight * cat.fraction;
    q.score += cat.points;
  }
  q.grade = GradeFor(q.score);
  return q;
}

}  // namespace craft::sbom::quality
