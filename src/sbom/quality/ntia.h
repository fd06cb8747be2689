#pragma once
// The NTIA minimum elements ("The Minimum Elements For a Software Bill of Materials", NTIA 2021)
// judged on a parsed SBOM. Pure: reads only the Document, no I/O, thread-safe.
//
// What each element needs, per component of Document::components (and metadata.component):
//   supplier              a supplier with a non-empty name. SPDX "NOASSERTION" is read by the
//                         parser as no supplier, so it fails here.
//   component name        a non-empty name.
//   version               a non-empty version.
//   unique identifier     SPDX: the element id (SPDXID / spdxId). CycloneDX: a PURL, CPE or SWID
//                         tag id (a bom-ref is local to one document and does not count).
// and per document:
//   dependency relationship  SPDX: the document DESCRIBES an element (documentDescribes, a
//                         DESCRIBES relationship or an SPDX 3 root element). CycloneDX: the
//                         dependency graph has an entry for the primary (metadata) component.
//   SBOM author           at least one creator: a person, an organisation or a tool.
//   timestamp             a non-empty timestamp.
// A per-component element is not applicable when the document has no component at all.

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "sbom/model.h"

namespace craft::sbom::quality {

enum class Outcome { kPass, kFail, kNotApplicable };

constexpr std::string_view OutcomeName(Outcome o) {
  switch (o) {
    case Outcome::kPass:
      return "pass";
    case Outcome::kFail:
      return "fail";
    case Outcome::kNotApplicable:
      return "not_applicable";
  }
  return "unknown";
}

// In `Check::failing`: the CycloneDX subject, metadata.component.
inline constexpr std::size_t kMetadataComponent = static_cast<std::size_t>(-1);

// The judgement of one element or field: its outcome, why, and which components fail it, in
// document order: indices into Document::components, or kMetadataComponent (named for output by
// FailingLabel; a check keeps no copy of a component's name).
struct Check {
  Outcome outcome = Outcome::kNotApplicable;
  std::string reason;
  std::vector<std::size_t> failing;
};

enum class NtiaElement {
  kSupplier,
  kComponentName,
  kVersion,
  kUniqueIdentifier,
  kDependencyRelationship,
  kAuthor,
  kTimestamp,
};
inline constexpr std::size_t kNtiaElementCount = 7;

constexpr std::string_view NtiaElementName(NtiaElement e) {
  switch (e) {
    case NtiaElement::kSupplier:
      return "supplier";
    case NtiaElement::kComponentName:
      return "component_name";
    case NtiaElement::kVersion:
      return "version";
    case NtiaElement::kUniqueIdentifier:
      return "unique_identifier";
    case NtiaElement::kDependencyRelationship:
      return "dependency_relationship";
    case NtiaElement::kAuthor:
      return "author";
    case NtiaElement::kTimestamp:
      return "timestamp";
  }
  return "unknown";
}

struct NtiaReport {
  std::array<Check, kNtiaElementCount> elements;  // indexed by NtiaElement

  const Check& operator[](NtiaElement e) const { return elements[static_cast<std::size_t>(e)]; }
  Check& operator[](NtiaElement e) { return elements[static_cast<std::size_t>(e)]; }
  // True when no element fails.
  bool Conforms() const {
    for (const auto& c : elements) {
      if (c.outcome == Outcome::kFail) return false;
    }
    return true;
  }
};

NtiaReport CheckNtia(const Document& doc);

// How a component is named in reports: its ref, else its name, else "#<index>".
std::string ComponentLabel(const Component& c, std::size_t index);

// How an entry of `Check::failing` of a check of `doc` is named: "metadata.component", else
// ComponentLabel. The view is into `doc` or, for "#<index>", into `scratch`.
std::string_view FailingLabel(const Document& doc, std::size_t failing, std::string& scratch);

// FailingLabel of every entry of `check.failing`, in order.
std::vector<std::string> FailingLabels(const Document& doc, const Check& check);

}  // namespace craft::sbom::quality
