#pragma once
// Numbered schema migrations, embedded from src/store/migrations/NNNN_name.sql at build time.

#include <string_view>
#include <vector>

namespace craft::store {

struct Migration {
  int number;
  std::string_view name;
  std::string_view sql;
};

// In ascending order of number.
const std::vector<Migration>& Migrations();

}  // namespace craft::store
