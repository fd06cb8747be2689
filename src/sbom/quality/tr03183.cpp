#include "sbom/quality/tr03183.h"

#include <cctype>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "sbom/license/expression.h"
#include "sbom/ref_table.h"

namespace craft::sbom::quality {
namespace {

// std::isspace in the C locale (craft never sets another), written out: it was a library call
// per character of every URL and e-mail address checked.
bool HasSpace(std::string_view s) {
  for (char ch : s) {
    if (ch == ' ' || (ch >= '\t' && ch <= '\r')) return true;
  }
  return false;
}

using Rule = std::function<bool(const Component&)>;

bool IsSpdx(Format f) {
  return f == Format::kSpdxJson || f == Format::kSpdxTagValue || f == Format::kSpdx3JsonLd;
}

// "1.6" -> {1, 6, 0}; "3.0.1" -> {3, 0, 1}; unreadable parts are 0.
std::array<int, 3> VersionParts(std::string_view v) {
  std::array<int, 3> parts{0, 0, 0};
  std::size_t i = 0;
  for (char ch : v) {
    if (ch == '.') {
      if (++i == parts.size()) break;
    } else if (std::isdigit(static_cast<unsigned char>(ch)) != 0) {
      parts[i] = parts[i] * 10 + (ch - '0');
    }
  }
  return parts;
}

Check Verdict(bool ok, std::string_view pass, std::string_view fail) {
  Check c;
  c.outcome = ok ? Outcome::kPass : Outcome::kFail;
  c.reason = ok ? pass : fail;
  return c;
}

Check FormatVersion(const Document& doc, TrVersion v) {
  auto have = VersionParts(doc.spec_version);
  bool v21 = v == TrVersion::kV2_1_0;
  std::array<int, 3> need;
  std::string floor;
  if (IsSpdx(doc.format)) {
    need = v21 ? std::array<int, 3>{3, 0, 1} : std::array<int, 3>{2, 2, 0};
    floor = v21 ? "SPDX 3.0.1" : "SPDX 2.2.1";
  } else {
    need = v21 ? std::array<int, 3>{1, 6, 0} : std::array<int, 3>{1, 5, 0};
    floor = v21 ? "CycloneDX 1.6" : "CycloneDX 1.5";
  }
  return Verdict(have >= need, "the format version is at least " + floor,
                 "the format version " + doc.spec_version + " is below " + floor);
}

// A party is a valid creator contact when it has a valid e-mail or URL and no invalid one.
bool HasContact(const std::optional<Party>& p) {
  if (!p || (p->emails.empty() && p->urls.empty())) return false;
  for (const auto& e : p->emails) {
    if (!IsValidEmail(e)) return false;
  }
  for (const auto& u : p->urls) {
    if (!IsValidUrl(u)) return false;
  }
  return true;
}

Check SbomCreator(const Document& doc) {
  bool ok = HasContact(doc.manufacturer) || HasContact(doc.supplier);
  for (const auto& a : doc.authors) ok = ok || HasContact(a);
  return Verdict(ok, "the SBOM creator has a valid e-mail or URL",
                 "no SBOM author, manufacturer or supplier with a valid e-mail or URL");
}

bool HasReferenceUrl(const Component& c, std::initializer_list<std::string_view> types) {
  for (const auto& r : c.external_references) {
    for (auto t : types) {
      if (r.type == t && IsValidUrl(r.url)) return true;
    }
  }
  return false;
}

bool IsSha512(const Hash& h) {
  return h.algorithm == "SHA-512" || h.algorithm == "SHA512" || h.algorithm == "sha512";
}

bool HasDeployableHash(const Component& c, bool spdx) {
  for (const auto& r : c.external_references) {
    if (r.type != "distribution") continue;
    for (const auto& h : r.hashes) {
      if (IsSha512(h)) return true;
    }
  }
  if (spdx) {
    for (const auto& h : c.hashes) {
      if (IsSha512(h)) return true;
    }
  }
  return false;
}

// A licence that names something: a valid SPDX id or expression (sbom/license/expression.h), or a
// free-text name. NONE and NOASSERTION state no licence.
bool IsValidLicenceText(std::string_view text) {
  if (text == "NONE" || text == "NOASSERTION") return false;
  return ParseLicenseExpression(text).Valid();
}

// Whether licences are valid (IsValidLicenceText), each distinct text parsed once: a few licence
// ids recur across thousands of components. Keys are views into the document being checked.
class LicenceValidity {
 public:
  bool Text(std::string_view text) {
    auto [it, fresh] = known_.try_emplace(text, false);
    if (fresh) it->second = IsValidLicenceText(text);
    return it->second;
  }

  bool Of(const License& l) {
    if (!l.id.empty()) return Text(l.id);
    if (!l.expression.empty()) return Text(l.expression);
    return !l.name.empty() && l.name != "NONE" && l.name != "NOASSERTION";
  }

  // Non-empty and every licence valid.
  bool All(const std::vector<License>& ls) {
    if (ls.empty()) return false;
    for (const auto& l : ls) {
      if (!Of(l)) return false;
    }
    return true;
  }

  bool Distribution(const Component& c) {
    if (const std::string* p = c.FindProperty("bsi:component:effectiveLicense")) return Text(*p);
    return All(c.concluded_licenses);
  }

 private:
  std::unordered_map<std::string_view, bool> known_;
};

Rule Property(std::string name, std::vector<std::string_view> allowed) {
  return [name = std::move(name), allowed = std::move(allowed)](const Component& c) {
    const std::string* v = c.FindProperty(name);
    if (v == nullptr) return false;
    for (auto a : allowed) {
      if (*v == a) return true;
    }
    return false;
  };
}

// Runs `ok` on metadata.component (labelled "metadata.component") and every listed component.
Check PerComponent(const Document& doc, const Rule& ok, std::string_view what) {
  Check check;
  std::size_t total = doc.components.size() + (doc.metadata_component ? 1 : 0);
  if (total == 0) {
    check.reason = "the SBOM lists no component";
    return check;
  }
  if (doc.metadata_component && !ok(*doc.metadata_component)) {
    check.failing.push_back(kMetadataComponent);
  }
  for (std::size_t i = 0; i < doc.components.size(); ++i) {
    if (!ok(doc.components[i])) check.failing.push_back(i);
  }
  check.outcome = check.failing.empty() ? Outcome::kPass : Outcome::kFail;
  check.reason = check.failing.empty()
                     ? "every component has " + std::string(what)
                     : std::to_string(check.failing.size()) + " of " + std::to_string(total) +
                           " components lack " + std::string(what);
  return check;
}

// Refs with a graph entry or named as a dependency; refs covered by a composition. Views into the
// document's strings.
struct Graph {
  RefSet in_graph;
  RefSet completeness;
};

Graph ReadGraph(const Document& doc) {
  Graph g;
  g.in_graph = RefSet(doc.components.size() + doc.dependencies.size());
  for (const auto& d : doc.dependencies) {
    g.in_graph.Insert(d.ref);
    for (const auto& to : d.depends_on) g.in_graph.Insert(to);
  }
  for (const auto& r : doc.relationships) {
    if (r.type == "DEPENDS_ON" || r.type == "DEPENDENCY_OF" || r.type == "dependsOn" ||
        r.type == "CONTAINS" || r.type == "contains") {
      g.in_graph.Insert(r.from);
      g.in_graph.Insert(r.to);
    } else if (r.type == "DESCRIBES" || r.type == "describes") {
      g.in_graph.Insert(r.to);  // the SBOM's subject: a leaf when nothing else is said
    }
  }
  for (const auto& c : doc.compositions) {
    if (c.aggregate.empty()) continue;
    for (const auto& ref : c.assemblies) g.completeness.Insert(ref);
    for (const auto& ref : c.dependencies) g.completeness.Insert(ref);
  }
  return g;
}

// "scheme:rest" with an RFC 3986 scheme (a letter, then letters, digits, '+', '-', '.').
bool HasUriScheme(std::string_view s) {
  auto colon = s.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == s.size()) return false;
  if (std::isalpha(static_cast<unsigned char>(s[0])) == 0) return false;
  for (char ch : s.substr(0, colon)) {
    if (std::isalnum(static_cast<unsigned char>(ch)) == 0 && ch != '+' && ch != '-' && ch != '.') {
      return false;
    }
  }
  return true;
}

void DocumentFields(const Document& doc, TrVersion version, Tr03183Report& r) {
  r[TrField::kFormatVersion] = FormatVersion(doc, version);
  r[TrField::kSbomCreator] = SbomCreator(doc);
  r[TrField::kTimestamp] =
      Verdict(IsRfc3339(doc.timestamp), "the timestamp is an RFC 3339 date-time",
              doc.timestamp.empty() ? "the SBOM has no timestamp"
                                    : "the timestamp \"" + doc.timestamp + "\" is not RFC 3339");
  r[TrField::kSbomUri] = Verdict(HasUriScheme(doc.serial_number), "the SBOM has a URI",
                                 doc.serial_number.empty()
                                     ? "the SBOM has no serial number or namespace"
                                     : "the SBOM's id \"" + doc.serial_number + "\" is not a URI");
  r[TrField::kNoVulnerabilities] =
      Verdict(doc.vulnerabilities.empty(), "the SBOM carries no vulnerability data",
              "the SBOM carries " + std::to_string(doc.vulnerabilities.size()) +
                  " vulnerabilities; TR-03183-2 keeps them out of the SBOM");
}

void IdentityFields(const Document& doc, Tr03183Report& r) {
  r[TrField::kCreator] = PerComponent(
      doc, [](const Component& c) { return HasContact(c.supplier) || HasContact(c.manufacturer); },
      "a creator with a valid e-mail or URL");
  r[TrField::kName] = PerComponent(
      doc, [](const Component& c) { return !c.name.empty(); }, "a name");
  r[TrField::kVersion] = PerComponent(
      doc, [](const Component& c) { return !c.version.empty(); }, "a version");
  r[TrField::kFilename] = PerComponent(
      doc, [](const Component& c) { return !c.file_name.empty(); }, "a filename");
  r[TrField::kOtherUniqueIds] = PerComponent(
      doc,
      [](const Component& c) {
        return !c.purl.empty() || !c.cpe.empty() || !c.swid_tag_id.empty();
      },
      "a PURL, CPE or SWID tag id");
}

void DependencyFields(const Document& doc, TrVersion version, Tr03183Report& r) {
  Graph g = ReadGraph(doc);
  auto in_graph = [&](const Component& c) { return !c.ref.empty() && g.in_graph.Contains(c.ref); };
  r[TrField::kDependencies] = PerComponent(doc, in_graph, "dependency information");
  if (version == TrVersion::kV2_1_0) {
    r[TrField::kDependencyCompleteness] = PerComponent(
        doc, [&](const Component& c) { return g.completeness.Contains(c.ref); },
        "a stated completeness of its dependencies");
  } else {
    r[TrField::kDependencyCompleteness].reason = "TR-03183-2 v2.0.0 does not require it";
  }
}

void ArtefactFields(const Document& doc, Tr03183Report& r) {
  bool spdx = IsSpdx(doc.format);
  LicenceValidity licences;
  r[TrField::kDistributionLicence] = PerComponent(
      doc, [&](const Component& c) { return licences.Distribution(c); },
      "a distribution (effective) licence");
  r[TrField::kOriginalLicences] = PerComponent(
      doc, [&](const Component& c) { return licences.All(c.declared_licenses); },
      "a valid declared licence");
  r[TrField::kDeployableHash] = PerComponent(
      doc, [spdx](const Component& c) { return HasDeployableHash(c, spdx); },
      "a SHA-512 hash of the deployable form");
  r[TrField::kExecutable] = PerComponent(
      doc, Property("bsi:component:executable", {"executable", "non-executable", "true", "false"}),
      "bsi:component:executable");
  r[TrField::kArchive] = PerComponent(
      doc, Property("bsi:component:archive", {"archive", "no archive", "true", "false"}),
      "bsi:component:archive");
  r[TrField::kStructured] = PerComponent(
      doc, Property("bsi:component:structured", {"structured", "unstructured", "true", "false"}),
      "bsi:component:structured");
  r[TrField::kSourceCodeUri] = PerComponent(
      doc,
      [](const Component& c) {
        return HasReferenceUrl(c, {"vcs", "source-distribution"});
      },
      "a source code URI");
  r[TrField::kDeployableUri] = PerComponent(
      doc, [](const Component& c) { return HasReferenceUrl(c, {"distribution"}); },
      "a URI of the deployable form");
}

}  // namespace

std::string_view TrFieldName(TrField f) {
  static constexpr std::array<std::string_view, kTrFieldCount> kNames = {"format_version",
                                                                         "sbom_creator",
                                                                         "timestamp",
                                                                         "sbom_uri",
                                                                         "no_vulnerabilities",
                                                                         "creator",
                                                                         "name",
                                                                         "version",
                                                                         "filename",
                                                                         "dependencies",
                                                                         "dependency_completeness",
                                                                         "distribution_licence",
                                                                         "deployable_hash",
                                                                         "executable",
                                                                         "archive",
                                                                         "structured",
                                                                         "source_code_uri",
                                                                         "deployable_uri",
                                                                         "other_unique_ids",
                                                                         "original_licences"};
  return kNames[static_cast<std::size_t>(f)];
}

bool IsAdditional(TrField f) {
  return f == TrField::kSbomUri || f == TrField::kSourceCodeUri || f == TrField::kDeployableUri ||
         f == TrField::kOtherUniqueIds || f == TrField::kOriginalLicences;
}

bool Tr03183Report::Conforms() const {
  for (std::size_t i = 0; i < kTrFieldCount; ++i) {
    if (!IsAdditional(static_cast<TrField>(i)) && fields[i].outcome == Outcome::kFail) return false;
  }
  return true;
}

Tr03183Report CheckTr03183(const Document& doc, TrVersion version) {
  Tr03183Report r;
  r.version = version;
  DocumentFields(doc, version, r);
  IdentityFields(doc, r);
  DependencyFields(doc, version, r);
  ArtefactFields(doc, r);
  return r;
}

bool IsValidEmail(std::string_view s) {
  auto at = s.find('@');
  if (at == std::string_view::npos || at == 0 || s.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  auto domain = s.substr(at + 1);
  auto dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == domain.size()) return false;
  return !HasSpace(s);
}

bool IsValidUrl(std::string_view s) {
  std::string_view rest;
  if (s.starts_with("https://")) {
    rest = s.substr(8);
  } else if (s.starts_with("http://")) {
    rest = s.substr(7);
  } else {
    return false;
  }
  auto host = rest.substr(0, rest.find_first_of("/?#"));
  if (host.empty()) return false;
  return !HasSpace(s);
}

bool IsRfc3339(std::string_view s) {
  // YYYY-MM-DDThh:mm:ss
  static constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:dd";
  if (s.size() < kShape.size()) return false;
  for (std::size_t i = 0; i < kShape.size(); ++i) {
    char want = kShape[i];
    char ch = s[i];
    bool ok = want == 'd' ? std::isdigit(static_cast<unsigned char>(ch)) != 0
                          : (ch == want || (want == 'T' && (ch == 't' || ch == ' ')));
    if (!ok) return false;
  }
  auto two = [&](std::size_t at) { return (s[at] - '0') * 10 + (s[at + 1] - '0'); };
  if (two(5) < 1 || two(5) > 12 || two(8) < 1 || two(8) > 31 || two(11) > 23 || two(14) > 59 ||
      two(17) > 60) {
    return false;
  }
  std::size_t i = kShape.size();
  if (i < s.size() && s[i] == '.') {
    std::size_t start = ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) != 0) ++i;
    if (i == start) return false;
  }
  auto zone = s.substr(i);
  if (zone == "Z" || zone == "z") return true;
  return zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') &&
         std::isdigit(static_cast<unsigned char>(zone[1])) != 0 &&
         std::isdigit(static_cast<unsigned char>(zone[2])) != 0 && zone[3] == ':' &&
         std::isdigit(static_cast<unsigned char>(zone[4])) != 0 &&
         std::isdigit(static_cast<unsigned char>(zone[5])) != 0;
}

}  // namespace craft::sbom::quality
