#pragma once
// OSV ecosystem names and package names within them, per the OSV schema 1.7.5 ecosystem list
// (osv-schema/ecosystems.json). Pure and thread-safe; never throws.

#include <string>
#include <string_view>

namespace craft::vuln::advisory {

// The part of an ecosystem string before its first ":" ("Debian" for "Debian:12", "Red Hat" for
// "Red Hat:rhel_aus:8.6::appstream"); the whole string when there is no ":".
std::string_view EcosystemBase(std::string_view ecosystem);

// The part after the first ":" ("12" for "Debian:12"); empty when there is none.
std::string_view EcosystemSuffix(std::string_view ecosystem);

// Whether the ecosystem's base is one of the ecosystems the OSV schema 1.7.5 defines (spelled
// exactly, case-sensitively) or "GIT", and a suffix, when present, is not empty. This is the
// schema's `ecosystemWithSuffix` pattern.
bool IsOsvEcosystem(std::string_view ecosystem);

// The key under which a package name is indexed and looked up: the name as the ecosystem compares
// names. PyPI: PEP 503 (lower case, each run of "-", "_" and "." becomes "-"). crates.io: lower
// case, "_" as "-". NuGet, Packagist, Hex, Pub, GitHub Actions, Debian, Ubuntu: lower case.
// Maven ("groupId:artifactId"), npm, Go, RubyGems, CRAN, Hackage, RPM-based distributions and all
// other ecosystems: unchanged (their names are case-sensitive). Leading and trailing white space
// is removed in every ecosystem.
std::string NormalizePackageName(std::string_view ecosystem, std::string_view name);

}  // namespace craft::vuln::advisory
