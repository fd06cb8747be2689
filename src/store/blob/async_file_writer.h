#pragma once
// Writes buffers to a file on a thread of its own, so that the caller can hash the next buffer
// while the kernel copies this one: an upload then costs about the larger of hashing and writing
// instead of their sum. Internal to src/store/blob.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace craft::store {

class AsyncFileWriter {
 public:
  // Appends to `fd` (not owned; left open) and names `path` in errors.
  AsyncFileWriter(int fd, std::string path);
  // Stops the thread; buffers not yet written are dropped.
  ~AsyncFileWriter();
  AsyncFileWriter(const AsyncFileWriter&) = delete;
  AsyncFileWriter& operator=(const AsyncFileWriter&) = delete;

  // Queues `full` for writing and returns an empty buffer to fill next, waiting while the most
  // buffers are in flight. Throws BlobError when an earlier write failed.
  std::string Submit(std::string full);
  // Waits until everything submitted is written. Throws BlobError when a write failed.
  void Drain();

 private:
  void Run();
  void WriteOut(const std::string& bytes);

  const int fd_;
  const std::string path_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::string> queue_;
  std::vector<std::string> spare_;
  int buffers_ = 1;  // made so far (the caller holds the first)
  bool writing_ = false;
  bool stop_ = false;
  std::string error_;
  std::uint64_t written_ = 0;  // bytes written (worker thread only)
  std::uint64_t queued_ = 0;   // bytes whose writeback was started (worker thread only)
  std::thread thread_;
};

}  // namespace craft::store
