#include "app/input_file.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <utility>

#include "sbom/model.h"

namespace craft::app {
namespace {

// A mapped file cut short by another process raises SIGBUS when a page past its new end is read:
// end with a message and exit 2 (input error) instead of the signal's core dump.
void OnInputTruncated(int /*signal*/) {
  static constexpr char kMessage[] =
      "craft: the input file was truncated by another process while craft read it\n";
  [[maybe_unused]] const auto written = ::write(2, kMessage, sizeof kMessage - 1);
  ::_exit(2);
}

void HandleTruncation() {
  struct sigaction action {};
  action.sa_handler = OnInputTruncated;
  sigemptyset(&action.sa_mask);
  ::sigaction(SIGBUS, &action, nullptr);
}

// Maps the regular file `path` of `size` bytes; nullptr when it cannot be (then it is read).
const char* MapFile(const std::string& path, std::size_t size) {
  if (size == 0) return nullptr;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return nullptr;
  struct stat st {};
  void* map = MAP_FAILED;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
      static_cast<std::size_t>(st.st_size) == size) {
    // Populated at once: the whole file is read anyway, and faulting it in page by page is slower.
    map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
  }
  ::close(fd);
  if (map == MAP_FAILED) return nullptr;
  HandleTruncation();
  return static_cast<const char*>(map);
}

}  // namespace

InputBytes::InputBytes(InputBytes&& other) noexcept
    : mapped_(std::exchange(other.mapped_, nullptr)),
      size_(std::exchange(other.size_, 0)),
      read_(std::move(other.read_)) {}

InputBytes& InputBytes::operator=(InputBytes&& other) noexcept {
  if (this != &other) {
    if (mapped_ != nullptr) ::munmap(const_cast<char*>(mapped_), size_);
    mapped_ = std::exchange(other.mapped_, nullptr);
    size_ = std::exchange(other.size_, 0);
    read_ = std::move(other.read_);
  }
  return *this;
}

void InputBytes::LetGoOfPages() const {
  if (mapped_ != nullptr) ::madvise(const_cast<char*>(mapped_), size_, MADV_DONTNEED);
}

InputBytes::~InputBytes() {
  if (mapped_ != nullptr) ::munmap(const_cast<char*>(mapped_), size_);
}

InputBytes ReadSbomFile(const std::string& command, const std::string& file) {
  const auto fail = [&](const std::string& why) {
    std::cerr << "craft " << command << ": " << file << why << "\n";
    throw CLI::RuntimeError(2);
  };
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) fail(": " + ec.message());
  if (size > sbom::Limits{}.max_bytes) fail(" is larger than the 256 MiB limit");
  InputBytes bytes;
  if ((bytes.mapped_ = MapFile(file, static_cast<std::size_t>(size))) != nullptr) {
    bytes.size_ = static_cast<std::size_t>(size);
    return bytes;
  }
  // One allocation of the file's size, read into directly (a stringstream grows by doubling and
  // then copies: up to three times the file in memory at the peak).
  std::ifstream in(file, std::ios::binary);
  if (!in.is_open()) fail(": cannot be read");
  std::string& read = bytes.read_;
  read.resize(static_cast<std::size_t>(size));
  in.read(read.data(), static_cast<std::streamsize>(read.size()));
  read.resize(static_cast<std::size_t>(in.gcount()));  // the file may have shrunk
  char more[1 << 16];
  while (in && in.read(more, sizeof more).gcount() > 0) read.append(more, in.gcount());
  if (in.bad()) fail(": cannot be read");
  return bytes;
}

}  // namespace craft::app
