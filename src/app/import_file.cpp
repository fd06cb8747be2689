#include "app/import_file.h"

#include <zlib.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <string_view>
#include <vector>

namespace craft::app {
namespace {

std::string MiB(std::size_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

class Inflater {
 public:
  Inflater() {
    if (inflateInit2(&z_, 16 + MAX_WBITS) != Z_OK) throw std::bad_alloc();
  }
  ~Inflater() { inflateEnd(&z_); }
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;

  // Inflates `input` onto `out`; false (with `error` set) when the data is not valid gzip.
  bool Feed(std::string_view input, std::string& out, std::size_t max_bytes, std::string& error) {
    z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
    z_.avail_in = static_cast<uInt>(input.size());
    char buffer[1 << 16];
    for (;;) {
      if (member_done_) {  // another gzip member may follow the one that ended
        if (z_.avail_in == 0) break;
        inflateReset(&z_);
        member_done_ = false;
      }
      z_.next_out = reinterpret_cast<Bytef*>(buffer);
      z_.avail_out = sizeof buffer;
      const int rc = inflate(&z_, Z_NO_FLUSH);
      if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) {
        error = z_.msg != nullptr ? z_.msg : "not valid gzip data";
        return false;
      }
      const std::size_t produced = sizeof buffer - z_.avail_out;
      if (out.size() + produced > max_bytes) {
        error = "inflates to more than the limit of " + MiB(max_bytes);
        return false;
      }
      out.append(buffer, produced);
      if (rc == Z_STREAM_END) {
        member_done_ = true;
      } else if (rc == Z_BUF_ERROR || (z_.avail_in == 0 && z_.avail_out != 0)) {
        break;  // every byte given is used and its output written: more input is needed
      }
    }
    return true;
  }

  bool Complete() const { return member_done_; }

 private:
  z_stream z_{};
  bool member_done_ = false;
};

// The size the last gzip member says it inflates to (its ISIZE trailer, modulo 4 GiB): a hint
// to allocate once, 0 when unknown.
std::size_t InflatedSizeHint(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary | std::ios::ate);
  if (!in || in.tellg() < 18) return 0;
  in.seekg(-4, std::ios::end);
  unsigned char b[4] = {};
  if (!in.read(reinterpret_cast<char*>(b), 4)) return 0;
  return std::size_t{b[0]} | std::size_t{b[1]} << 8 | std::size_t{b[2]} << 16 |
         std::size_t{b[3]} << 24;
}

}  // namespace

std::string ReadImportFile(const std::filesystem::path& file, std::size_t max_bytes) {
  const std::string name = file.string();
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ImportFileError(name + ": cannot be read");
  std::vector<char> chunk(1 << 20);
  std::string text;
  std::optional<Inflater> gzip;
  bool first = true;
  while (in.read(chunk.data(), static_cast<std::streamsize>(chunk.size())) || in.gcount() > 0) {
    const std::string_view input(chunk.data(), static_cast<std::size_t>(in.gcount()));
    if (first && input.size() >= 2 && input[0] == '\x1f' && input[1] == '\x8b') {
      gzip.emplace();
      text.reserve(std::min(InflatedSizeHint(file), max_bytes));
    }
    first = false;
    if (gzip) {
      std::string error;
      if (!gzip->Feed(input, text, max_bytes, error)) {
        throw ImportFileError(name + ": " + error + " (gzip-compressed)");
      }
    } else {
      text.append(input);
      if (text.size() > max_bytes) {
        throw ImportFileError(name + " is larger than the limit of " + MiB(max_bytes));
      }
    }
  }
  if (in.bad()) throw ImportFileError(name + ": cannot be read");
  if (gzip && !gzip->Complete()) {
    throw ImportFileError(name + ": the gzip data ends early (the file is truncated)");
  }
  return text;
}

bool HasDataExtension(const std::filesystem::path& file, const std::string& extension) {
  if (file.extension() == extension) return true;
  return file.extension() == ".gz" && file.stem().extension() == extension;
}

}  // namespace craft::app
