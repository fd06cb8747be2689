#pragma once
// Brings a database's schema up to date. Internal to src/store/sqlite.

#include <cstdint>
#include <string>
#include <vector>

#include "store/migrations.h"
#include "store/sqlite/connection.h"

namespace craft::store::sqlite {

// Applies every migration the database has not recorded in schema_migrations, in ascending order,
// each in its own transaction with its record. Safe against another process migrating at the same
// time. Throws StoreError(kUnavailable) when the database records a migration newer than any in
// `migrations` (it was written by a newer craft), or when a migration fails (nothing of that
// migration is kept).
void ApplyMigrations(Connection& c, const std::vector<Migration>& migrations,
                     const std::string& path, std::int64_t now);

}  // namespace craft::store::sqlite
