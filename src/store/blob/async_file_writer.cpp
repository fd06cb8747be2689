#include "store/blob/async_file_writer.h"

#include <fcntl.h>

#include "store/blob/blob_store.h"
#include "store/blob/posix_io.h"

namespace craft::store {
namespace {

constexpr int kMaxBuffers = 3;                    // one filling, one queued, one writing
constexpr std::uint64_t kWriteback = 8ull << 20;  // start writing to disk every 8 MiB

}  // namespace

AsyncFileWriter::AsyncFileWriter(int fd, std::string path)
    : fd_(fd), path_(std::move(path)), thread_([this] { Run(); }) {}

AsyncFileWriter::~AsyncFileWriter() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

std::string AsyncFileWriter::Submit(std::string full) {
  const std::size_t capacity = full.capacity();
  std::unique_lock lock(mutex_);
  if (!error_.empty()) throw BlobError(error_);
  queue_.push_back(std::move(full));
  changed_.notify_all();
  changed_.wait(lock, [&] { return !spare_.empty() || buffers_ < kMaxBuffers || !error_.empty(); });
  if (!error_.empty()) throw BlobError(error_);
  std::string next;
  if (!spare_.empty()) {
    next = std::move(spare_.back());
    spare_.pop_back();
  } else {
    ++buffers_;
    next.reserve(capacity);
  }
  return next;
}

void AsyncFileWriter::Drain() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return (queue_.empty() && !writing_) || !error_.empty(); });
  if (!error_.empty()) throw BlobError(error_);
}

void AsyncFileWriter::Run() {
  for (;;) {
    std::string bytes;
    bool failed = false;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return stop_ || !queue_.empty(); });
      if (stop_) return;
      bytes = std::move(queue_.front());
      queue_.pop_front();
      writing_ = true;
      failed = !error_.empty();
    }
    std::string error;
    try {
      if (!failed) WriteOut(bytes);  // after a failure the rest is only recycled
    } catch (const BlobError& e) {
      error = e.what();
    }
    bytes.clear();
    {
      std::lock_guard lock(mutex_);
      writing_ = false;
      if (error_.empty()) error_ = error;
      spare_.push_back(std::move(bytes));
    }
    changed_.notify_all();
  }
}

// Writes, and every kWriteback bytes asks the kernel to start putting them on disk, so that the
// disk works while the upload goes on and the final fsync finds little left to do.
void AsyncFileWriter::WriteOut(const std::string& bytes) {
  posix::WriteAll(fd_, bytes.data(), bytes.size(), path_);
  written_ += bytes.size();
  if (written_ - queued_ >= kWriteback) {
    ::sync_file_range(fd_, static_cast<off_t>(queued_), static_cast<off_t>(written_ - queued_),
                      SYNC_FILE_RANGE_WRITE);
    queued_ = written_;
  }
}

}  // namespace craft::store
