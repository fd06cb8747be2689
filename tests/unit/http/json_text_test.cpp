#include "http/json_text.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace craft::http {
namespace {

// Whatever the bytes, the literal parses back to the same string (RFC 8259 escaping).
TEST(JsonText, StringsRoundTripThroughAParser) {
  for (std::string value : {std::string("plain"), std::string("quote \" and \\ backslash"),
                            std::string("tab\tnew\nline\rcr"), std::string("nul\0byte", 8),
                            std::string("\x01\x1f control"), std::string("Zürich 東京")}) {
    std::string out;
    AppendJsonString(out, value);
    EXPECT_EQ(nlohmann::json::parse(out).get<std::string>(), value) << out;
  }
}

TEST(JsonText, Keys) {
  std::string out = "{";
  AppendJsonKey(out, "a\"b");
  out += "1}";
  EXPECT_EQ(nlohmann::json::parse(out)["a\"b"], 1);
}

}  // namespace
}  // namespace craft::http
