// OSV ecosystem names (https://ossf.github.io/osv-schema/#defined-ecosystems, ecosystems.json of
// osv-schema 1.7) and command-line names mapped to version schemes.

#include <algorithm>
#include <string>

#include "vuln/version/compare.h"
#include "vuln/version/decimal.h"

namespace craft::vuln::version {
namespace {

struct Named {
  std::string_view name;
  Scheme scheme;
};

// Every ecosystem of the OSV list, spelled as the list spells it.
constexpr Named kEcosystems[] = {
    {"AlmaLinux", Scheme::kRpm},
    {"Alpaquita", Scheme::kAlpine},
    {"Alpine", Scheme::kAlpine},
    {"Android", Scheme::kGeneric},
    {"Azure Linux", Scheme::kRpm},
    {"BellSoft Hardened Containers", Scheme::kAlpine},
    {"Bioconductor", Scheme::kCran},
    {"Bitnami", Scheme::kSemVer},
    {"Chainguard", Scheme::kAlpine},
    {"CleanStart", Scheme::kGeneric},
    {"ConanCenter", Scheme::kSemVer},
    {"CRAN", Scheme::kCran},
    {"crates.io", Scheme::kSemVer},
    {"Debian", Scheme::kDebian},
    {"Docker Hardened Images", Scheme::kGeneric},
    {"Echo", Scheme::kDebian},
    {"FreeBSD", Scheme::kGeneric},
    {"GHC", Scheme::kHackage},
    {"GIT", Scheme::kGeneric},
    {"GitHub Actions", Scheme::kSemVer},
    {"Go", Scheme::kSemVer},
    {"Hackage", Scheme::kHackage},
    {"Hex", Scheme::kSemVer},
    {"Julia", Scheme::kSemVer},
    {"Kubernetes", Scheme::kSemVer},
    {"Linux", Scheme::kGeneric},
    {"Mageia", Scheme::kRpm},
    {"Maven", Scheme::kMaven},
    {"MinimOS", Scheme::kAlpine},
    {"npm", Scheme::kSemVer},
    {"NuGet", Scheme::kNuGet},
    {"opam", Scheme::kGeneric},
    {"openEuler", Scheme::kRpm},
    {"openSUSE", Scheme::kRpm},
    {"OSS-Fuzz", Scheme::kGeneric},
    {"Packagist", Scheme::kPackagist},
    {"Photon OS", Scheme::kRpm},
    {"Pub", Scheme::kPub},
    {"PyPI", Scheme::kPyPI},
    {"Red Hat", Scheme::kRpm},
    {"Rocky Linux", Scheme::kRpm},
    {"Root", Scheme::kGeneric},
    {"RubyGems", Scheme::kRubyGems},
    {"SUSE", Scheme::kRpm},
    {"SwiftURL", Scheme::kSemVer},
    {"TuxCare", Scheme::kGeneric},
    {"Ubuntu", Scheme::kDebian},
    {"VSCode", Scheme::kSemVer},
    {"Wolfi", Scheme::kAlpine},
};

// Scheme names and command-line aliases, lower case.
constexpr Named kNames[] = {
    {"semver", Scheme::kSemVer},     {"pypi", Scheme::kPyPI},
    {"maven", Scheme::kMaven},       {"nuget", Scheme::kNuGet},
    {"rubygems", Scheme::kRubyGems}, {"packagist", Scheme::kPackagist},
    {"pub", Scheme::kPub},           {"debian", Scheme::kDebian},
    {"alpine", Scheme::kAlpine},     {"rpm", Scheme::kRpm},
    {"cran", Scheme::kCran},         {"hackage", Scheme::kHackage},
    {"generic", Scheme::kGeneric},   {"pep440", Scheme::kPyPI},
    {"python", Scheme::kPyPI},       {"composer", Scheme::kPackagist},
    {"php", Scheme::kPackagist},     {"dart", Scheme::kPub},
    {"dpkg", Scheme::kDebian},       {"deb", Scheme::kDebian},
    {"ubuntu", Scheme::kDebian},     {"apk", Scheme::kAlpine},
    {"redhat", Scheme::kRpm},        {"red-hat", Scheme::kRpm},
    {"haskell", Scheme::kHackage},   {"r", Scheme::kCran},
    {"cargo", Scheme::kSemVer},      {"golang", Scheme::kSemVer},
    {"swift", Scheme::kSemVer},
};

std::string LowerCase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) { return ToLower(c); });
  return out;
}

std::string_view BeforeColon(std::string_view ecosystem) {
  return ecosystem.substr(0, ecosystem.find(':'));
}

}  // namespace

std::optional<Scheme> SchemeForEcosystem(std::string_view osv_ecosystem) {
  const std::string_view name = BeforeColon(osv_ecosystem);
  for (const Named& e : kEcosystems) {
    if (e.name == name) return e.scheme;
  }
  return std::nullopt;
}

std::string_view SchemeName(Scheme scheme) {
  for (const Named& n : kNames) {
    if (n.scheme == scheme) return n.name;
  }
  return "generic";
}

std::optional<Scheme> ParseSchemeName(std::string_view name) {
  const std::string lower = LowerCase(name);
  for (const Named& n : kNames) {
    if (n.name == lower) return n.scheme;
  }
  const std::string_view ecosystem = BeforeColon(lower);
  for (const Named& e : kEcosystems) {
    if (LowerCase(e.name) == ecosystem) return e.scheme;
  }
  return std::nullopt;
}

}  // namespace craft::vuln::version
