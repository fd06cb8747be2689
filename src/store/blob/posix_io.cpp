#include "store/blob/posix_io.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "store/blob/blob_store.h"

namespace craft::store::posix {

void ThrowErrno(const std::string& what) { throw BlobError(what + ": " + std::strerror(errno)); }

bool MakeDirectory(const std::string& path) {
  if (::mkdir(path.c_str(), 0700) == 0) return true;
  if (errno != EEXIST) ThrowErrno("cannot create " + path);
  return false;
}

void MakeDirectories(const std::string& path) {
  for (std::size_t slash = path.find('/', 1); slash != std::string::npos;
       slash = path.find('/', slash + 1)) {
    MakeDirectory(path.substr(0, slash));
  }
  MakeDirectory(path);
}

void SyncDirectory(const std::string& path) {
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) ThrowErrno("cannot open " + path);
  if (::fsync(fd.get()) != 0) ThrowErrno("cannot sync " + path);
}

int CreateLockedFile(const std::string& path) {
  FileDescriptor fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
  if (fd.get() < 0) ThrowErrno("cannot create " + path);
  if (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) {
    const int saved = errno;
    ::unlink(path.c_str());
    errno = saved;
    ThrowErrno("cannot lock " + path);
  }
  return fd.Release();
}

void RemoveAbandonedFiles(const std::string& path) {
  DIR* dir = ::opendir(path.c_str());
  if (dir == nullptr) ThrowErrno("cannot list " + path);
  while (const dirent* entry = ::readdir(dir)) {
    const std::string name = entry->d_name;
    if (name == "." || name == "..") continue;
    const std::string file = path + "/" + name;
    FileDescriptor fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
    if (fd.get() >= 0 && ::flock(fd.get(), LOCK_EX | LOCK_NB) == 0) ::unlink(file.c_str());
  }
  ::closedir(dir);
}

void WriteAll(int fd, const char* data, std::size_t size, const std::string& path) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      ThrowErrno("cannot write " + path);
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
}

std::size_t ReadFull(int fd, char* data, std::size_t size, const std::string& path) {
  std::size_t got = 0;
  while (got < size) {
    const ssize_t n = ::read(fd, data + got, size - got);
    if (n < 0) {
      if (errno == EINTR) continue;
      ThrowErrno("cannot read " + path);
    }
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  return got;
}

void FileDescriptor::Close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

void FileDescriptor::CloseChecked(const std::string& path) {
  const int fd = fd_;
  fd_ = -1;
  if (fd >= 0 && ::close(fd) != 0) ThrowErrno("cannot close " + path);
}

}  // namespace craft::store::posix
