#include "vuln/match/purl_ecosystem.h"

#include <array>
#include <utility>

#include "vuln/advisory/ecosystem.h"

namespace craft::vuln::match {
namespace {

using advisory::EcosystemBase;
using advisory::EcosystemSuffix;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return out;
}

std::string_view Qualifier(const PurlParts& purl, const char* key) {
  auto it = purl.qualifiers.find(key);
  return it == purl.qualifiers.end() ? std::string_view{} : std::string_view(it->second);
}

std::string_view StripPrefix(std::string_view s, std::string_view prefix) {
  if (s.starts_with(prefix)) s.remove_prefix(prefix.size());
  return s;
}

// "12.4" -> "12"; "3.18.4" with parts = 2 -> "3.18".
std::string_view LeadingParts(std::string_view version, int parts) {
  std::size_t end = 0;
  for (int i = 0; i < parts && end != std::string_view::npos; ++i) {
    end = version.find('.', i == 0 ? 0 : end + 1);
  }
  return end == std::string_view::npos ? version : version.substr(0, end);
}

bool StartsWithDigit(std::string_view s) { return !s.empty() && s[0] >= '0' && s[0] <= '9'; }

std::string DebianRelease(std::string_view distro) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 11> kCodenames = {{
      {"squeeze", "6"},
      {"wheezy", "7"},
      {"jessie", "8"},
      {"stretch", "9"},
      {"buster", "10"},
      {"bullseye", "11"},
      {"bookworm", "12"},
      {"trixie", "13"},
      {"forky", "14"},
      {"duke", "15"},
      {"sid", "sid"},
  }};
  distro = StripPrefix(distro, "debian-");
  for (const auto& [name, number] : kCodenames) {
    if (distro == name) return std::string(number);
  }
  return StartsWithDigit(distro) ? std::string(LeadingParts(distro, 1)) : std::string();
}

std::string UbuntuRelease(std::string_view distro) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kCodenames = {{
      {"trusty", "14.04"},
      {"xenial", "16.04"},
      {"bionic", "18.04"},
      {"focal", "20.04"},
      {"jammy", "22.04"},
      {"kinetic", "22.10"},
      {"lunar", "23.04"},
      {"mantic", "23.10"},
      {"noble", "24.04"},
      {"oracular", "24.10"},
      {"plucky", "25.04"},
      {"questing", "25.10"},
  }};
  distro = StripPrefix(distro, "ubuntu-");
  for (const auto& [name, number] : kCodenames) {
    if (distro == name) return std::string(number);
  }
  return StartsWithDigit(distro) ? std::string(LeadingParts(distro, 2)) : std::string();
}

std::string RpmRelease(std::string_view ns, std::string_view distro) {
  if (ns == "redhat") {
    for (std::string_view prefix : {"rhel-", "redhat-", "el", "rhel"}) {
      if (distro.starts_with(prefix)) return std::string(distro.substr(prefix.size()));
    }
    return StartsWithDigit(distro) ? std::string(distro) : std::string();
  }
  if (ns == "almalinux" || ns == "rocky") {
    distro = StripPrefix(StripPrefix(distro, "almalinux-"), "rocky-");
    distro = StripPrefix(distro, "el");
    return StartsWithDigit(distro) ? std::string(LeadingParts(distro, 1)) : std::string();
  }
  if (ns == "suse" && distro.starts_with("sles-")) {
    auto version = distro.substr(5);
    auto dot = version.find('.');
    if (dot == std::string_view::npos) {
      return "SUSE Linux Enterprise Server " + std::string(version);
    }
    return "SUSE Linux Enterprise Server " + std::string(version.substr(0, dot)) + " SP" +
           std::string(version.substr(dot + 1));
  }
  if (ns == "opensuse") {
    if (distro == "opensuse-tumbleweed") return "openSUSE Tumbleweed";
    if (distro.starts_with("opensuse-leap-"))
      return "openSUSE Leap " + std::string(distro.substr(14));
    return {};
  }
  if (ns == "mageia") return std::string(StripPrefix(distro, "mageia-"));
  return {};
}

std::optional<std::string> RpmEcosystem(std::string_view ns) {
  if (ns == "redhat") return "Red Hat";
  if (ns == "almalinux") return "AlmaLinux";
  if (ns == "rocky") return "Rocky Linux";
  if (ns == "suse") return "SUSE";
  if (ns == "opensuse") return "openSUSE";
  if (ns == "mageia") return "Mageia";
  return std::nullopt;
}

std::string WithEpoch(const PurlParts& purl) {
  auto epoch = Qualifier(purl, "epoch");
  if (epoch.empty() || epoch == "0" || purl.version.find(':') != std::string::npos) {
    return purl.version;
  }
  return std::string(epoch) + ":" + purl.version;
}

std::optional<OsvPackageRef> DistributionPackage(const PurlParts& purl) {
  std::string ns = Lower(purl.namespace_);
  auto distro = Lower(Qualifier(purl, "distro"));
  OsvPackageRef ref{"", purl.name, purl.version, true};
  std::string release;
  if (purl.type == "deb" && (ns == "debian" || ns == "ubuntu")) {
    ref.ecosystem = ns == "debian" ? "Debian" : "Ubuntu";
    release = ns == "debian" ? DebianRelease(distro) : UbuntuRelease(distro);
    ref.version = WithEpoch(purl);
  } else if (purl.type == "apk" && ns == "alpine") {
    ref.ecosystem = "Alpine";
    auto version = StripPrefix(distro, "alpine-");
    if (StartsWithDigit(version)) release = "v" + std::string(LeadingParts(version, 2));
  } else if (purl.type == "apk" && (ns == "wolfi" || ns == "chainguard")) {
    ref.ecosystem = ns == "wolfi" ? "Wolfi" : "Chainguard";
    return ref;  // rolling distributions without releases
  } else if (purl.type == "rpm" && RpmEcosystem(ns)) {
    ref.ecosystem = *RpmEcosystem(ns);
    release = RpmRelease(ns, distro);
    ref.version = WithEpoch(purl);
  } else {
    return std::nullopt;
  }
  ref.release_known = !release.empty();
  if (!release.empty()) ref.ecosystem += ":" + release;
  return ref;
}

std::string Joined(const PurlParts& purl, char separator) {
  return purl.namespace_.empty() ? purl.name : purl.namespace_ + separator + purl.name;
}

}  // namespace

std::optional<OsvPackageRef> OsvPackageForPurl(const PurlParts& purl) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 13> kSimple = {{
      {"pypi", "PyPI"},
      {"cargo", "crates.io"},
      {"gem", "RubyGems"},
      {"nuget", "NuGet"},
      {"hex", "Hex"},
      {"pub", "Pub"},
      {"cran", "CRAN"},
      {"hackage", "Hackage"},
      {"bitnami", "Bitnami"},
      {"julia", "Julia"},
      {"opam", "opam"},
      {"conan", "ConanCenter"},
      {"vscode-extension", "VSCode"},
  }};
  for (const auto& [type, ecosystem] : kSimple) {
    if (purl.type == type) return OsvPackageRef{std::string(ecosystem), purl.name, purl.version};
  }
  if (purl.type == "npm") return OsvPackageRef{"npm", Joined(purl, '/'), purl.version};
  if (purl.type == "maven") return OsvPackageRef{"Maven", Joined(purl, ':'), purl.version};
  if (purl.type == "golang") return OsvPackageRef{"Go", Joined(purl, '/'), purl.version};
  if (purl.type == "composer") return OsvPackageRef{"Packagist", Joined(purl, '/'), purl.version};
  if (purl.type == "swift") return OsvPackageRef{"SwiftURL", Joined(purl, '/'), purl.version};
  if (purl.type == "github") {
    return OsvPackageRef{"GitHub Actions", Joined(purl, '/'), purl.version};
  }
  return DistributionPackage(purl);
}

bool IsDistributionEcosystem(std::string_view ecosystem) {
  static constexpr std::array<std::string_view, 14> kDistributions = {
      "AlmaLinux", "Alpaquita", "Alpine",  "Azure Linux", "Debian", "Mageia", "openEuler",
      "openSUSE",  "Photon OS", "Red Hat", "Rocky Linux", "SUSE",   "Ubuntu", "Echo"};
  auto base = EcosystemBase(ecosystem);
  for (auto d : kDistributions) {
    if (d == base) return true;
  }
  return false;
}

namespace {

// Ubuntu "Pro:18.04:LTS" -> {true, "18.04"}; "22.04:LTS" -> {false, "22.04"}.
std::pair<bool, std::string_view> UbuntuReleaseOf(std::string_view suffix) {
  bool pro = suffix.starts_with("Pro:");
  if (pro) suffix.remove_prefix(4);
  if (suffix.ends_with(":LTS")) suffix.remove_suffix(4);
  return {pro, suffix};
}

// "rhel_aus:8.6::appstream" -> "8.6"; "enterprise_linux:9::appstream" -> "9".
std::string_view RedHatReleaseOf(std::string_view suffix) {
  auto colon = suffix.find(':');
  if (colon == std::string_view::npos) return suffix;
  auto rest = suffix.substr(colon + 1);
  return rest.substr(0, rest.find(':'));
}

bool CoversPointRelease(std::string_view advisory_release, std::string_view component_release) {
  return advisory_release == component_release ||
         (component_release.starts_with(advisory_release) &&
          component_release.size() > advisory_release.size() &&
          component_release[advisory_release.size()] == '.');
}

}  // namespace

bool EcosystemApplies(std::string_view advisory_ecosystem, std::string_view component_ecosystem) {
  auto base = EcosystemBase(advisory_ecosystem);
  if (base != EcosystemBase(component_ecosystem)) return false;
  auto advisory_release = EcosystemSuffix(advisory_ecosystem);
  auto component_release = EcosystemSuffix(component_ecosystem);
  if (advisory_release.empty() || component_release.empty()) return true;
  if (base == "Ubuntu") {
    return UbuntuReleaseOf(advisory_release) == UbuntuReleaseOf(component_release);
  }
  if (base == "Red Hat") {
    return CoversPointRelease(RedHatReleaseOf(advisory_release), component_release);
  }
  if (base == "AlmaLinux" || base == "Rocky Linux") {
    return CoversPointRelease(advisory_release, component_release);
  }
  return advisory_release == component_release;
}

}  // namespace craft::vuln::match
