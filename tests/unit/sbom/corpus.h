#pragma once
// Reading test data written by others from ../shared/corpora (CRAFT_CORPORA). A missing file is a
// test failure, never a skip.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace craft::sbom::testing {

inline std::filesystem::path Corpus(const std::string& relative) {
  return std::filesystem::path(CRAFT_CORPORA) / relative;
}

// The bytes of a corpus file; records a test failure (and returns "") when it cannot be read.
inline std::string ReadCorpus(const std::string& relative) {
  std::ifstream in(Corpus(relative), std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "corpus file missing: " << Corpus(relative);
    return {};
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Files of a corpus folder whose names start with `prefix` and end with `suffix`, sorted. Records a
// failure when the folder is missing or holds none.
inline std::vector<std::filesystem::path> CorpusFiles(const std::string& folder,
                                                      const std::string& prefix,
                                                      const std::string& suffix) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(Corpus(folder), ec)) {
    auto name = e.path().filename().string();
    if (name.starts_with(prefix) && name.ends_with(suffix)) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) ADD_FAILURE() << "no " << prefix << "*" << suffix << " in " << Corpus(folder);
  return files;
}

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace craft::sbom::testing
