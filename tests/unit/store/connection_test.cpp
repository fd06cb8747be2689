// Opening a connection while other processes hold the database: SQLite does not call the busy
// handler when a connection switches the file to WAL, so the switch must wait on its own.
#include "store/sqlite/connection.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "store_test_support.h"

namespace craft::store::testing {
namespace {

using sqlite::Connection;
using sqlite::Statement;

std::string JournalMode(Connection& c) {
  Statement st = c.Prepare("PRAGMA journal_mode");
  return st.Step() ? st.Text(0) : "";
}

TEST(ConnectionTest, WaitsForAReaderBeforeSwitchingToWal) {
  TempDir dir;
  const std::string path = (dir.path() / "craft.db").string();
  RawDb other(path);  // a rollback-journal database, read by another connection
  ASSERT_EQ(other.Exec("CREATE TABLE t (x INTEGER); BEGIN; SELECT count(*) FROM t;"), "");
  std::thread release([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_EQ(other.Exec("COMMIT"), "");
  });
  const auto start = std::chrono::steady_clock::now();
  try {
    Connection c(path);
    EXPECT_EQ(JournalMode(c), "wal");
  } catch (const std::exception& e) {
    ADD_FAILURE() << "opening while another connection reads: " << e.what();
  }
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(250))
      << "it waited for the reader";
  release.join();
}

TEST(ConnectionTest, ManyConnectionsOpeningOneNewFileAtOnceAllSucceed) {
  constexpr int kRounds = 20;
  constexpr int kThreads = 6;
  std::atomic<int> failures{0};
  for (int round = 0; round < kRounds; ++round) {
    TempDir dir;
    const std::string path = (dir.path() / "craft.db").string();
    std::atomic<int> ready{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&] {
        ++ready;
        while (ready.load() < kThreads) std::this_thread::yield();
        try {
          Connection c(path);
          c.Exec("CREATE TABLE IF NOT EXISTS t (x INTEGER); INSERT INTO t VALUES (1)");
          if (JournalMode(c) != "wal") ++failures;
        } catch (const std::exception& e) {
          ADD_FAILURE() << "round " << round << ": " << e.what();
          ++failures;
        }
      });
    }
    for (auto& thread : threads) thread.join();
  }
  EXPECT_EQ(failures.load(), 0);
}

TEST(ConnectionTest, GivesUpOnALockHeldLongerThanTheBusyTimeoutWithAClearMessage) {
  TempDir dir;
  const std::string path = (dir.path() / "craft.db").string();
  RawDb other(path);
  ASSERT_EQ(other.Exec("CREATE TABLE t (x INTEGER); BEGIN EXCLUSIVE; INSERT INTO t VALUES (1);"),
            "");
  try {
    Connection c(path, std::chrono::milliseconds(200));
    ADD_FAILURE() << "opened a database another connection holds exclusively";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("locked"), std::string::npos) << e.what();
  }
  EXPECT_EQ(other.Exec("COMMIT"), "");
}

}  // namespace
}  // namespace craft::store::testing
