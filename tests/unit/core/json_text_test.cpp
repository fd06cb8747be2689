// The one JSON string writer and UTF-8 check that the store, the SBOM check, the HTTP status
// endpoint and the export share: the same bytes as nlohmann's dump().
#include "core/json_text.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace craft::core {
namespace {

std::string Written(std::string_view text) {
  std::string out;
  AppendJsonString(out, text);
  return out;
}

TEST(JsonText, EscapesEveryAsciiByteAsNlohmannDoes) {
  for (int c = 0; c < 0x80; ++c) {
    const std::string text = "a" + std::string(1, static_cast<char>(c)) + "b";
    EXPECT_EQ(Written(text), nlohmann::json(text).dump()) << "byte " << c;
  }
  for (const std::string text : {"", "Zürich 東京 😀", "\"quoted\" \\ path\\to"}) {
    EXPECT_EQ(Written(text), nlohmann::json(text).dump()) << text;
  }
}

TEST(JsonText, Utf8IsCheckedAsRfc3629Says) {
  for (const std::string good :
       {"", "plain", "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "\xF4\x8F\xBF\xBF"}) {
    EXPECT_TRUE(IsUtf8(good)) << good;
  }
  // Latin-1, overlong forms, a surrogate, above U+10FFFF, cut sequences, a stray continuation.
  for (const std::string bad : {"caf\xE9", "\xC0\xA9", "\xE0\x80\xA9", "\xED\xA0\x80",
                                "\xF4\x90\x80\x80", "\xE2\x82", "\xF0\x9F\x98", "\x80"}) {
    EXPECT_FALSE(IsUtf8(bad)) << bad;
  }
  EXPECT_EQ(Utf8SequenceLength("\xE2\x82\xAC!", 0), 3u);
  EXPECT_EQ(Utf8SequenceLength("\xE2\x82\xAC!", 3), 1u);
  EXPECT_EQ(Utf8SequenceLength("\xE2\x82", 0), 0u);
}

}  // namespace
}  // namespace craft::core
