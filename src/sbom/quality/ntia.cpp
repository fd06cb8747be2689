#include "sbom/quality/ntia.h"

#include <functional>

namespace craft::sbom::quality {
namespace {

bool IsSpdx(Format f) {
  return f == Format::kSpdxJson || f == Format::kSpdxTagValue || f == Format::kSpdx3JsonLd;
}

// Runs `ok` on every component (and metadata.component) and turns the result into a Check.
Check PerComponent(const Document& doc, const std::function<bool(const Component&)>& ok,
                   std::string_view what) {
  Check check;
  std::size_t total = 0;
  if (doc.metadata_component) {
    ++total;
    if (!ok(*doc.metadata_component)) check.failing.push_back(kMetadataComponent);
  }
  for (std::size_t i = 0; i < doc.components.size(); ++i) {
    ++total;
    if (!ok(doc.components[i])) check.failing.push_back(i);
  }
  if (total == 0) {
    check.reason = "the SBOM lists no component";
    return check;
  }
  if (check.failing.empty()) {
    check.outcome = Outcome::kPass;
    check.reason = "every component has " + std::string(what);
  } else {
    check.outcome = Outcome::kFail;
    check.reason = std::to_string(check.failing.size()) + " of " + std::to_string(total) +
                   " components lack " + std::string(what);
  }
  return check;
}

Check DocumentLevel(bool ok, std::string_view pass_reason, std::string_view fail_reason) {
  Check check;
  check.outcome = ok ? Outcome::kPass : Outcome::kFail;
  check.reason = ok ? pass_reason : fail_reason;
  return check;
}

bool HasDependencyRoot(const Document& doc) {
  if (IsSpdx(doc.format)) {
    if (doc.primary_component) return true;
    for (const auto& r : doc.relationships) {
      if (r.type == "DESCRIBES" || r.type == "describes") return true;
    }
    return false;
  }
  const Component* primary = doc.Primary();
  if (primary == nullptr || primary->ref.empty()) return false;
  for (const auto& d : doc.dependencies) {
    if (d.ref == primary->ref) return true;
  }
  return false;
}

}  // namespace

std::string ComponentLabel(const Component& c, std::size_t index) {
  if (!c.ref.empty()) return c.ref;
  if (!c.name.empty()) return c.name;
  return "#" + std::to_string(index);
}

std::string_view FailingLabel(const Document& doc, std::size_t failing, std::string& scratch) {
  if (failing == kMetadataComponent) return "metadata.component";
  const Component& c = doc.components[failing];
  if (!c.ref.empty()) return c.ref;
  if (!c.name.empty()) return c.name;
  scratch = ComponentLabel(c, failing);
  return scratch;
}

std::vector<std::string> FailingLabels(const Document& doc, const Check& check) {
  std::vector<std::string> labels;
  labels.reserve(check.failing.size());
  std::string scratch;
  for (std::size_t failing : check.failing) {
    labels.emplace_back(FailingLabel(doc, failing, scratch));
  }
  return labels;
}

NtiaReport CheckNtia(const Document& doc) {
  NtiaReport report;
  report[NtiaElement::kSupplier] = PerComponent(
      doc, [](const Component& c) { return c.supplier && !c.supplier->name.empty(); },
      "a supplier name");
  report[NtiaElement::kComponentName] = PerComponent(
      doc, [](const Component& c) { return !c.name.empty(); }, "a name");
  report[NtiaElement::kVersion] = PerComponent(
      doc, [](const Component& c) { return !c.version.empty(); }, "a version");
  if (IsSpdx(doc.format)) {
    report[NtiaElement::kUniqueIdentifier] = PerComponent(
        doc, [](const Component& c) { return !c.ref.empty(); }, "an SPDX element id");
  } else {
    report[NtiaElement::kUniqueIdentifier] = PerComponent(
        doc,
        [](const Component& c) {
          return !c.purl.empty() || !c.cpe.empty() || !c.swid_tag_id.empty();
        },
        "a PURL, CPE or SWID tag id");
  }
  report[NtiaElement::kDependencyRelationship] =
      DocumentLevel(HasDependencyRoot(doc), "the SBOM states what its subject depends on",
                    IsSpdx(doc.format) ? "the document DESCRIBES no element"
                                       : "the dependency graph has no entry for the primary "
                                         "component");
  report[NtiaElement::kAuthor] =
      DocumentLevel(!doc.authors.empty() || !doc.tools.empty(), "the SBOM names its author",
                    "the SBOM names no author (person, organisation or tool)");
  report[NtiaElement::kTimestamp] = DocumentLevel(
      !doc.timestamp.empty(), "the SBOM has a timestamp", "the SBOM has no timestamp");
  return report;
}

}  // namespace craft::sbom::quality
