#include "store/sqlite/sqlite_store.h"

#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "core/audit_chain.h"
#include "store/ids.h"
#include "store/migrations.h"
#include "store/sqlite/migrate.h"
#include "store/sqlite/rows.h"

namespace craft::store {
namespace sqlite {
namespace {

std::int64_t SystemClock() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Enough connections for every core to read at once, with room for threads that wait on I/O.
std::size_t PoolSize() { return std::max<std::size_t>(8, 4 * std::thread::hardware_concurrency()); }

}  // namespace

void Require(bool condition, const std::string& message) {
  if (!condition) throw StoreError(StoreErrorKind::kInvalid, message);
}

void ThrowNotFound(std::string_view what, const std::string& id) {
  throw StoreError(StoreErrorKind::kNotFound, std::string(what) + " " + id + " not found");
}

std::string CacheKey(std::string_view kind, const std::string& org_id, const std::string& id) {
  std::string key(kind);
  key += std::to_string(org_id.size());
  key += ':';
  key += org_id;
  key += id;
  return key;
}

SqliteStore::SqliteStore(const std::string& path, std::function<std::int64_t()> clock)
    : clock_(clock ? std::move(clock) : SystemClock), pool_(path, PoolSize()), probe_(path) {
  if (sodium_init() < 0) throw StoreError(StoreErrorKind::kUnavailable, "libsodium unavailable");
  ConnectionPool::Lease lease = pool_.Acquire();
  ApplyMigrations(*lease, Migrations(), path, Now());
}

void SqliteStore::NoticeForeignCommits() {
  const std::int64_t now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                               std::chrono::steady_clock::now().time_since_epoch())
                               .count();
  if (now < next_probe_ns_.load(std::memory_order_relaxed)) return;
  std::unique_lock lock(probe_mutex_, std::try_to_lock);
  if (!lock.owns_lock()) return;  // another thread is probing
  next_probe_ns_.store(now + std::chrono::nanoseconds(kForeignCommitProbeInterval).count(),
                       std::memory_order_relaxed);
  try {
    Statement st = probe_.Prepare("PRAGMA data_version");
    const std::int64_t version = st.Step() ? st.Int(0) : -1;
    if (version == probe_data_version_) return;
    probe_data_version_ = version;
  } catch (const StoreError&) {
    // Unknown state: forget everything below.
  }
  cache_.Invalidate();
}

bool SqliteStore::Ping() {
  try {
    ConnectionPool::Lease lease = pool_.Acquire();
    Statement st = lease->Prepare("SELECT 1");
    return st.Step() && st.Int(0) == 1;
  } catch (const StoreError&) {
    return false;
  }
}

void SqliteStore::AppendAudit(Connection& c, const Actor& actor, const AuditRecord& record) {
  core::AuditEntry e;
  {
    Statement head = c.Prepare("SELECT seq, hash FROM audit_head WHERE id = 1");
    if (!head.Step()) {
      throw StoreError(StoreErrorKind::kUnavailable, "the audit log has lost its head row");
    }
    e.seq = head.Int(0) + 1;
    e.prev_hash = head.Text(1);
  }
  e.id = NewUuid();
  e.organisation_id = record.organisation_id;
  e.at = Now();
  e.actor = actor.id.empty() ? "system" : actor.id;
  e.action = record.action;
  e.entity_type = record.entity_type;
  e.entity_id = record.entity_id;
  e.before = record.before;
  e.after = record.after;
  e.hash = core::AuditEntryHash(e);
  c.Prepare(
       "INSERT INTO audit_log (seq, id, organisation_id, at, actor, action, entity_type, "
       "entity_id, before_json, after_json, prev_hash, hash) "
       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .Bind(e.seq)
      .Bind(e.id)
      .Bind(e.organisation_id)
      .Bind(e.at)
      .Bind(e.actor)
      .Bind(e.action)
      .Bind(e.entity_type)
      .Bind(e.entity_id)
      .Bind(e.before)
      .Bind(e.after)
      .Bind(e.prev_hash)
      .Bind(e.hash)
      .Run();
  c.Prepare("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1").Bind(e.seq).Bind(e.hash).Run();
}

}  // namespace sqlite

std::unique_ptr<Store> OpenSqliteStore(const std::string& path,
                                       std::function<std::int64_t()> clock) {
  return std::make_unique<sqlite::SqliteStore>(path, std::move(clock));
}

}  // namespace craft::store
