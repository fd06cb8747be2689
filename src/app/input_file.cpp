#include "app/input_file.h"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "sbom/model.h"

namespace craft::app {

std::string ReadSbomFile(const std::string& command, const std::string& file) {
  const auto fail = [&](const std::string& why) {
    std::cerr << "craft " << command << ": " << file << why << "\n";
    throw CLI::RuntimeError(2);
  };
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) fail(": " + ec.message());
  if (size > sbom::Limits{}.max_bytes) fail(" is larger than the 256 MiB limit");
  // One allocation of the file's size, read into directly (a stringstream grows by doubling and
  // then copies: up to three times the file in memory at the peak, and a fifth of the time of
  // `sbom check` on a 15 MB file).
  std::ifstream in(file, std::ios::binary);
  if (!in.is_open()) fail(": cannot be read");
  std::string bytes;
  bytes.resize(static_cast<std::size_t>(size));
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  bytes.resize(static_cast<std::size_t>(in.gcount()));  // the file may have shrunk
  char more[1 << 16];
  while (in && in.read(more, sizeof more).gcount() > 0) bytes.append(more, in.gcount());
  if (in.bad()) fail(": cannot be read");
  return bytes;
}

}  // namespace craft::app
