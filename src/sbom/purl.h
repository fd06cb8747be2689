#pragma once
// Package URL (purl), ECMA-427 / github.com/package-url/purl-spec: parse, build, normalise and
// serialise. Pure functions over strings; thread-safe; never throw on bad input.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace craft::sbom {

// A purl in decoded, normalised form. Components hold the percent-decoded text; `namespace_` and
// `subpath` keep their '/' separators. `qualifiers` is ordered by key (keys lowercase, values
// non-empty). Per-type rules have been applied (case folding where the type is case-insensitive,
// PyPI's '_' to '-', ...), so two purls that name the same package compare equal.
struct PackageUrl {
  std::string type;
  std::string namespace_;
  std::string name;
  std::string version;
  std::map<std::string, std::string> qualifiers;
  std::string subpath;

  // The canonical string: "pkg:type/namespace/name@version?k=v&...#subpath", each component
  // percent-encoded per the specification (only A-Z a-z 0-9 . - _ ~ and ':' stay as they are).
  std::string ToString() const;

  bool operator==(const PackageUrl&) const = default;
};

// How strictly `ParsePurl` reads qualifier keys.
enum class PurlStrictness {
  // ECMA-427 conformance: a qualifier key spelled in another case than the key the type defines
  // ("Platform" for gem's "platform") is an error. Other keys are lowercased.
  kConformant,
  // Normalise what can be normalised: every qualifier key is lowercased.
  kLenient,
};

// The outcome of parsing or building: the purl, or an error whose `position` is the byte offset
// in the input string where the problem was found (0 for Build).
struct PurlResult {
  std::optional<PackageUrl> purl;
  std::string error;
  std::size_t position = 0;

  explicit operator bool() const { return purl.has_value(); }
};

// Parses a purl string, applies the type's normalisation rules and checks the type's
// requirements (namespace required / prohibited, required qualifiers, permitted characters).
// Fails with a precise message for: a missing "pkg:" scheme, an invalid or missing type, a
// missing name, an invalid or duplicate qualifier key, a malformed percent-escape, and any
// violated type rule.
PurlResult ParsePurl(std::string_view text,
                     PurlStrictness strictness = PurlStrictness::kConformant);

// The decoded components of a purl to build, as a caller (or a test vector) has them; an unset
// optional is "null".
struct PurlComponents {
  std::optional<std::string> type;
  std::optional<std::string> namespace_;
  std::optional<std::string> name;
  std::optional<std::string> version;
  std::optional<std::map<std::string, std::string>> qualifiers;
  std::optional<std::string> subpath;
};

// Builds a purl from decoded components, with the same normalisation and checks as ParsePurl.
PurlResult BuildPurl(const PurlComponents& components);

// Parses leniently and returns the canonical string, or nullopt when `text` is not a purl.
std::optional<std::string> CanonicalPurl(std::string_view text);

}  // namespace craft::sbom
