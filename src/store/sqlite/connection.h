#pragma once
// SQLite plumbing for the store: a connection with its cache of prepared statements, a statement
// in use (binding, stepping, reading columns), and a pool of connections shared by threads.
// Internal to src/store/sqlite.

#include <sqlite3.h>

#include <chrono>
#include <concepts>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace craft::store::sqlite {

// Throws StoreError for a failed SQLite call: kConflict for a constraint violation, kUnavailable
// otherwise. The message is `context` followed by SQLite's own message.
[[noreturn]] void ThrowError(sqlite3* db, int rc, std::string_view context);

// A prepared statement lent out by a Connection. Parameters are bound left to right by successive
// Bind() calls; columns are read by index. Reset (bindings cleared) when destroyed, so the cached
// statement can be used again.
class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt, bool* busy_flag);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& Bind(std::string_view text);
  Statement& Bind(const char* text) { return Bind(std::string_view(text)); }
  Statement& Bind(const std::string& text) { return Bind(std::string_view(text)); }
  Statement& Bind(std::int64_t value);
  Statement& Bind(int value) { return Bind(static_cast<std::int64_t>(value)); }
  Statement& Bind(double value);
  Statement& Bind(std::nullptr_t);
  Statement& Bind(const std::optional<std::string>& text);
  Statement& Bind(const std::optional<std::int64_t>& value);
  // Binds bytes as a BLOB (copied).
  Statement& BindBlob(std::string_view bytes);
  template <typename T>
  requires std::same_as<T, bool> Statement& Bind(T value) {
    return Bind(static_cast<std::int64_t>(value ? 1 : 0));
  }

  // Advances to the next row: true when there is one, false when done. Throws StoreError.
  bool Step();
  // Steps to completion (for statements without result rows).
  void Run();

  bool IsNull(int column) const;
  std::int64_t Int(int column) const;
  bool Bool(int column) const { return Int(column) != 0; }
  double Double(int column) const;
  std::string Text(int column) const;
  std::string_view TextView(int column) const;  // valid until the next Step()
  std::string_view BlobView(int column) const;  // the bytes of any value; valid until next Step()
  std::optional<std::string> OptText(int column) const;
  std::optional<std::int64_t> OptInt(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  bool* busy_flag_;  // the cache entry's flag; null for an uncached statement (finalized here)
  int next_param_ = 1;
};

// One SQLite connection, opened with WAL, foreign keys, synchronous=NORMAL and a 10 s busy
// timeout. Used by one thread at a time.
class Connection {
 public:
  // Opens (creating if needed) the database at `path` in WAL mode. A statement that finds the
  // database locked by another process waits up to `busy_timeout` before failing.
  explicit Connection(const std::string& path,
                      std::chrono::milliseconds busy_timeout = std::chrono::seconds(10));
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one or more statements that return no rows of interest. Throws StoreError.
  void Exec(const char* sql);
  // Rolls back an open transaction, ignoring errors (for cleanup paths).
  void RollbackQuietly() noexcept;
  bool InTransaction() const;

  // The cached prepared statement for `sql` (prepared on first use). When that statement is in
  // use already (a nested query with the same text), a fresh uncached one is returned.
  Statement Prepare(std::string_view sql);

  sqlite3* handle() const { return db_; }

 private:
  struct Cached {
    sqlite3_stmt* stmt = nullptr;
    bool busy = false;
  };
  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, Cached, TextHash, std::equal_to<>> cache_;
};

// A read transaction (BEGIN ... COMMIT): one snapshot for several statements, rolled back when
// left by an exception.
class ReadTransaction {
 public:
  explicit ReadTransaction(Connection& c) : c_(c) { c_.Exec("BEGIN"); }
  ~ReadTransaction() {
    if (open_) c_.RollbackQuietly();
  }
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;
  void Commit() {
    open_ = false;
    c_.Exec("COMMIT");
  }

 private:
  Connection& c_;
  bool open_ = true;
};

// Connections shared by many threads: Acquire() lends one (opening a new one while fewer than
// `max_size` exist, else waiting for one to come back); the Lease returns it when destroyed.
class ConnectionPool {
 public:
  ConnectionPool(std::string path, std::size_t max_size);
  ~ConnectionPool();

  class Lease {
   public:
    Lease(ConnectionPool* pool, std::unique_ptr<Connection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Connection& operator*() const { return *connection_; }
    Connection* operator->() const { return connection_.get(); }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<Connection> connection_;
  };

  Lease Acquire();

 private:
  void Return(std::unique_ptr<Connection> connection);

  const std::string path_;
  const std::size_t max_size_;
  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::size_t open_ = 0;
};

}  // namespace craft::store::sqlite
