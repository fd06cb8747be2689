#include "vuln/advisory/ecosystem.h"

#include <algorithm>
#include <array>

namespace craft::vuln::advisory {
namespace {

// The `ecosystemName` enumeration of the OSV schema 1.7.5 (validation/schema.json).
constexpr std::array<std::string_view, 48> kOsvEcosystems = {
    "AlmaLinux",    "Alpaquita",
    "Alpine",       "Android",
    "Azure Linux",  "BellSoft Hardened Containers",
    "Bioconductor", "Bitnami",
    "CRAN",         "Chainguard",
    "CleanStart",   "ConanCenter",
    "Debian",       "Docker Hardened Images",
    "Echo",         "FreeBSD",
    "GHC",          "GitHub Actions",
    "Go",           "Hackage",
    "Hex",          "Julia",
    "Kubernetes",   "Linux",
    "Mageia",       "Maven",
    "MinimOS",      "NuGet",
    "OSS-Fuzz",     "Packagist",
    "Photon OS",    "Pub",
    "PyPI",         "Red Hat",
    "Rocky Linux",  "Root",
    "RubyGems",     "SUSE",
    "SwiftURL",     "TuxCare",
    "Ubuntu",       "VSCode",
    "Wolfi",        "crates.io",
    "npm",          "opam",
    "openEuler",    "openSUSE",
};

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

std::string LowerCase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

// PEP 503: re.sub(r"[-_.]+", "-", name).lower()
std::string Pep503(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool in_run = false;
  for (char c : s) {
    if (c == '-' || c == '_' || c == '.') {
      if (!in_run) out.push_back('-');
      in_run = true;
    } else {
      out.push_back(Lower(c));
      in_run = false;
    }
  }
  return out;
}

}  // namespace

std::string_view EcosystemBase(std::string_view ecosystem) {
  auto colon = ecosystem.find(':');
  return colon == std::string_view::npos ? ecosystem : ecosystem.substr(0, colon);
}

std::string_view EcosystemSuffix(std::string_view ecosystem) {
  auto colon = ecosystem.find(':');
  return colon == std::string_view::npos ? std::string_view{} : ecosystem.substr(colon + 1);
}

bool IsOsvEcosystem(std::string_view ecosystem) {
  auto colon = ecosystem.find(':');
  if (colon != std::string_view::npos && colon + 1 == ecosystem.size()) return false;
  auto base = EcosystemBase(ecosystem);
  if (base == "GIT") return true;
  return std::find(kOsvEcosystems.begin(), kOsvEcosystems.end(), base) != kOsvEcosystems.end();
}

std::string NormalizePackageName(std::string_view ecosystem, std::string_view name) {
  name = Trim(name);
  auto base = EcosystemBase(ecosystem);
  if (base == "PyPI") return Pep503(name);
  if (base == "crates.io") {
    std::string out = LowerCase(name);
    std::replace(out.begin(), out.end(), '_', '-');
    return out;
  }
  if (base == "NuGet" || base == "Packagist" || base == "Hex" || base == "Pub" ||
      base == "GitHub Actions" || base == "Debian" || base == "Ubuntu") {
    return LowerCase(name);
  }
  return std::string(name);
}

}  // namespace craft::vuln::advisory
