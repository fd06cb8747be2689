// Inputs that the libFuzzer targets in fuzz/ found to crash, hang or misbehave (see fuzz/README.md
// and the "Fuzzing" section of BENCHMARKS.md), minimised and kept as bytes: each test failed
// before its fix. The memory errors are only visible in a sanitized build (the fuzz build, or any
// build with -fsanitize=address); the others fail in every build.
#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "sbom/parse.h"
#include "sbom/purl.h"

namespace craft::sbom {
namespace {

// fuzz_cyclonedx_json (also fuzz_spdx_json, fuzz_spdx3_jsonld) on its second input: the JSON
// reader let simdjson read its padding past the end of the caller's buffer, because the sanitizer
// check only knew g++'s __SANITIZE_ADDRESS__; under clang's AddressSanitizer that over-read was a
// heap-buffer-overflow. The input sits at the very end of a heap block of its exact size.
TEST(FuzzRegression, JsonAtTheEndOfItsHeapBlockIsNotReadPastItsEnd) {
  const std::string_view text =
      "{\n      \"bomFormat\": \"CycloneDX\",\n      \"specVersion\": \"1.6\",\n      "
      "\"version\": 1\n}";
  auto block = std::make_unique<char[]>(text.size());
  std::memcpy(block.get(), text.data(), text.size());
  const Parsed<Document> parsed = Parse(std::string_view(block.get(), text.size()));
  ASSERT_TRUE(parsed.value.has_value());
  EXPECT_EQ(parsed.value->format, Format::kCycloneDxJson);
  EXPECT_EQ(parsed.value->spec_version, "1.6");
}

// fuzz_purl: "%2F" in a subpath segment decoded to '/', which the canonical form then wrote as a
// separator: "pkg:h/g#%2F" became "pkg:h/g#/", and that reads back as "pkg:h/g", so the canonical
// form was not a fixed point (and "a%2Fb" silently became two segments). Such a segment is now
// refused, as a namespace segment containing '/' already was.
TEST(FuzzRegression, PurlSubpathSegmentDecodingToSlashIsRefused) {
  const PurlResult parsed = ParsePurl("pkg:h/g#%2F");
  EXPECT_FALSE(parsed);
  EXPECT_EQ(parsed.position, std::string_view("pkg:h/g#").size());
  EXPECT_FALSE(ParsePurl("pkg:npm/a@1#dir/a%2Fb", PurlStrictness::kLenient));
  EXPECT_FALSE(CanonicalPurl("pkg:h/g#%2F").has_value());
}

// fuzz_purl: a git purl whose name holds "%2F%2F" decoded to "a//b"; the canonical form wrote
// "pkg:git/a//b", which reads back as "pkg:git/a/b", so the canonical form was not a fixed point.
// Empty path segments of a git purl are now dropped when it is normalised.
TEST(FuzzRegression, GitPurlWithEmptyPathSegmentHasAFixedCanonicalForm) {
  const std::optional<std::string> canonical = CanonicalPurl("pkg:git/a%2F%2Fb");
  ASSERT_TRUE(canonical.has_value());
  EXPECT_EQ(*canonical, "pkg:git/a/b");
  EXPECT_EQ(CanonicalPurl(*canonical), canonical);
  const std::optional<std::string> nested = CanonicalPurl("pkg:git/host/x%2F%2F%2Fy@1");
  ASSERT_TRUE(nested.has_value());
  EXPECT_EQ(CanonicalPurl(*nested), nested);
}

}  // namespace
}  // namespace craft::sbom
