#include "store/sqlite/migrate.h"

#include <set>

#include "store/store.h"

namespace craft::store::sqlite {
namespace {

std::set<int> AppliedNumbers(Connection& c) {
  std::set<int> applied;
  Statement st = c.Prepare("SELECT number FROM schema_migrations");
  while (st.Step()) applied.insert(static_cast<int>(st.Int(0)));
  return applied;
}

void RefuseNewerSchema(const std::set<int>& applied, const std::vector<Migration>& migrations,
                       const std::string& path) {
  const int known = migrations.empty() ? 0 : migrations.back().number;
  if (applied.empty() || *applied.rbegin() <= known) return;
  throw StoreError(StoreErrorKind::kUnavailable,
                   "the database " + path + " was written by a newer craft: it has schema " +
                       "migration " + std::to_string(*applied.rbegin()) +
                       ", and this craft knows migrations up to " + std::to_string(known) +
                       "; upgrade craft to open it");
}

void Apply(Connection& c, const Migration& m, std::int64_t now) {
  c.Exec("BEGIN IMMEDIATE");
  try {
    Statement done = c.Prepare("SELECT 1 FROM schema_migrations WHERE number = ?");
    done.Bind(m.number);
    const bool already = done.Step();  // another process got here first
    if (!already) {
      c.Exec(std::string(m.sql).c_str());
      c.Prepare("INSERT INTO schema_migrations (number, name, applied_at) VALUES (?, ?, ?)")
          .Bind(m.number)
          .Bind(m.name)
          .Bind(now)
          .Run();
    }
    c.Exec("COMMIT");
  } catch (const StoreError& e) {
    c.RollbackQuietly();
    throw StoreError(StoreErrorKind::kUnavailable,
                     "schema migration " + std::string(m.name) + " failed: " + e.what());
  }
}

}  // namespace

void ApplyMigrations(Connection& c, const std::vector<Migration>& migrations,
                     const std::string& path, std::int64_t now) {
  c.Exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (number INTEGER PRIMARY KEY, "
      "name TEXT NOT NULL, applied_at INTEGER NOT NULL)");
  const std::set<int> applied = AppliedNumbers(c);
  RefuseNewerSchema(applied, migrations, path);
  for (const Migration& m : migrations) {
    if (!applied.contains(m.number)) Apply(c, m, now);
  }
}

}  // namespace craft::store::sqlite
