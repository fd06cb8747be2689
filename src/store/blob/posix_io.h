#pragma once
// The POSIX file operations the filesystem blob store is built from; each throws BlobError with
// the path and the system's reason. Internal to src/store/blob.

#include <cstddef>
#include <string>
#include <utility>

namespace craft::store::posix {

[[noreturn]] void ThrowErrno(const std::string& what);

bool MakeDirectory(const std::string& path);    // false when it existed already
void MakeDirectories(const std::string& path);  // with missing parents
void SyncDirectory(const std::string& path);    // fsync, so that renames into it are durable

// Creates a new file (O_EXCL, mode 0600) for writing and takes an exclusive flock on it, which
// marks it as in use until closed (also when the process dies).
int CreateLockedFile(const std::string& path);
// Removes the files in `path` that nobody holds a lock on: what uploads interrupted by a crash
// left behind. Files of uploads in progress (in this or another process) stay.
void RemoveAbandonedFiles(const std::string& path);

// Writes all of `size` bytes (retrying short writes and EINTR).
void WriteAll(int fd, const char* data, std::size_t size, const std::string& path);
// Reads up to `size` bytes; fewer only at the end of the file.
std::size_t ReadFull(int fd, char* data, std::size_t size, const std::string& path);

// Closes the descriptor it owns.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd = -1) : fd_(fd) {}
  ~FileDescriptor() { Close(); }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }
  int Release() { return std::exchange(fd_, -1); }
  // Closes now; throws BlobError when the close reports an error (a write that failed late).
  void CloseChecked(const std::string& path);

 private:
  void Close();
  int fd_;
};

}  // namespace craft::store::posix
