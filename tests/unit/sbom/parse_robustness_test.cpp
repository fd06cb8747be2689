// Untrusted input never crashes the reader (DESIGN.md, "Conventions"): real SBOMs of every format,
// mutated byte by byte, are either read or refused with an error; never neither. Run under
// AddressSanitizer too (a build with -fsanitize=address,undefined) to catch what does not crash.
#include <gtest/gtest.h>

#include <random>

#include "corpus.h"
#include "sbom/parse.h"

namespace craft::sbom {
namespace {

using testing::ReadCorpus;

// One mutation: flip a byte, drop a range, duplicate a range, or insert a character that
// matters to one of the grammars.
std::string Mutate(const std::string& original, std::mt19937& random) {
  std::string s = original;
  if (s.empty()) return s;
  std::size_t at = random() % s.size();
  std::size_t span = 1 + random() % 64;
  static const std::string kSpecial = "\"\\{}[]<>&;:/\n!?-#=";
  switch (random() % 4) {
    case 0:
      s[at] = static_cast<char>(random() % 256);
      break;
    case 1:
      s.erase(at, span);
      break;
    case 2:
      s.insert(at, s.substr(at, span));
      break;
    default:
      s.insert(s.begin() + static_cast<std::ptrdiff_t>(at), kSpecial[random() % kSpecial.size()]);
  }
  return s;
}

// 2,000 mutations of each of five real SBOMs, one per format (files from the spec suite,
// spdx-spec and spdx-examples), with tight limits so that limit paths run as well.
TEST(ParseRobustness, MutatedSbomsAreReadOrRefusedNeverNeither) {
  const std::vector<std::string> files = {
      "cyclonedx-spec/tools/src/test/resources/1.6/valid-bom-1.6.json",
      "cyclonedx-spec/tools/src/test/resources/1.6/valid-bom-1.6.xml",
      "spdx-spec/support-2.3.1/examples/SPDXJSONExample-v2.3.spdx.json",
      "spdx-spec/support-2.3.1/examples/SPDXTagExample-v2.3.spdx",
      "spdx-examples/software/example5/spdx3.0/example5-bin.json",
  };
  std::mt19937 random(7);
  Limits tight;
  tight.max_depth = 16;
  tight.max_components = 50;
  for (const auto& path : files) {
    const std::string original = ReadCorpus(path);
    ASSERT_FALSE(original.empty()) << path;
    int read = 0, refused = 0;
    for (int i = 0; i < 2000; ++i) {
      std::string mutated = Mutate(original, random);
      if (i % 3 == 0) mutated = Mutate(mutated, random);
      auto parsed = Parse(mutated, tight);
      ASSERT_TRUE(parsed.value || parsed.HasErrors()) << path << " mutation " << i;
      for (const auto& d : parsed.diagnostics) {
        ASSERT_FALSE(d.location.empty()) << path << " mutation " << i << ": " << d.message;
        ASSERT_FALSE(d.message.empty()) << path << " mutation " << i;
      }
      (parsed.value ? read : refused) += 1;
    }
    EXPECT_GT(read, 0) << path;
    EXPECT_GT(refused, 0) << path;
  }
}

}  // namespace
}  // namespace craft::sbom

#include <thread>

namespace craft::sbom {
namespace {

// Parse is thread-safe (parse.h): four threads reading keycloak's bom.json at once, 25 times
// each, all get its 903 components (one of them at a time uses the parser kept between calls).
TEST(ParseRobustness, ConcurrentParsesAgree) {
  const std::string bytes = ReadCorpus("cyclonedx-bom-examples/SBOM/keycloak-10.0.2/bom.json");
  std::vector<std::size_t> counts(4 * 25);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        auto parsed = Parse(bytes);
        counts[t * 25 + i] = parsed.value ? parsed.value->components.size() : 0;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (std::size_t n : counts) EXPECT_EQ(n, 903u);
}

}  // namespace
}  // namespace craft::sbom
