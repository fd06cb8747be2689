#pragma once
// Per-type purl rules, transcribed from the type definitions of the purl specification
// (purl-spec types/<type>-definition.json). Used by purl.cpp; exposed so that a test can hold the
// table against the definitions themselves.

#include <span>
#include <string>
#include <string_view>

#include "sbom/purl.h"

namespace craft::sbom {

enum class PurlRequirement { kOptional, kRequired, kProhibited };

struct PurlTypeRule {
  std::string_view type;
  PurlRequirement namespace_requirement;
  bool namespace_case_insensitive;  // lowercased in canonical form
  bool name_case_insensitive;
  bool version_case_insensitive;
  std::string_view qualifier_keys;           // keys the type defines, space-separated
  std::string_view required_qualifier_keys;  // space-separated
};

// Every type the specification defines, in alphabetical order.
std::span<const PurlTypeRule> PurlTypeRules();

// The rule of `type` (lowercase), or nullptr for a type the specification does not define.
const PurlTypeRule* FindPurlTypeRule(std::string_view type);

// Applies the normalisation of `purl.type` to the decoded components (case folding, name
// rewriting) and checks the type's requirements. Returns an empty string when the purl is
// acceptable, else a message saying which rule it breaks.
std::string NormaliseForType(PackageUrl& purl);

}  // namespace craft::sbom
