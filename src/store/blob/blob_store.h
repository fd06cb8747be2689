#pragma once
// Content-addressed blob storage. A blob is named by the lowercase hex SHA-256 of its bytes. Writes
// go to a temporary object first and become visible whole or not at all; every read re-checks the
// hash and fails loudly on a mismatch (never serves corrupted bytes silently).

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace craft::store {

class BlobError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Raised when stored bytes no longer hash to their name.
class BlobIntegrityError : public BlobError {
 public:
  using BlobError::BlobError;
};

// An upload in progress: append bytes, then Commit() (hash, fsync, publish) or destroy it to
// discard. Never visible to readers before Commit().
class BlobWriter {
 public:
  virtual ~BlobWriter() = default;
  virtual void Write(std::string_view bytes) = 0;
  virtual std::uint64_t size() const = 0;
  // Publishes the blob and returns its SHA-256 (hex). The writer is finished afterwards.
  virtual std::string Commit() = 0;
};

struct BlobInfo {
  std::string sha256;
  std::uint64_t size = 0;
};

class BlobStore {
 public:
  virtual ~BlobStore() = default;
  virtual std::unique_ptr<BlobWriter> BeginWrite() = 0;
  virtual bool Exists(const std::string& sha256) = 0;
  virtual std::optional<std::uint64_t> Size(const std::string& sha256) = 0;
  // Streams the blob to `sink` in chunks. The hash is verified as the bytes pass; a mismatch
  // throws BlobIntegrityError after the last chunk, so a consumer that must not act on bad bytes
  // should use ReadVerified(). Throws BlobError when absent.
  virtual void Read(const std::string& sha256,
                    const std::function<void(std::string_view)>& sink) = 0;
  // Verifies the whole blob first, then streams it: nothing reaches `sink` unless it verifies.
  virtual void ReadVerified(const std::string& sha256,
                            const std::function<void(std::string_view)>& sink) = 0;
  virtual void Remove(const std::string& sha256) = 0;
  // True when the store can be written to (readiness probe).
  virtual bool Healthy() = 0;
};

// Blobs as files under `root`/blobs/ab/cdef...; temporary files under `root`/tmp, removed on open.
std::unique_ptr<BlobStore> OpenFilesystemBlobStore(const std::string& root);

}  // namespace craft::store
