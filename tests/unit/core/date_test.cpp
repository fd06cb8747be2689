#include "core/date.h"

#include <gtest/gtest.h>

namespace craft::core {
namespace {

Date D(const char* s) { return *ParseDate(s); }

// ISO 8601 calendar dates only; impossible dates are refused (2023 is not a leap year).
TEST(Date, ParsesOnlyRealCalendarDates) {
  EXPECT_TRUE(ParseDate("2024-02-29"));
  EXPECT_FALSE(ParseDate("2023-02-29"));
  EXPECT_FALSE(ParseDate("2024-13-01"));
  EXPECT_FALSE(ParseDate("2024-1-01"));
  EXPECT_FALSE(ParseDate("2024-01-01T00:00:00Z"));
  EXPECT_FALSE(ParseDate(""));
  EXPECT_EQ(FormatDate(D("0999-01-05")), "0999-01-05");
}

// A 29 February plus whole years lands on 28 February in a common year, and stays 29 February in
// a leap year (Article 13(13) periods counted in calendar years).
TEST(Date, AddYearsClampsLeapDay) {
  EXPECT_EQ(FormatDate(AddYears(D("2024-02-29"), 10)), "2034-02-28");
  EXPECT_EQ(FormatDate(AddYears(D("2024-02-29"), 4)), "2028-02-29");
  EXPECT_EQ(FormatDate(AddYears(D("2023-03-01"), 1)), "2024-03-01");
  EXPECT_EQ(FormatDate(AddYears(D("2027-12-31"), 10)), "2037-12-31");
}

// RFC 3339 timestamps with offsets and fractions; output always UTC with Z.
TEST(Date, TimestampsRoundTripInUtc) {
  EXPECT_EQ(ParseTimestamp("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(ParseTimestamp("2026-11-23T19:21:26Z"), 1795461686);
  EXPECT_EQ(ParseTimestamp("2026-11-23T20:21:26.123+01:00"), 1795461686);
  EXPECT_FALSE(ParseTimestamp("2026-11-23 19:21"));
  EXPECT_FALSE(ParseTimestamp("2026-11-23T19:21:26"));
  EXPECT_FALSE(ParseTimestamp("2026-11-23T25:21:26Z"));
  EXPECT_EQ(FormatTimestamp(1795461686), "2026-11-23T19:21:26Z");
  EXPECT_EQ(FormatDate(DateOf(1795461686)), "2026-11-23");
  EXPECT_EQ(FormatDate(DateOf(-1)), "1969-12-31");
}

}  // namespace
}  // namespace craft::core
