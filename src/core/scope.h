#pragma once
// API key scopes. A scope is "<resource>:<access>" or "admin". `write` implies `read`,
// `delete` implies `read`, and `admin` implies every scope. A role caps what its keys may hold:
// a viewer only reads, a member reads and writes (no delete, no admin), admins and owners hold all.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/vocabulary.h"

namespace craft::core {

// Every scope a key may be created with, in a stable order.
std::span<const std::string_view> AllScopes();

bool IsKnownScope(std::string_view scope);

// True when a key holding `granted` may perform an action that needs `required`.
bool ScopeSatisfies(const std::vector<std::string>& granted, std::string_view required);

// True when a user of `role` may hold `scope` on a key.
bool RoleAllowsScope(Role role, std::string_view scope);

}  // namespace craft::core
