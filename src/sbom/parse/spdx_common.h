#pragma once
// What the SPDX 2 readers (JSON and tag-value) share: the SPDX field syntaxes that are the same in
// every serialisation, and the resolution of relationships once a document is read.

#include <string>
#include <string_view>
#include <vector>

#include "sbom/model.h"

namespace craft::sbom::parse {

// "Organization: Acme (info@acme.example)" / "Person: Jane Doe ()" / "Tool: foo-1.0".
struct SpdxActor {
  std::string kind;  // "Person", "Organization", "Tool", or "" for NOASSERTION / unparsable
  std::string name;
  std::string email;
};
SpdxActor ParseSpdxActor(std::string_view text);
Party ToParty(const SpdxActor& actor);

// Adds the creators of creationInfo to doc.authors (Person, Organization) and doc.tools (Tool).
void AddSpdxCreator(std::string_view text, Document& doc);

// A licence field value: NOASSERTION (absent, nothing added), NONE, one id, or an expression.
void AddSpdxLicense(std::string_view value, std::vector<License>& out);

// An external reference of a package: purl, cpe22Type / cpe23Type and swid set the identifiers;
// every reference is also kept in external_references.
void AddSpdxExternalRef(std::string_view category, std::string_view type, std::string_view locator,
                        std::string_view comment, Component& c);

// After reading: duplicate relationships dropped, the primary component (DESCRIBES /
// documentDescribes), and the dependency graph from the dependency relationships (DEPENDS_ON,
// DEPENDENCY_OF and the *_DEPENDENCY_OF kinds). `described` holds the documentDescribes ids, which
// the readers have also added as DESCRIBES relationships.
void ResolveSpdxRelationships(Document& doc, const std::vector<std::string>& described);

// The spec version of an "SPDX-2.3" value ("2.3"), with a diagnostic when it is not 2.2 or 2.3.
std::string SpdxSpecVersion(std::string_view value, std::string& problem, bool& is_error);

}  // namespace craft::sbom::parse
