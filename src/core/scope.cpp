#include "core/scope.h"

#include <algorithm>
#include <array>

namespace craft::core {
namespace {

constexpr std::array<std::string_view, 16> kScopes = {
    "product:read",  "product:write",  "version:read",    "version:write",
    "document:read", "document:write", "document:delete", "sbom:read",
    "sbom:write",    "vuln:read",      "vuln:write",      "export:read",
    "report:read",   "report:write",   "admin",           "audit:read",
};

std::string_view ResourceOf(std::string_view scope) {
  const auto colon = scope.find(':');
  return colon == std::string_view::npos ? scope : scope.substr(0, colon);
}

std::string_view AccessOf(std::string_view scope) {
  const auto colon = scope.find(':');
  return colon == std::string_view::npos ? std::string_view{} : scope.substr(colon + 1);
}

}  // namespace

std::span<const std::string_view> AllScopes() { return kScopes; }

bool IsKnownScope(std::string_view scope) {
  return std::find(kScopes.begin(), kScopes.end(), scope) != kScopes.end();
}

bool ScopeSatisfies(const std::vector<std::string>& granted, std::string_view required) {
  for (const auto& g : granted) {
    if (g == "admin" || g == required) return true;
    if (ResourceOf(g) == ResourceOf(required) && AccessOf(required) == "read" &&
        (AccessOf(g) == "write" || AccessOf(g) == "delete")) {
      return true;
    }
  }
  return false;
}

bool RoleAllowsScope(Role role, std::string_view scope) {
  if (!IsKnownScope(scope)) return false;
  switch (role) {
    case Role::kOwner:
    case Role::kAdmin:
      return true;
    case Role::kMember:
      return scope != "admin" && AccessOf(scope) != "delete";
    case Role::kViewer:
      return AccessOf(scope) == "read";
  }
  return false;
}

}  // namespace craft::core
