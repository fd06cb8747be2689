#include <gtest/gtest.h>

#include <chrono>
#include <iostream>
#include <string>

#include "corpus.h"
#include "sbom/validate/cyclonedx_json_schema.h"

namespace craft::sbom {
namespace {

using testing::CorpusFiles;
using testing::ReadCorpus;
using testing::ReadFile;

std::string FirstError(const std::vector<Diagnostic>& errors) {
  return errors.empty() ? "" : errors[0].location + ": " + errors[0].message;
}

// The CycloneDX specification's JSON test suite, 1.4 to 1.7, against the JSON schemas craft embeds
// (from npm @cyclonedx/cyclonedx-library): every valid-*.json passes, every invalid-*.json is
// rejected by the schema with at least one error located by a JSON pointer. No skip list.
TEST(ValidateCycloneDxJson, ClassifiesTheSpecSuite) {
  int valid = 0, invalid = 0;
  for (std::string v : {"1.4", "1.5", "1.6", "1.7"}) {
    const std::string folder = "cyclonedx-spec/tools/src/test/resources/" + v;
    for (const auto& path : CorpusFiles(folder, "valid-", ".json")) {
      auto errors = ValidateCycloneDxJson(ReadFile(path), v);
      EXPECT_TRUE(errors.empty()) << path << ": " << FirstError(errors);
      ++valid;
    }
    for (const auto& path : CorpusFiles(folder, "invalid-", ".json")) {
      auto errors = ValidateCycloneDxJson(ReadFile(path), v);
      ASSERT_FALSE(errors.empty()) << path;
      EXPECT_EQ(errors[0].location.front(), '/') << path << ": " << FirstError(errors);
      EXPECT_FALSE(errors[0].message.empty()) << path;
      std::cout << "  " << path.filename().string() << ": " << FirstError(errors) << "\n";
      ++invalid;
    }
  }
  std::cout << "[validate] JSON schema: " << valid << " valid-*.json accepted, " << invalid
            << " invalid-*.json rejected\n";
}

}  // namespace
}  // namespace craft::sbom
