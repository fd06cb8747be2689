#pragma once
// One run of `craft vuln import osv|nvd`. Records are handed in as the importer reads them and
// pass through three threads, so that reading (inflating, parsing), encoding the stored record
// (JSON, zstd) and writing (SQLite) overlap:
//
//   caller: Add() ── skips records the store has already (same or later `modified`), batches
//   encoder: EncodeAdvisoryRecord for each record of a batch
//   writer: Store::UpsertAdvisories, one transaction per batch, in the order of the source
//
// Counts what each record did, keeps the first rejection reasons, and shows progress on stderr
// (redrawn in place on a terminal).

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "store/store.h"
#include "vuln/advisory/model.h"

namespace craft::app {

// A bounded queue of batches between two threads: Push waits while it is full, Pop while it is
// empty. After Close, Pop drains what is left and then returns nullopt; after Abort, both return
// at once (Push false, Pop nullopt) and what was queued is dropped.
template <typename T>
class BatchQueue {
 public:
  explicit BatchQueue(std::size_t capacity) : capacity_(capacity) {}
  bool Push(T&& item) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return items_.size() < capacity_ || ended_; });
    if (ended_) return false;
    items_.push_back(std::move(item));
    changed_.notify_all();
    return true;
  }
  std::optional<T> Pop() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !items_.empty() || closed_ || ended_; });
    if (ended_ || items_.empty()) return std::nullopt;
    T item = std::move(items_.front());
    items_.pop_front();
    changed_.notify_all();
    return item;
  }
  void Close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    changed_.notify_all();
  }
  void Abort() {
    std::lock_guard lock(mutex_);
    ended_ = true;
    items_.clear();
    changed_.notify_all();
  }

 private:
  const std::size_t capacity_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<T> items_;
  bool closed_ = false;
  bool ended_ = false;
};

class AdvisoryImportRun {
 public:
  // `source` is "osv" or "nvd": the source of every record that will be added.
  AdvisoryImportRun(store::Store& store, std::string source);
  // Without Finish() (the reader failed): stops both threads; the batches committed stay.
  ~AdvisoryImportRun();
  AdvisoryImportRun(const AdvisoryImportRun&) = delete;
  AdvisoryImportRun& operator=(const AdvisoryImportRun&) = delete;

  // Takes one record, in the order of the source. Throws what the encoder or writer threw (a
  // StoreError, say) once one of them has failed; later records are not written.
  void Add(vuln::advisory::Advisory&& advisory);
  // Counts one rejected record (its first error).
  void Reject(const std::vector<vuln::advisory::ImportDiagnostic>& diagnostics);
  // Writes what is left, prints the summary to stdout and records the run in the store.
  void Finish(const std::string& origin);
  // Whether the run added, updated or withdrew anything (after Finish).
  bool Changed() const { return counts_[0] + counts_[1] + counts_[3] > 0; }

 private:
  struct Batch {
    std::vector<vuln::advisory::Advisory> advisories;
    std::vector<std::string> records;  // the stored form of each, filled by the encoder
  };
  static constexpr std::size_t kBatchSize = 10000;

  void Encode();  // the encoder thread
  void Write();   // the writer thread
  void Fail(std::exception_ptr error) noexcept;
  void RethrowFailure();
  void Progress(bool final);
  void Stop() noexcept;

  store::Store& store_;
  std::string source_;
  std::unordered_map<std::string, std::string> stored_modified_;  // by id, when the run began
  Batch batch_;
  BatchQueue<Batch> to_encode_{1};
  BatchQueue<Batch> to_write_{1};

  std::mutex mutex_;  // guards the fields below it
  std::exception_ptr error_;
  std::int64_t counts_[4] = {0, 0, 0, 0};  // AdvisoryChange order
  std::int64_t rejected_ = 0;
  std::vector<std::string> reasons_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_ = start_;

  std::thread encoder_;
  std::thread writer_;
};

}  // namespace craft::app
