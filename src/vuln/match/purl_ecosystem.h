#pragma once
// From a Package URL to the OSV package that advisories name: the purl type (and for Linux
// distributions the namespace and `distro` qualifier) gives the OSV ecosystem, the namespace and
// name give the OSV package name. Pure; never throws. The purl arrives already split into its
// decoded components (src/vuln does not depend on the purl parser of src/sbom).

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace craft::vuln::match {

// The decoded components of a purl (as sbom::PackageUrl holds them).
struct PurlParts {
  std::string type;
  std::string namespace_;
  std::string name;
  std::string version;
  std::map<std::string, std::string> qualifiers;
};

// An OSV package and version to look up.
struct OsvPackageRef {
  // The OSV ecosystem, with the release for distributions ("Debian:12", "Alpine:v3.18",
  // "Ubuntu:22.04", "Red Hat:9.2", "AlmaLinux:9"); just the base ("Debian") when the purl does not
  // say which release.
  std::string ecosystem;
  std::string name;     // the OSV package name (not yet normalised)
  std::string version;  // with "<epoch>:" in front for deb and rpm purls with an epoch qualifier
  bool release_known = true;  // false for a distribution purl without a usable distro qualifier
};

// Maps a purl. Types: pypi -> PyPI, npm -> npm ("@scope/name"), maven -> Maven
// ("group:artifact"), golang -> Go ("namespace/name"), cargo -> crates.io, gem -> RubyGems, nuget
// -> NuGet, composer -> Packagist ("vendor/name"), hex -> Hex, pub -> Pub, swift -> SwiftURL
// ("namespace/name"), cran -> CRAN, hackage -> Hackage, github (actions) -> GitHub Actions;
// deb/debian with distro "debian-12", "12" or "bookworm" -> Debian:12; deb/ubuntu with
// "ubuntu-22.04" or "jammy" -> Ubuntu:22.04; apk/alpine with "alpine-3.18" or "3.18.4" ->
// Alpine:v3.18; apk/wolfi -> Wolfi, apk/chainguard -> Chainguard; rpm/redhat with "rhel-9.2",
// "el9" or "redhat-9" -> Red Hat:9.2 / Red Hat:9; rpm/almalinux -> AlmaLinux:<major>, rpm/rocky ->
// Rocky Linux:<major>, rpm/suse with "sles-15.4" -> SUSE:SUSE Linux Enterprise Server 15 SP4,
// rpm/opensuse with "opensuse-leap-15.5" or "opensuse-tumbleweed" -> openSUSE:openSUSE Leap 15.5
// / openSUSE:openSUSE Tumbleweed, rpm/mageia -> Mageia:<release>. The `epoch` qualifier of deb and
// rpm purls is put in front of the version unless the version already has one. Nullopt for types
// and distribution namespaces without an OSV ecosystem.
std::optional<OsvPackageRef> OsvPackageForPurl(const PurlParts& purl);

// Whether advisories for `advisory_ecosystem` apply to a component of `component_ecosystem`: the
// same base ecosystem, and the same release where both name one. Releases compare exactly, except
// that Ubuntu's ":LTS" suffix is ignored (a ":Pro:" release only applies to Pro components) and
// for Red Hat (the version field of the CPE suffix, "rhel_aus:8.6::appstream" -> 8.6), AlmaLinux
// and Rocky Linux an advisory release applies to its point releases (9 covers 9.2). A component
// without a release matches every release; an advisory without one applies to every release.
bool EcosystemApplies(std::string_view advisory_ecosystem, std::string_view component_ecosystem);

// Whether releases matter in the ecosystem (Linux distributions): matching such a component without
// knowing its release is a guess.
bool IsDistributionEcosystem(std::string_view ecosystem);

}  // namespace craft::vuln::match
