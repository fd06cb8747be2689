#pragma once
// Reading the version-comparison fixtures of the shared corpora (see ../shared/corpora/README.md):
// one comparison a line, "A <op> B" with op "<", "=" or ">"; blank lines and lines starting with
// "# " or "// " are comments. Test-only code: it reads files, which src/vuln never does.

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "vuln/version/compare.h"

namespace craft::vuln::version::testing {

inline std::string Corpus(const std::string& relative) {
  return std::string(CRAFT_CORPORA) + "/" + relative;
}

// The lines of a corpus file with trailing '\r' removed. A missing or unreadable file is a test
// failure (the corpus is part of the bar), never a skip.
inline std::vector<std::string> ReadLines(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in.is_open()) << "missing corpus file " << path;
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  EXPECT_FALSE(lines.empty()) << "empty corpus file " << path;
  return lines;
}

inline bool IsCommentOrBlank(const std::string& line) {
  return line.empty() || line.rfind("# ", 0) == 0 || line.rfind("// ", 0) == 0;
}

struct Comparison {
  std::string a;
  int op = 0;  // -1 for "<", 0 for "=", +1 for ">"
  std::string b;
  std::string where;  // "file:line: text", for failure messages
};

// Every comparison of a fixture file; a line that is neither a comment nor "A op B" fails the test.
inline std::vector<Comparison> LoadComparisons(const std::string& path) {
  std::vector<Comparison> out;
  const std::vector<std::string> lines = ReadLines(path);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    if (IsCommentOrBlank(line)) continue;
    const std::string where = path + ":" + std::to_string(i + 1) + ": " + line;
    const std::size_t s1 = line.find(' ');
    const std::size_t s2 = s1 == std::string::npos ? s1 : line.find(' ', s1 + 1);
    const bool three = s2 != std::string::npos && line.find(' ', s2 + 1) == std::string::npos;
    const std::string op = three ? line.substr(s1 + 1, s2 - s1 - 1) : "";
    if (!three || (op != "<" && op != "=" && op != ">")) {
      ADD_FAILURE() << "malformed fixture line " << where;
      continue;
    }
    out.push_back(
        {line.substr(0, s1), op == "<" ? -1 : (op == "=" ? 0 : 1), line.substr(s2 + 1), where});
  }
  return out;
}

inline const char* OpText(int op) { return op < 0 ? "<" : (op == 0 ? "=" : ">"); }

// Which scheme orders each osv-scalibr fixture, by the ecosystem in its file name (as osv-scalibr's
// compare_test.go pairs them: semver for npm, crates.io, Go and Hex; redhat for Red Hat).
inline const std::map<std::string, Scheme>& ScalibrFixtures() {
  static const std::map<std::string, Scheme> kFixtures = {
      {"alpine-versions.txt", Scheme::kAlpine},
      {"alpine-versions-generated.txt", Scheme::kAlpine},
      {"cran-versions.txt", Scheme::kCran},
      {"cran-versions-generated.txt", Scheme::kCran},
      {"debian-versions.txt", Scheme::kDebian},
      {"debian-versions-generated.txt", Scheme::kDebian},
      {"hackage-versions.txt", Scheme::kHackage},
      {"maven-versions.txt", Scheme::kMaven},
      {"maven-versions-generated.txt", Scheme::kMaven},
      {"nuget-versions.txt", Scheme::kNuGet},
      {"packagist-versions.txt", Scheme::kPackagist},
      {"packagist-versions-generated.txt", Scheme::kPackagist},
      {"pub-versions.txt", Scheme::kPub},
      {"pypi-versions.txt", Scheme::kPyPI},
      {"pypi-versions-generated.txt", Scheme::kPyPI},
      {"redhat-versions.txt", Scheme::kRpm},
      {"rubygems-versions.txt", Scheme::kRubyGems},
      {"rubygems-versions-generated.txt", Scheme::kRubyGems},
      {"semver-versions.txt", Scheme::kSemVer},
  };
  return kFixtures;
}

}  // namespace craft::vuln::version::testing
