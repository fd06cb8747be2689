// The filesystem blob store: content-addressed, whole-or-absent writes, verified reads.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <random>

#include "core/digest.h"
#include "store/blob/blob_store.h"
#include "store_test_support.h"

namespace craft::store::testing {
namespace {

namespace fs = std::filesystem;

std::string RandomBytes(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::string bytes(n, '\0');
  for (char& c : bytes) c = static_cast<char>(rng() & 0xff);
  return bytes;
}

std::size_t FilesUnder(const fs::path& dir) {
  std::size_t n = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) n += entry.is_regular_file();
  return n;
}

class BlobStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { blobs_ = OpenFilesystemBlobStore(root().string()); }
  fs::path root() const { return dir_.path() / "data"; }

  // Writes `bytes` in pieces of `piece` bytes and commits.
  std::string Put(const std::string& bytes, std::size_t piece = 100000) {
    auto writer = blobs_->BeginWrite();
    for (std::size_t at = 0; at < bytes.size(); at += piece) {
      writer->Write(std::string_view(bytes).substr(at, piece));
    }
    EXPECT_EQ(writer->size(), bytes.size());
    return writer->Commit();
  }

  std::string ReadAll(const std::string& sha256, bool verified = false) {
    std::string out;
    const auto sink = [&](std::string_view chunk) { out.append(chunk); };
    verified ? blobs_->ReadVerified(sha256, sink) : blobs_->Read(sha256, sink);
    return out;
  }

  fs::path PathOf(const std::string& sha256) const {
    return root() / "blobs" / sha256.substr(0, 2) / sha256.substr(2);
  }

  void FlipByte(const std::string& sha256, std::size_t offset) {
    const int fd = ::open(PathOf(sha256).c_str(), O_RDWR);
    ASSERT_GE(fd, 0);
    char c = 0;
    ASSERT_EQ(::pread(fd, &c, 1, static_cast<off_t>(offset)), 1);
    c = static_cast<char>(c ^ 0x01);
    ASSERT_EQ(::pwrite(fd, &c, 1, static_cast<off_t>(offset)), 1);
    ::close(fd);
  }

  TempDir dir_;
  std::unique_ptr<BlobStore> blobs_;
};

TEST_F(BlobStoreTest, RoundTripIsNamedBySha256) {
  const std::string bytes = RandomBytes(3 * 1024 * 1024 + 17, 1);  // several read chunks
  const std::string sha = Put(bytes);
  EXPECT_EQ(sha, core::Sha256Hex(bytes));
  EXPECT_TRUE(fs::is_regular_file(PathOf(sha)));
  EXPECT_TRUE(blobs_->Exists(sha));
  EXPECT_EQ(blobs_->Size(sha), bytes.size());
  EXPECT_EQ(ReadAll(sha), bytes);
  EXPECT_EQ(ReadAll(sha, true), bytes);
  EXPECT_EQ(fs::status(PathOf(sha)).permissions() & fs::perms::others_read, fs::perms::none);
}

TEST_F(BlobStoreTest, TinyAndEmptyWritesRoundTrip) {
  const std::string bytes = RandomBytes(10000, 2);
  EXPECT_EQ(ReadAll(Put(bytes, 1)), bytes);  // one byte at a time
  const std::string empty_sha = Put("");
  EXPECT_EQ(empty_sha, core::Sha256Hex(""));
  EXPECT_EQ(blobs_->Size(empty_sha), 0u);
  EXPECT_EQ(ReadAll(empty_sha), "");
}

TEST_F(BlobStoreTest, DuplicateWriteIsIdempotent) {
  const std::string bytes = RandomBytes(500000, 3);
  const std::string first = Put(bytes);
  const std::string second = Put(bytes, 4096);
  EXPECT_EQ(first, second);
  EXPECT_EQ(FilesUnder(root() / "blobs"), 1u);
  EXPECT_EQ(FilesUnder(root() / "tmp"), 0u);
  EXPECT_EQ(ReadAll(first), bytes);
}

TEST_F(BlobStoreTest, AbandonedWriterLeavesNothing) {
  {
    auto writer = blobs_->BeginWrite();
    writer->Write(RandomBytes(700000, 4));
    EXPECT_EQ(FilesUnder(root() / "tmp"), 1u);  // in progress, out of sight
    EXPECT_EQ(FilesUnder(root() / "blobs"), 0u);
  }
  EXPECT_EQ(FilesUnder(root() / "tmp"), 0u);
  EXPECT_EQ(FilesUnder(root() / "blobs"), 0u);
}

// Past the first buffer the file is written on a thread of its own; abandoning stops it.
TEST_F(BlobStoreTest, AbandonedLargeWriterLeavesNothing) {
  {
    auto writer = blobs_->BeginWrite();
    const std::string piece = RandomBytes(300000, 9);
    for (int i = 0; i < 20; ++i) writer->Write(piece);
    EXPECT_EQ(writer->size(), 20u * 300000);
  }
  EXPECT_EQ(FilesUnder(root() / "tmp"), 0u);
  EXPECT_EQ(FilesUnder(root() / "blobs"), 0u);
}

// A write the file system refuses (here: over the file size limit) surfaces as BlobError, and
// nothing is published.
TEST_F(BlobStoreTest, FailedWriteIsAnErrorAndPublishesNothing) {
  rlimit saved{};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &saved), 0);
  const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  rlimit small = saved;
  small.rlim_cur = 2 << 20;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
  bool failed = false;
  try {
    auto writer = blobs_->BeginWrite();
    const std::string piece = RandomBytes(1 << 20, 10);
    for (int i = 0; i < 6; ++i) writer->Write(piece);
    writer->Commit();
  } catch (const BlobError& e) {
    failed = true;
    EXPECT_NE(std::string(e.what()).find("cannot write"), std::string::npos) << e.what();
  }
  ::setrlimit(RLIMIT_FSIZE, &saved);
  std::signal(SIGXFSZ, old_handler);
  EXPECT_TRUE(failed);
  EXPECT_EQ(FilesUnder(root() / "tmp"), 0u);
  EXPECT_EQ(FilesUnder(root() / "blobs"), 0u);
}

TEST_F(BlobStoreTest, UncommittedBytesAreNeverVisible) {
  const std::string bytes = RandomBytes(1000, 5);
  auto writer = blobs_->BeginWrite();
  writer->Write(bytes);
  EXPECT_FALSE(blobs_->Exists(core::Sha256Hex(bytes)));
  writer->Commit();
  EXPECT_TRUE(blobs_->Exists(core::Sha256Hex(bytes)));
  EXPECT_THROW(writer->Write("more"), BlobError);
  EXPECT_THROW(writer->Commit(), BlobError);
}

TEST_F(BlobStoreTest, OpeningRemovesLeftoverTemporaryFiles) {
  std::ofstream(root() / "tmp" / "crashed-upload.part") << "half an upload";
  ASSERT_EQ(FilesUnder(root() / "tmp"), 1u);
  blobs_ = OpenFilesystemBlobStore(root().string());
  EXPECT_EQ(FilesUnder(root() / "tmp"), 0u);
}

// Another process (a CLI command) opening the same folder must not take an upload in progress.
TEST_F(BlobStoreTest, OpeningAgainKeepsUploadsInProgress) {
  const std::string bytes = RandomBytes(3 << 20, 11);
  auto writer = blobs_->BeginWrite();
  writer->Write(std::string_view(bytes).substr(0, 1 << 20));
  const auto other = OpenFilesystemBlobStore(root().string());
  EXPECT_EQ(FilesUnder(root() / "tmp"), 1u);
  writer->Write(std::string_view(bytes).substr(1 << 20));
  const std::string sha = writer->Commit();
  EXPECT_EQ(sha, core::Sha256Hex(bytes));
  std::string read;
  other->ReadVerified(sha, [&](std::string_view chunk) { read.append(chunk); });
  EXPECT_EQ(read, bytes);
}

TEST_F(BlobStoreTest, FlippedByteMakesReadThrowAfterStreaming) {
  const std::string bytes = RandomBytes(600000, 6);
  const std::string sha = Put(bytes);
  FlipByte(sha, 300000);
  std::string streamed;
  try {
    blobs_->Read(sha, [&](std::string_view chunk) { streamed.append(chunk); });
    ADD_FAILURE() << "corruption not detected";
  } catch (const BlobIntegrityError& e) {
    std::string flipped = bytes;
    flipped[300000] = static_cast<char>(flipped[300000] ^ 0x01);
    EXPECT_EQ(std::string(e.what()),
              "blob " + sha + " is corrupted: its content hashes to " + core::Sha256Hex(flipped));
  }
  EXPECT_EQ(streamed.size(), bytes.size());  // Read streams first and complains at the end
}

TEST_F(BlobStoreTest, FlippedByteMakesReadVerifiedDeliverNothing) {
  const std::string sha = Put(RandomBytes(600000, 7));
  FlipByte(sha, 599999);
  std::size_t delivered = 0;
  EXPECT_THROW(blobs_->ReadVerified(sha, [&](std::string_view c) { delivered += c.size(); }),
               BlobIntegrityError);
  EXPECT_EQ(delivered, 0u);
}

TEST_F(BlobStoreTest, RewritingACorruptedBlobOfTheSameContentKeepsAValidCopy) {
  const std::string bytes = RandomBytes(1000, 8);
  const std::string sha = Put(bytes);
  fs::resize_file(PathOf(sha), 10);  // truncated on disk
  EXPECT_THROW(ReadAll(sha), BlobIntegrityError);
  EXPECT_EQ(Put(bytes), sha);
  EXPECT_EQ(ReadAll(sha, true), bytes);
}

TEST_F(BlobStoreTest, MissingAndMisnamedBlobsAreErrors) {
  const std::string absent = core::Sha256Hex("never stored");
  EXPECT_FALSE(blobs_->Exists(absent));
  EXPECT_FALSE(blobs_->Size(absent));
  EXPECT_THROW(ReadAll(absent), BlobError);
  EXPECT_THROW(ReadAll(absent, true), BlobError);
  EXPECT_THROW(ReadAll("../../etc/passwd"), BlobError);
  EXPECT_THROW(blobs_->Exists("../tmp"), BlobError);
  EXPECT_NO_THROW(blobs_->Remove(absent));
}

TEST_F(BlobStoreTest, RemoveDeletesTheBlob) {
  const std::string sha = Put("to be removed");
  blobs_->Remove(sha);
  EXPECT_FALSE(blobs_->Exists(sha));
  EXPECT_FALSE(fs::exists(PathOf(sha)));
}

TEST_F(BlobStoreTest, HealthyWhenTmpIsWritable) {
  EXPECT_TRUE(blobs_->Healthy());
  EXPECT_EQ(FilesUnder(root() / "tmp"), 0u);  // the probe is gone
  fs::remove_all(root() / "tmp");
  EXPECT_FALSE(blobs_->Healthy());
}

TEST(FilesystemBlobStore, CreatesItsRootWithParents) {
  TempDir dir;
  const auto blobs = OpenFilesystemBlobStore((dir.path() / "a" / "b" / "c").string());
  EXPECT_TRUE(fs::is_directory(dir.path() / "a" / "b" / "c" / "blobs"));
  EXPECT_TRUE(fs::is_directory(dir.path() / "a" / "b" / "c" / "tmp"));
  EXPECT_TRUE(blobs->Healthy());
}

}  // namespace
}  // namespace craft::store::testing
