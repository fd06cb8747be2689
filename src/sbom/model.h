#pragma once
// The normalised SBOM: what craft keeps of a CycloneDX or SPDX document, whatever its format or
// spec version. Plain data, no I/O, no third-party types. Every parser in sbom/parse/ fills this
// one shape; everything after parsing (quality, summary, writers, merge) reads only this shape.
//
// Conventions: an empty string or empty vector means "absent in the source document"; strings
// keep the source's spelling (no trimming, no case folding) except where a field says otherwise.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace craft::sbom {

enum class Format {
  kCycloneDxJson,
  kCycloneDxXml,
  kSpdxJson,      // SPDX 2.2 / 2.3 JSON
  kSpdxTagValue,  // SPDX 2.2 / 2.3 tag-value
  kSpdx3JsonLd,   // SPDX 3.0.x JSON-LD
};

// A hash of a component, an external reference or a file. `algorithm` keeps the source's name
// ("SHA-256" in CycloneDX, "SHA256" in SPDX); `value` is the hex (or base64) digest as written.
struct Hash {
  std::string algorithm;
  std::string value;
};

// A licence statement. Exactly one of `id` (an SPDX licence id or LicenseRef-), `name` (free
// text) or `expression` (an SPDX licence expression) is normally set; `text` and `url` may
// accompany an id or name. `acknowledgement` is CycloneDX 1.6+ "declared" / "concluded".
struct License {
  std::string id;
  std::string name;
  std::string expression;
  std::string url;
  std::string acknowledgement;
};

struct ExternalReference {
  std::string type;  // CycloneDX type ("vcs", "distribution", ...) or SPDX category/type
  std::string url;
  std::string comment;
  std::vector<Hash> hashes;
};

struct Property {
  std::string name;
  std::string value;
};

// A person, an organisation or a tool that made or supplies something.
struct Party {
  std::string name;
  std::vector<std::string> urls;
  std::vector<std::string> emails;  // contacts' e-mail addresses, in source order
};

struct Tool {
  std::string vendor;
  std::string name;
  std::string version;
};

struct Component {
  std::string ref;   // CycloneDX bom-ref, SPDX SPDXID or SPDX 3 spdxId
  std::string type;  // CycloneDX type ("library", ...) or SPDX primaryPackagePurpose
  std::string group;
  std::string name;
  std::string version;
  std::optional<Party> supplier;
  std::optional<Party> manufacturer;  // CycloneDX manufacturer / author; SPDX originator
  std::string purl;                   // as written; sbom/purl.h normalises it
  std::string cpe;
  std::string swid_tag_id;
  std::vector<Hash> hashes;
  std::vector<License> declared_licenses;
  std::vector<License> concluded_licenses;
  std::vector<ExternalReference> external_references;
  std::vector<Property> properties;
  std::string file_name;  // SPDX packageFileName, or the bsi:component:filename property
  std::string scope;      // CycloneDX scope (required / optional / excluded)
  std::string copyright;
  std::string description;
  // Index into Document::components of the component this one is nested in, if any.
  std::optional<std::size_t> parent;

  // The value of the first property named `name`, or nullptr. BSI TR-03183-2 properties are read
  // this way: `FindProperty("bsi:component:executable")`.
  const std::string* FindProperty(std::string_view name) const {
    for (const auto& p : properties) {
      if (p.name == name) return &p.value;
    }
    return nullptr;
  }
};

// One node of the dependency graph: `ref` depends on each of `depends_on` (component refs).
// SPDX DEPENDS_ON / DEPENDENCY_OF / CONTAINS relationships are turned into this direction.
struct Dependency {
  std::string ref;
  std::vector<std::string> depends_on;
};

// A completeness declaration (CycloneDX compositions). `aggregate` keeps the source value
// ("complete", "incomplete", "unknown", ...); `assemblies` / `dependencies` are refs it covers.
struct Composition {
  std::string aggregate;
  std::vector<std::string> assemblies;
  std::vector<std::string> dependencies;
};

struct VulnerabilityRating {
  std::string source;
  std::optional<double> score;
  std::string severity;
  std::string method;  // CVSSv31, CVSSv4, ...
  std::string vector;
};

struct VulnerabilityAffect {
  std::string ref;                    // component ref
  std::vector<std::string> versions;  // versions or ranges as written, with their status
};

// An embedded vulnerability, with its VEX analysis when present.
struct Vulnerability {
  std::string ref;     // bom-ref
  std::string id;      // CVE-..., GHSA-..., ...
  std::string source;  // name of the source (NVD, GitHub, ...)
  std::string source_url;
  std::vector<VulnerabilityRating> ratings;
  std::vector<VulnerabilityAffect> affects;
  std::string analysis_state;                  // exploitable, not_affected, ...
  std::string analysis_justification;          // code_not_present, ...
  std::vector<std::string> analysis_response;  // update, will_not_fix, ...
  std::string analysis_detail;
  std::string description;
};

// An SPDX relationship as written ("SPDXRef-A DEPENDS_ON SPDXRef-B"); SPDX 3 relationships keep
// their camelCase type ("dependsOn"). CycloneDX documents have none (their graph is
// `dependencies`).
struct Relationship {
  std::string from;
  std::string type;
  std::string to;
};

struct Document {
  Format format = Format::kCycloneDxJson;
  std::string spec_version;    // "1.6", "2.3", "3.0.1"
  std::string serial_number;   // CycloneDX serialNumber, SPDX documentNamespace or spdxId
  std::string name;            // SPDX document name
  int document_version = 0;    // CycloneDX "version"; 0 when absent
  std::string timestamp;       // as written (RFC 3339 expected)
  std::vector<Party> authors;  // CycloneDX metadata.authors; SPDX creators (Person/Organization)
  std::vector<Tool> tools;     // CycloneDX metadata.tools; SPDX creators (Tool)
  std::optional<Party> supplier;
  std::optional<Party> manufacturer;
  // CycloneDX metadata.component: the subject of the BOM, kept apart from `components` (so that
  // `components.size()` is the count a user expects from the components array).
  std::optional<Component> metadata_component;
  // Index into `components` of the primary component when it is listed there: the package an SPDX
  // document DESCRIBES (or its root element), or the component sharing metadata.component's
  // bom-ref.
  std::optional<std::size_t> primary_component;
  std::vector<std::string> lifecycle_phases;  // "build", "pre-build", ... or names
  std::vector<License> licenses;              // CycloneDX metadata.licenses, SPDX dataLicense
  std::vector<Property> properties;           // CycloneDX metadata.properties
  // CycloneDX components (nested ones flattened depth-first, parents first) or SPDX packages.
  // SPDX files and snippets are not components; relationships may still name them.
  std::vector<Component> components;
  std::vector<Dependency> dependencies;
  std::vector<Relationship> relationships;
  std::vector<Composition> compositions;
  std::vector<Vulnerability> vulnerabilities;

  // The component this SBOM is about: metadata.component, else the primary listed component.
  const Component* Primary() const {
    if (metadata_component) return &*metadata_component;
    if (primary_component && *primary_component < components.size()) {
      return &components[*primary_component];
    }
    return nullptr;
  }
};

// Where a diagnostic points: a JSON pointer ("/components/3/purl"), an XPath
// ("/bom/components/component[4]/purl") or "line:column" for text formats.
struct Diagnostic {
  enum class Severity { kError, kWarning };
  Severity severity = Severity::kError;
  std::string location;
  std::string message;
};

// Limits on untrusted input. Input beyond them is refused with an error diagnostic, never
// truncated.
struct Limits {
  std::size_t max_bytes = std::size_t{256} * 1024 * 1024;
  std::size_t max_depth = 64;
  std::size_t max_components = 500000;
};

// A result that may carry a value and always carries what was noticed on the way. `value` is set
// when the input could be read (warnings, and for some formats recoverable errors, may remain).
template <class T>
struct Parsed {
  std::optional<T> value;
  std::vector<Diagnostic> diagnostics;

  bool HasErrors() const {
    for (const auto& d : diagnostics) {
      if (d.severity == Diagnostic::Severity::kError) return true;
    }
    return false;
  }
};

// The canonical name of a format, e.g. "CycloneDX JSON".
constexpr std::string_view FormatName(Format f) {
  switch (f) {
    case Format::kCycloneDxJson:
      return "CycloneDX JSON";
    case Format::kCycloneDxXml:
      return "CycloneDX XML";
    case Format::kSpdxJson:
      return "SPDX JSON";
    case Format::kSpdxTagValue:
      return "SPDX tag-value";
    case Format::kSpdx3JsonLd:
      return "SPDX 3 JSON-LD";
  }
  return "unknown";
}

}  // namespace craft::sbom
