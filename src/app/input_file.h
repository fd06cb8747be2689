#pragma once
// Reading an input file named on the command line (an SBOM to check, convert or scan): whole, up
// to the SBOM size limit, or exit 2 with "craft <command>: <file>: <why>" on stderr.

#include <cstddef>
#include <string>
#include <string_view>

namespace craft::app {

// The bytes of an input file: a regular file is mapped read-only (no copy, and no zeroed buffer
// to fault in: a fifth of the time of `sbom check` on a 15 MB file went to reading it into a
// string); anything else (a pipe, /dev/stdin) is read into memory. A file truncated by another
// process while it is mapped would raise SIGBUS: the process then says so and exits 2.
class InputBytes {
 public:
  InputBytes() = default;
  InputBytes(const InputBytes&) = delete;
  InputBytes& operator=(const InputBytes&) = delete;
  InputBytes(InputBytes&& other) noexcept;
  InputBytes& operator=(InputBytes&& other) noexcept;
  ~InputBytes();

  std::string_view view() const { return mapped_ ? std::string_view(mapped_, size_) : read_; }
  operator std::string_view() const { return view(); }  // NOLINT: used as the bytes themselves

  // Lets a mapped file's pages go from memory: they are read back from the file when touched
  // again, so the bytes stay readable (read bytes are kept).
  void LetGoOfPages() const;

 private:
  friend InputBytes ReadSbomFile(const std::string& command, const std::string& file);
  const char* mapped_ = nullptr;  // the mapping, when mapped
  std::size_t size_ = 0;          // its length
  std::string read_;              // the bytes, when read
};

// `command` is the full command name ("sbom check", "vuln scan").
InputBytes ReadSbomFile(const std::string& command, const std::string& file);

}  // namespace craft::app
