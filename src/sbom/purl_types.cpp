#include "sbom/purl_types.h"

#include <algorithm>
#include <array>

namespace craft::sbom {
namespace {

using R = PurlRequirement;

// Columns: type, namespace requirement, namespace / name / version case-insensitive, the
// qualifier keys the type defines, the required ones. From purl-spec types/*-definition.json.
constexpr std::array kRules = {
    PurlTypeRule{"alpm", R::kRequired, true, true, false, "arch", ""},
    PurlTypeRule{"apk", R::kRequired, true, true, false, "arch", ""},
    PurlTypeRule{"bazel", R::kProhibited, false, false, false, "repository_url", ""},
    PurlTypeRule{"bitbucket", R::kRequired, true, true, false, "", ""},
    PurlTypeRule{"bitnami", R::kProhibited, false, true, false, "arch distro", ""},
    PurlTypeRule{"brew", R::kOptional, true, true, false, "repository_url", ""},
    PurlTypeRule{"cargo", R::kProhibited, false, false, false, "", ""},
    PurlTypeRule{"chrome-extension", R::kProhibited, false, true, false, "", ""},
    PurlTypeRule{"cocoapods", R::kProhibited, false, false, false, "", ""},
    PurlTypeRule{"composer", R::kRequired, true, true, false, "", ""},
    PurlTypeRule{"conan", R::kOptional, false, false, false, "user channel rrev prev", ""},
    PurlTypeRule{"conda", R::kProhibited, false, false, false, "build channel subdir type", ""},
    PurlTypeRule{"cpan", R::kOptional, false, false, false,
                 "author distpath repository_url download_url vcs_url ext", ""},
    PurlTypeRule{"cran", R::kProhibited, false, false, false, "", ""},
    PurlTypeRule{"deb", R::kRequired, true, true, false, "arch", ""},
    PurlTypeRule{"docker", R::kOptional, false, false, false, "", ""},
    PurlTypeRule{"gem", R::kProhibited, false, false, false, "platform", ""},
    PurlTypeRule{"generic", R::kOptional, false, false, false, "download_url checksum", ""},
    PurlTypeRule{"git", R::kRequired, false, false, false, "", ""},
    PurlTypeRule{"github", R::kRequired, true, true, false, "", ""},
    PurlTypeRule{"golang", R::kRequired, false, false, false, "", ""},
    PurlTypeRule{"hackage", R::kProhibited, false, false, false, "", ""},
    PurlTypeRule{"hex", R::kOptional, true, true, false, "", ""},
    PurlTypeRule{"huggingface", R::kRequired, false, false, true, "", ""},
    PurlTypeRule{"julia", R::kProhibited, false, false, false, "uuid", "uuid"},
    PurlTypeRule{"luarocks", R::kOptional, true, true, false, "repository_url", ""},
    PurlTypeRule{"maven", R::kRequired, false, false, false, "classifier type", ""},
    PurlTypeRule{"mlflow", R::kProhibited, false, false, false, "model_uuid run_id", ""},
    PurlTypeRule{"npm", R::kOptional, false, false, false, "", ""},
    PurlTypeRule{"nuget", R::kProhibited, false, false, false, "", ""},
    PurlTypeRule{"oci", R::kProhibited, false, true, true, "arch repository_url tag", ""},
    PurlTypeRule{"opam", R::kProhibited, false, false, false, "", ""},
    PurlTypeRule{"otp", R::kProhibited, false, true, false, "repository_url platform arch", ""},
    PurlTypeRule{"pub", R::kProhibited, false, true, false, "", ""},
    PurlTypeRule{"pypi", R::kProhibited, false, true, true, "file_name", ""},
    PurlTypeRule{"qpkg", R::kRequired, true, false, false, "", ""},
    PurlTypeRule{"rpm", R::kRequired, true, false, false, "epoch arch", ""},
    PurlTypeRule{"swid", R::kOptional, false, false, false,
                 "tag_id tag_version patch tag_creator_name tag_creator_regid", "tag_id"},
    PurlTypeRule{"swift", R::kRequired, false, false, false, "", ""},
    PurlTypeRule{"vcpkg", R::kProhibited, false, false, false,
                 "port_version repository_revision triplet", ""},
    PurlTypeRule{"vscode-extension", R::kRequired, true, true, true, "platform", ""},
    PurlTypeRule{"yocto", R::kOptional, true, false, false, "repository_url layer_version", ""},
};

void Lower(std::string& s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
}

void Upper(std::string& s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// chrome-extension: name ^[a-p]{32}$.
bool IsChromeExtensionId(std::string_view s) {
  return s.size() == 32 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'p'; });
}

// chrome-extension: version ^\d+(\.\d+){0,3}$.
bool IsChromeVersion(std::string_view s) {
  int parts = 0;
  std::size_t i = 0;
  while (true) {
    std::size_t start = i;
    while (i < s.size() && IsDigit(s[i])) ++i;
    if (i == start) return false;
    ++parts;
    if (i == s.size()) return parts <= 4;
    if (s[i] != '.') return false;
    ++i;
  }
}

// git: the namespace is the host, the name the path on the host ("forgejo/forgejo"); the purl-spec
// vectors lowercase both (git-test.json, "git namespace and name should be lowercased").
void NormaliseGit(PackageUrl& p) {
  // Empty segments (from "%2F%2F" in the name, which is written back unescaped) are dropped, as
  // the parser drops them between namespace segments: "a//b" would otherwise read back as "a/b".
  std::string joined = p.namespace_.empty() ? p.name : p.namespace_ + "/" + p.name;
  std::string path;
  for (std::size_t start = 0; start <= joined.size();) {
    std::size_t end = std::min(joined.find('/', start), joined.size());
    if (end > start) {
      if (!path.empty()) path += '/';
      path.append(joined, start, end - start);
    }
    start = end + 1;
  }
  auto slash = path.find('/');
  if (slash == std::string::npos) {
    p.namespace_.clear();
    p.name = path;
  } else {
    p.namespace_ = path.substr(0, slash);
    p.name = path.substr(slash + 1);
  }
  Lower(p.namespace_);
  Lower(p.name);
}

// Rewrites the name per the type's normalization_rules and checks its permitted characters.
std::string NormaliseName(PackageUrl& p) {
  if (p.type == "pypi") {
    std::replace(p.name.begin(), p.name.end(), '_', '-');
  } else if (p.type == "pub") {
    // "Replace non-[a-z] letters, non-[0-9] digits with underscore _".
    for (char& c : p.name) {
      bool ok = (c >= 'a' && c <= 'z') || IsDigit(c) || c == '_';
      if (!ok) c = '_';
    }
  } else if (p.type == "mlflow") {
    // Databricks model names are case-insensitive (lowercased); Azure ML ones are kept as-is.
    auto it = p.qualifiers.find("repository_url");
    if (it != p.qualifiers.end() && it->second.find("azuredatabricks.net") != std::string::npos) {
      Lower(p.name);
    }
  } else if (p.type == "cpan") {
    if (p.name.find("::") != std::string::npos) {
      return "a cpan name is a distribution name and must not contain '::' (a module name)";
    }
    Upper(p.namespace_);  // the CPAN author id "shall be uppercase"
  } else if (p.type == "chrome-extension") {
    if (!IsChromeExtensionId(p.name)) {
      return "a chrome-extension name must be 32 letters from a to p";
    }
    if (!p.version.empty() && !IsChromeVersion(p.version)) {
      return "a chrome-extension version must be one to four dot-separated numbers";
    }
  }
  return {};
}

std::string CheckRequirements(const PackageUrl& p, const PurlTypeRule& rule) {
  if (rule.namespace_requirement == PurlRequirement::kRequired && p.namespace_.empty()) {
    return "a " + std::string(rule.type) + " purl requires a namespace";
  }
  if (rule.namespace_requirement == PurlRequirement::kProhibited && !p.namespace_.empty()) {
    return "a " + std::string(rule.type) + " purl must not have a namespace";
  }
  std::string_view keys = rule.required_qualifier_keys;
  while (!keys.empty()) {
    auto space = keys.find(' ');
    std::string key(keys.substr(0, space));
    keys = space == std::string_view::npos ? std::string_view{} : keys.substr(space + 1);
    if (!p.qualifiers.contains(key)) {
      return "a " + std::string(rule.type) + " purl requires the qualifier '" + key + "'";
    }
  }
  return {};
}

}  // namespace

std::span<const PurlTypeRule> PurlTypeRules() { return kRules; }

const PurlTypeRule* FindPurlTypeRule(std::string_view type) {
  auto it = std::lower_bound(kRules.begin(), kRules.end(), type,
                             [](const PurlTypeRule& r, std::string_view t) { return r.type < t; });
  return it != kRules.end() && it->type == type ? &*it : nullptr;
}

std::string NormaliseForType(PackageUrl& p) {
  const PurlTypeRule* rule = FindPurlTypeRule(p.type);
  if (rule == nullptr) return {};
  if (p.type == "git") NormaliseGit(p);
  if (rule->namespace_case_insensitive) Lower(p.namespace_);
  if (rule->name_case_insensitive) Lower(p.name);
  if (rule->version_case_insensitive) Lower(p.version);
  if (p.type == "otp") Lower(p.subpath);  // otp subpath_definition: case-insensitive
  std::string error = NormaliseName(p);
  if (!error.empty()) return error;
  if (p.name.empty()) return "a " + p.type + " purl requires a name";
  return CheckRequirements(p, *rule);
}

}  // namespace craft::sbom
