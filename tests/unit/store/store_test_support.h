#pragma once
// What the store tests share: a fresh temporary folder per test, a database in it with a clock the
// test moves, helpers that make the rows most tests need, and raw SQLite access for tampering the
// way someone with access to the file would.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>

#include "core/digest.h"
#include "store/store.h"
#include "vuln/advisory/model.h"

namespace craft::store::testing {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "craft-store-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// A raw connection to the database file, outside the store.
class RawDb {
 public:
  explicit RawDb(const std::string& path) {
    if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) throw std::runtime_error("open failed");
    sqlite3_busy_timeout(db_, 10000);
  }
  ~RawDb() { sqlite3_close(db_); }
  RawDb(const RawDb&) = delete;
  RawDb& operator=(const RawDb&) = delete;

  // Runs SQL; returns SQLite's error message, or "" on success.
  std::string Exec(const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) == SQLITE_OK) return "";
    std::string message = error != nullptr ? error : "error";
    sqlite3_free(error);
    return message;
  }

  // The first column of the first row as text ("" when there is no row or it is NULL).
  std::string Scalar(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
      throw std::runtime_error(sqlite3_errmsg(db_));
    }
    std::string value;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) != nullptr) {
      value = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    return value;
  }

 private:
  sqlite3* db_ = nullptr;
};

inline constexpr std::int64_t kStartTime = 1'750'000'000;  // 2025-06-15T15:06:40Z

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override { store_ = Open(); }

  std::unique_ptr<Store> Open() {
    return OpenSqliteStore(db_path(), [this] { return now_.load(); });
  }
  std::string db_path() const { return (dir_.path() / "craft.db").string(); }
  void Advance(std::int64_t seconds) { now_ += seconds; }

  CreatedApiKey NewOrganisation(const std::string& name = "Acme") {
    return store_->CreateOrganisation(name, Actor{"system"});
  }

  core::Product NewProduct(const std::string& org_id, const std::string& slug) {
    core::Product p;
    p.organisation_id = org_id;
    p.name = "Product " + slug;
    p.slug = slug;
    return store_->CreateProduct(p, actor_);
  }

  core::Version NewVersion(const std::string& org_id, const std::string& product_id,
                           const std::string& version,
                           const std::optional<std::string>& carry_over_from = std::nullopt) {
    core::Version v;
    v.product_id = product_id;
    v.version = version;
    return store_->CreateVersion(org_id, v, carry_over_from, actor_);
  }

  core::Document NewDocument(const std::string& org_id, const std::string& version_id,
                             core::DocumentType type, const std::string& content) {
    core::Document d;
    d.organisation_id = org_id;
    d.version_id = version_id;
    d.type = type;
    d.title = "Title of " + content;
    d.file_name = content + ".pdf";
    d.media_type = "application/pdf";
    d.size = content.size();
    d.sha256 = core::Sha256Hex(content);
    d.uploaded_by = "key:test";
    return store_->CreateDocument(d, actor_);
  }

  TempDir dir_;
  std::atomic<std::int64_t> now_{kStartTime};
  std::unique_ptr<Store> store_;
  Actor actor_{"key:test"};
};

// Runs `call` and returns the kind of StoreError it threw; fails the test when it throws nothing.
template <typename Call>
std::optional<StoreErrorKind> ErrorKindOf(Call&& call, std::string* message = nullptr) {
  try {
    call();
  } catch (const StoreError& e) {
    if (message != nullptr) *message = e.what();
    return e.kind();
  }
  ADD_FAILURE() << "expected a StoreError";
  return std::nullopt;
}

// An OSV advisory of npm left-pad, affected from 0 up to `fixed`, aliasing CVE-2099-0001.
inline vuln::advisory::Advisory LeftPadAdvisory(
    const std::string& id = "GHSA-lp-0001", const std::string& modified = "2024-01-01T00:00:00Z",
    const std::string& fixed = "1.0.1") {
  vuln::advisory::Advisory a;
  a.id = id;
  a.modified = modified;
  a.aliases = {"CVE-2099-0001"};
  vuln::advisory::Affected affected;
  affected.package = {"npm", "left-pad", "left-pad", ""};
  affected.ranges.push_back({vuln::advisory::AffectedRange::Type::kSemver,
                             "",
                             {{vuln::advisory::RangeEvent::Kind::kIntroduced, "0"},
                              {vuln::advisory::RangeEvent::Kind::kFixed, fixed}}});
  a.affected.push_back(affected);
  return a;
}

}  // namespace craft::store::testing
