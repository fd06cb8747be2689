#include "store/sqlite/connection.h"

#include <algorithm>
#include <string>
#include <thread>
#include <utility>

#include "store/store.h"

namespace craft::store::sqlite {

void ThrowError(sqlite3* db, int rc, std::string_view context) {
  const int primary = rc & 0xff;
  const StoreErrorKind kind =
      primary == SQLITE_CONSTRAINT ? StoreErrorKind::kConflict : StoreErrorKind::kUnavailable;
  std::string message(context);
  message += ": ";
  message += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  throw StoreError(kind, message);
}

// Switching to WAL (a no-op when the file is in WAL already, but a fresh connection does not know
// that yet) takes a read lock, then a write lock. When another connection does the same at that
// moment, SQLite answers SQLITE_BUSY at once, without calling the busy handler, since waiting
// could deadlock. So the switch is retried here, until the busy timeout has passed.
void SwitchToWal(sqlite3* db, const std::string& path, std::chrono::milliseconds busy_timeout) {
  const auto deadline = std::chrono::steady_clock::now() + busy_timeout;
  for (int attempt = 1;; ++attempt) {
    const int rc = sqlite3_exec(db, "PRAGMA journal_mode = WAL", nullptr, nullptr, nullptr);
    if (rc == SQLITE_OK) return;
    const bool locked = (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED;
    if (!locked || std::chrono::steady_clock::now() >= deadline) {
      ThrowError(db, rc,
                 "cannot open the database " + path +
                     (locked ? ", which another process kept locked for more than " +
                                   std::to_string(busy_timeout.count()) + " ms"
                             : std::string()));
    }
    // Back off a little more each time (1, 2, ... 20 ms) so that racing openers fall out of step.
    std::this_thread::sleep_for(std::chrono::milliseconds(std::min(attempt, 20)));
  }
}

// --- Statement ---------------------------------------------------------------------------------

Statement::Statement(sqlite3* db, sqlite3_stmt* stmt, bool* busy_flag)
    : db_(db), stmt_(stmt), busy_flag_(busy_flag) {}

Statement::~Statement() {
  if (busy_flag_ == nullptr) {
    sqlite3_finalize(stmt_);
    return;
  }
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  *busy_flag_ = false;
}

Statement& Statement::Bind(std::string_view text) {
  const int rc = sqlite3_bind_text64(stmt_, next_param_++, text.data(), text.size(),
                                     SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) ThrowError(db_, rc, "binding a parameter");
  return *this;
}

Statement& Statement::BindBlob(std::string_view bytes) {
  const int rc =
      sqlite3_bind_blob64(stmt_, next_param_++, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) ThrowError(db_, rc, "binding a parameter");
  return *this;
}

Statement& Statement::Bind(std::int64_t value) {
  const int rc = sqlite3_bind_int64(stmt_, next_param_++, value);
  if (rc != SQLITE_OK) ThrowError(db_, rc, "binding a parameter");
  return *this;
}

Statement& Statement::Bind(double value) {
  const int rc = sqlite3_bind_double(stmt_, next_param_++, value);
  if (rc != SQLITE_OK) ThrowError(db_, rc, "binding a parameter");
  return *this;
}

Statement& Statement::Bind(std::nullptr_t) {
  const int rc = sqlite3_bind_null(stmt_, next_param_++);
  if (rc != SQLITE_OK) ThrowError(db_, rc, "binding a parameter");
  return *this;
}

Statement& Statement::Bind(const std::optional<std::string>& text) {
  return text ? Bind(std::string_view(*text)) : Bind(nullptr);
}

Statement& Statement::Bind(const std::optional<std::int64_t>& value) {
  return value ? Bind(*value) : Bind(nullptr);
}

bool Statement::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  ThrowError(db_, rc, "running a query");
}

void Statement::Run() {
  while (Step()) {
  }
}

bool Statement::IsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::int64_t Statement::Int(int column) const { return sqlite3_column_int64(stmt_, column); }

double Statement::Double(int column) const { return sqlite3_column_double(stmt_, column); }

std::string_view Statement::TextView(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (text == nullptr) return {};
  return {text, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
}

std::string_view Statement::BlobView(int column) const {
  const void* bytes = sqlite3_column_blob(stmt_, column);
  if (bytes == nullptr) return {};
  return {static_cast<const char*>(bytes),
          static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
}

std::string Statement::Text(int column) const { return std::string(TextView(column)); }

std::optional<std::string> Statement::OptText(int column) const {
  if (IsNull(column)) return std::nullopt;
  return Text(column);
}

std::optional<std::int64_t> Statement::OptInt(int column) const {
  if (IsNull(column)) return std::nullopt;
  return Int(column);
}

// --- Connection --------------------------------------------------------------------------------

Connection::Connection(const std::string& path, std::chrono::milliseconds busy_timeout) {
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string context = "cannot open the database " + path;
    sqlite3* db = std::exchange(db_, nullptr);
    try {
      ThrowError(db, rc, context);
    } catch (...) {
      sqlite3_close_v2(db);
      throw;
    }
  }
  sqlite3_extended_result_codes(db_, 1);
  try {
    sqlite3_busy_timeout(db_, static_cast<int>(busy_timeout.count()));
    SwitchToWal(db_, path, busy_timeout);
    Exec(
        " PRAGMA foreign_keys = ON; "
        "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -16384; PRAGMA temp_store = MEMORY;");
  } catch (...) {
    sqlite3_close_v2(db_);
    throw;
  }
}

Connection::~Connection() {
  for (auto& [sql, cached] : cache_) sqlite3_finalize(cached.stmt);
  sqlite3_close_v2(db_);
}

void Connection::Exec(const char* sql) {
  char* error = nullptr;
  const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &error);
  if (rc != SQLITE_OK) {
    std::string message = error != nullptr ? error : sqlite3_errstr(rc);
    sqlite3_free(error);
    const StoreErrorKind kind =
        (rc & 0xff) == SQLITE_CONSTRAINT ? StoreErrorKind::kConflict : StoreErrorKind::kUnavailable;
    throw StoreError(kind, message);
  }
}

void Connection::RollbackQuietly() noexcept {
  if (InTransaction()) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

bool Connection::InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

Statement Connection::Prepare(std::string_view sql) {
  auto found = cache_.find(sql);
  if (found == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) ThrowError(db_, rc, "preparing a query");
    found = cache_.emplace(std::string(sql), Cached{stmt, false}).first;
  }
  Cached& cached = found->second;
  if (!cached.busy) {
    cached.busy = true;
    return Statement(db_, cached.stmt, &cached.busy);
  }
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) ThrowError(db_, rc, "preparing a query");
  return Statement(db_, stmt, nullptr);
}

// --- ConnectionPool ----------------------------------------------------------------------------

ConnectionPool::ConnectionPool(std::string path, std::size_t max_size)
    : path_(std::move(path)), max_size_(max_size) {}

ConnectionPool::~ConnectionPool() = default;

ConnectionPool::Lease::~Lease() {
  if (connection_ != nullptr) pool_->Return(std::move(connection_));
}

ConnectionPool::Lease ConnectionPool::Acquire() {
  std::unique_lock lock(mutex_);
  returned_.wait(lock, [this] { return !idle_.empty() || open_ < max_size_; });
  if (!idle_.empty()) {
    std::unique_ptr<Connection> connection = std::move(idle_.back());
    idle_.pop_back();
    return Lease(this, std::move(connection));
  }
  ++open_;
  lock.unlock();
  try {
    return Lease(this, std::make_unique<Connection>(path_));
  } catch (...) {
    lock.lock();
    --open_;
    returned_.notify_one();
    throw;
  }
}

void ConnectionPool::Return(std::unique_ptr<Connection> connection) {
  connection->RollbackQuietly();  // never lend out a connection inside a transaction
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(connection));
  }
  returned_.notify_one();
}

}  // namespace craft::store::sqlite
