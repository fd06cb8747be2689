// Blobs as files: root/blobs/ab/cdef... (named by SHA-256), uploads in progress under root/tmp.
// POSIX I/O throughout: a write is a temporary file, fsync, rename, fsync of the directory.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <vector>

#include "core/digest.h"
#include "store/blob/async_file_writer.h"
#include "store/blob/blob_store.h"
#include "store/blob/posix_io.h"
#include "store/ids.h"

namespace craft::store {
namespace {

constexpr std::size_t kReadChunk = 256 * 1024;
constexpr std::size_t kWriteBuffer = 1024 * 1024;

// An upload: bytes are hashed as they come and gathered into buffers; a full buffer goes to an
// AsyncFileWriter (started with the second buffer, so small uploads never start a thread) while
// the next one fills.
class FilesystemBlobWriter final : public BlobWriter {
 public:
  FilesystemBlobWriter(std::string temp_path, int fd, std::string blobs_dir)
      : temp_path_(std::move(temp_path)), fd_(fd), blobs_dir_(std::move(blobs_dir)) {
    buffer_.reserve(kWriteBuffer);
  }

  ~FilesystemBlobWriter() override {
    async_.reset();  // stop writing before the file goes
    if (!published_) ::unlink(temp_path_.c_str());
  }

  void Write(std::string_view bytes) override {
    if (finished_) throw BlobError("write to a finished blob writer");
    sha_.Update(bytes);
    size_ += bytes.size();
    while (!bytes.empty()) {
      const std::size_t n = std::min(bytes.size(), kWriteBuffer - buffer_.size());
      buffer_.append(bytes.substr(0, n));
      bytes.remove_prefix(n);
      if (buffer_.size() == kWriteBuffer) HandOff();
    }
  }

  std::uint64_t size() const override { return size_; }

  std::string Commit() override {
    if (finished_) throw BlobError("commit of a finished blob writer");
    finished_ = true;
    FinishWriting();
    if (::fsync(fd_.get()) != 0) posix::ThrowErrno("cannot sync " + temp_path_);
    const std::string digest = sha_.FinishHex();
    Publish(digest);               // still holding the lock that keeps cleanups away
    fd_.CloseChecked(temp_path_);  // the bytes are synced: a late error changes nothing
    return digest;
  }

 private:
  void HandOff() {
    if (!async_) async_ = std::make_unique<AsyncFileWriter>(fd_.get(), temp_path_);
    buffer_ = async_->Submit(std::move(buffer_));
  }

  void FinishWriting() {
    if (async_) {
      if (!buffer_.empty()) buffer_ = async_->Submit(std::move(buffer_));
      async_->Drain();
      async_.reset();
    } else {
      posix::WriteAll(fd_.get(), buffer_.data(), buffer_.size(), temp_path_);
    }
    std::string().swap(buffer_);
  }

  // Moves the finished file to its name. When a file of that name and size is there already, it
  // holds these bytes (the name is their hash) and the new copy is dropped; one of another size
  // is a damaged copy, and the new bytes take its place.
  void Publish(const std::string& digest) {
    const std::string dir = blobs_dir_ + "/" + digest.substr(0, 2);
    const std::string path = dir + "/" + digest.substr(2);
    const bool new_dir = posix::MakeDirectory(dir);
    struct stat existing;
    if (::stat(path.c_str(), &existing) == 0 &&
        static_cast<std::uint64_t>(existing.st_size) == size_) {
      ::unlink(temp_path_.c_str());
    } else {
      if (::rename(temp_path_.c_str(), path.c_str()) != 0) {
        posix::ThrowErrno("cannot publish " + path);
      }
      posix::SyncDirectory(dir);
      if (new_dir) posix::SyncDirectory(blobs_dir_);
    }
    published_ = true;
  }

  const std::string temp_path_;
  posix::FileDescriptor fd_;
  const std::string blobs_dir_;
  std::string buffer_;
  std::unique_ptr<AsyncFileWriter> async_;  // declared after fd_: stops before it closes
  core::Sha256 sha_;
  std::uint64_t size_ = 0;
  bool finished_ = false;   // committed, or a commit was tried
  bool published_ = false;  // the temporary file is gone (renamed or dropped)
};

class FilesystemBlobStore final : public BlobStore {
 public:
  explicit FilesystemBlobStore(std::string root)
      : root_(std::move(root)), blobs_(root_ + "/blobs"), tmp_(root_ + "/tmp") {
    posix::MakeDirectories(root_);
    posix::MakeDirectory(blobs_);
    posix::MakeDirectory(tmp_);
    posix::RemoveAbandonedFiles(tmp_);
  }

  std::unique_ptr<BlobWriter> BeginWrite() override {
    const std::string path = tmp_ + "/" + NewUuid() + ".part";
    return std::make_unique<FilesystemBlobWriter>(path, posix::CreateLockedFile(path), blobs_);
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
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) posix::ThrowErrno("cannot remove " + path);
  }

  bool Healthy() override {
    const std::string probe = tmp_ + "/probe-" + NewUuid();
    try {
      posix::FileDescriptor fd(posix::CreateLockedFile(probe));
      const bool written = ::write(fd.get(), "ok", 2) == 2;
      return ::unlink(probe.c_str()) == 0 && written;
    } catch (const BlobError&) {
      return false;
    }
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
    posix::FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) {
      if (errno == ENOENT) throw BlobError("blob " + sha256 + " not found");
      posix::ThrowErrno("cannot open " + path);
    }
    ::posix_fadvise(fd.get(), 0, 0, POSIX_FADV_SEQUENTIAL);
    std::vector<char> chunk(kReadChunk);
    core::Sha256 sha;
    for (;;) {
      const std::size_t n = posix::ReadFull(fd.get(), chunk.data(), chunk.size(), path);
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
