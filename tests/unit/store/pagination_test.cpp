#include "store/pagination.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

#include "store/store.h"

namespace craft::store {
namespace {

TEST(Cursor, RoundTripsEverySeq) {
  for (std::int64_t seq :
       {std::int64_t{1}, std::int64_t{9}, std::int64_t{10}, std::int64_t{50}, std::int64_t{123},
        std::int64_t{4096}, std::int64_t{1} << 40, std::numeric_limits<std::int64_t>::max() / 10}) {
    const std::string cursor = EncodeCursor(seq);
    EXPECT_EQ(DecodeCursor(cursor), seq) << cursor;
    EXPECT_EQ(cursor.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                       "0123456789-_"),
              std::string::npos)
        << cursor;
  }
}

TEST(Cursor, IsBase64UrlOfTheDecimalSeq) {
  EXPECT_EQ(EncodeCursor(50), "NTA");  // base64("50") = "NTA="
  EXPECT_EQ(DecodeCursor("MTIz"), 123);
}

TEST(Cursor, EmptyMeansTheFirstPage) { EXPECT_EQ(DecodeCursor(""), 0); }

TEST(Cursor, MalformedCursorsAreInvalid) {
  for (const char* bad : {"!!!", "N", "NTA=", "NTB", "YWJj", "MDE", "LTE", "MA", "a b",
                          "OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5"}) {
    try {
      DecodeCursor(bad);
      ADD_FAILURE() << "accepted " << bad;
    } catch (const StoreError& e) {
      EXPECT_EQ(e.kind(), StoreErrorKind::kInvalid) << bad;
      EXPECT_STREQ(e.what(), "malformed cursor");
    }
  }
}

TEST(Limit, IsClampedToOneThroughFiveHundred) {
  EXPECT_EQ(ClampLimit(-5), 1);
  EXPECT_EQ(ClampLimit(0), 1);
  EXPECT_EQ(ClampLimit(1), 1);
  EXPECT_EQ(ClampLimit(50), 50);
  EXPECT_EQ(ClampLimit(500), 500);
  EXPECT_EQ(ClampLimit(501), 500);
}

}  // namespace
}  // namespace craft::store
