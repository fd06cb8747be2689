// Blobs as files: root/blobs/ab/cdef... (named by SHA-256), uploads in progress under root/tmp.
// POSIX I/O throughout: a write is a temp file, fsync, rename, fsync of the directory.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>
#include <vector>

#include "core/digest.h"
#include "store/blob/blob_store.h"
#include "store/ids.h"

namespace craft::store {
namespace {

constexpr std::size_t kChunk = 256 * 1024;

[[noreturn]] void ThrowErrno(const std::string& what) {
  throw BlobError(what + ": " + std::strerror(errno));
}

void MakeDirectory(const std::string& path) {
  if (::mkdir(path.c_str(), 0700) != 0 && errno != EEXIST) ThrowErrno("cannot create " + path);
}

// Creates `path` and any missing parents.
void MakeDirectories(const std::string& path) {
  for (std::size_t slash = path.find('/', 1); slash != std::string::npos;
       slash = path.find('/', slash + 1)) {
    MakeDirectory(path.substr(0, slash));
  }
  MakeDirectory(path);
}

void SyncDirectory(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) ThrowErrno("cannot open " + path);
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) ThrowErrno("cannot sync " + path);
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

// Reads up to `size` bytes; fewer only at the end of the file.
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

// Removes every file in `dir` (leftovers of uploads interrupted by a crash).
void EmptyDirectory(const std::string& dir) {
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) ThrowErrno("cannot list " + dir);
  while (const dirent* entry = ::readdir(d)) {
    const std::string name = entry->d_name;
    if (name == "." || name == "..") continue;
    ::unlink((dir + "/" + name).c_str());
  }
  ::closedir(d);
}

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

class FilesystemBlobWriter final : public BlobWriter {
 public:
  FilesystemBlobWriter(std::string temp_path, int fd, std::string blobs_dir)
      : temp_path_(std::move(temp_path)), fd_(fd), blobs_dir_(std::move(blobs_dir)) {
    buffer_.reserve(kChunk);
  }

  ~FilesystemBlobWriter() override {
    if (fd_ >= 0) ::close(fd_);
    if (!committed_) ::unlink(temp_path_.c_str());
  }

  void Write(std::string_view bytes) override {
    if (fd_ < 0) throw BlobError("write to a finished blob writer");
    sha_.Update(bytes);
    size_ += bytes.size();
    if (buffer_.size() + bytes.size() <= kChunk) {  // small pieces are gathered into one write
      buffer_.append(bytes);
      return;
    }
    Flush();
    if (bytes.size() >= kChunk) {
      WriteAll(fd_, bytes.data(), bytes.size(), temp_path_);
    } else {
      buffer_.append(bytes);
    }
  }

  std::uint64_t size() const override { return size_; }

  std::string Commit() override;

 private:
  void Flush() {
    WriteAll(fd_, buffer_.data(), buffer_.size(), temp_path_);
    buffer_.clear();
  }

  const std::string temp_path_;
  int fd_;
  const std::string blobs_dir_;
  std::string buffer_;
  core::Sha256 sha_;
  std::uint64_t size_ = 0;
  bool committed_ = false;
};

std::string FilesystemBlobWriter::Commit() {
  if (fd_ < 0) throw BlobError("commit of a finished blob writer");
  Flush();
  const int fd = std::exchange(fd_, -1);
  if (::fsync(fd) != 0) {
    const int saved = errno;
    ::close(fd);
    errno = saved;
    ThrowErrno("cannot sync " + temp_path_);
  }
  if (::close(fd) != 0) ThrowErrno("cannot close " + temp_path_);
  const std::string digest = sha_.FinishHex();
  const std::string dir = blobs_dir_ + "/" + digest.substr(0, 2);
  const std::string path = dir + "/" + digest.substr(2);
  MakeDirectory(dir);
  struct stat existing;
  if (::stat(path.c_str(), &existing) == 0 &&
      static_cast<std::uint64_t>(existing.st_size) == size_) {
    ::unlink(temp_path_.c_str());  // the same bytes are stored already
  } else {
    // Absent, or a damaged copy of a different length: the fresh bytes take its place.
    if (::rename(temp_path_.c_str(), path.c_str()) != 0) ThrowErrno("cannot publish " + path);
    SyncDirectory(dir);
    SyncDirectory(blobs_dir_);
  }
  committed_ = true;
  return digest;
}

class FilesystemBlobStore final : public BlobStore {
 public:
  explicit FilesystemBlobStore(std::string root)
      : root_(std::move(root)), blobs_(root_ + "/blobs"), tmp_(root_ + "/tmp") {
    MakeDirectories(root_);
    MakeDirectory(blobs_);
    MakeDirectory(tmp_);
    EmptyDirectory(tmp_);
  }

  std::unique_ptr<BlobWriter> BeginWrite() override {
    const std::string path = tmp_ + "/" + NewUuid() + ".part";
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) ThrowErrno("cannot create " + path);
    return std::make_unique<FilesystemBlobWriter>(path, fd, blobs_);
  }

  bool Exists(const std::string& sha256) override { return Size(sha256).has_value(); }

  std::optional<std::uint64_t> Size(const std::string& sha256) override {
    struct stat st;
    if (::stat(PathOf(sha256).c_str(), &st) != 0) return std::nullopt;
    return static_cast<std::uint64_t>(st.st_size);
  }

  void Read(const std::string& sha256, const std::function<void(std::string_view)>& sink) override {
    const std::string actual = Stream(sha256, &sink);
    if (actual != sha256) ThrowCorrupted(sha256, actual);
  }

  void ReadVerified(const std::string& sha256,
                    const std::function<void(std::string_view)>& sink) override {
    const std::string actual = Stream(sha256, nullptr);
    if (actual != sha256) ThrowCorrupted(sha256, actual);
    Stream(sha256, &sink);
  }

  void Remove(const std::string& sha256) override {
    const std::string path = PathOf(sha256);
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) ThrowErrno("cannot remove " + path);
  }

  bool Healthy() override {
    const std::string probe = tmp_ + "/probe-" + NewUuid();
    const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return false;
    const bool written = ::write(fd, "ok", 2) == 2;
    ::close(fd);
    return ::unlink(probe.c_str()) == 0 && written;
  }

 private:
  // The file of a blob; throws BlobError for a name that is not a SHA-256 (never a path).
  std::string PathOf(const std::string& sha256) const {
    if (!core::IsSha256Hex(sha256)) throw BlobError("'" + sha256 + "' is not a blob name");
    return blobs_ + "/" + sha256.substr(0, 2) + "/" + sha256.substr(2);
  }

  [[noreturn]] static void ThrowCorrupted(const std::string& sha256, const std::string& actual) {
    throw BlobIntegrityError("blob " + sha256 + " is corrupted: its content hashes to " + actual);
  }

  // Reads the blob in chunks, handing each to `sink` when given; returns the hash of what it read.
  std::string Stream(const std::string& sha256,
                     const std::function<void(std::string_view)>* sink) const {
    const std::string path = PathOf(sha256);
    FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) {
      if (errno == ENOENT) throw BlobError("blob " + sha256 + " not found");
      ThrowErrno("cannot open " + path);
    }
    ::posix_fadvise(fd.get(), 0, 0, POSIX_FADV_SEQUENTIAL);
    std::vector<char> chunk(kChunk);
    core::Sha256 sha;
    for (;;) {
      const std::size_t n = ReadFull(fd.get(), chunk.data(), chunk.size(), path);
      if (n == 0) break;
      const std::string_view bytes(chunk.data(), n);
      sha.Update(bytes);
      if (sink != nullptr) (*sink)(bytes);
      if (n < chunk.size()) break;
    }
    return sha.FinishHex();
  }

  const std::string root_;
  const std::string blobs_;
  const std::string tmp_;
};

}  // namespace

std::unique_ptr<BlobStore> OpenFilesystemBlobStore(const std::string& root) {
  return std::make_unique<FilesystemBlobStore>(root);
}

}  // namespace craft::store
