#include "app/input_file.h"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

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
  std::ifstream in(file, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  if (!in && !in.eof()) fail(": cannot be read");
  return buffer.str();
}

}  // namespace craft::app
