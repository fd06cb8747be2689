#include "core/retention.h"

#include <gtest/gtest.h>

namespace craft::core {
namespace {

Date D(const char* s) { return *ParseDate(s); }

Version Released(const char* first, const char* last, const char* eos) {
  Version v;
  v.release_state = ReleaseState::kReleased;
  if (first) v.first_placed_on_market = D(first);
  if (last) v.last_placed_on_market = D(last);
  if (eos) v.end_of_support = D(eos);
  return v;
}

// CRA.md: retain_until = max(last_placed_on_market + 10 years, end_of_support).
TEST(Retention, TenYearsFromLastPlacedOnMarket) {
  const auto r =
      AssessRetention(Released("2027-01-01", "2030-06-30", "2032-01-01"), D("2031-01-01"));
  ASSERT_TRUE(r.retain_until);
  EXPECT_EQ(FormatDate(*r.retain_until), "2040-06-30");
  EXPECT_TRUE(r.locked);
  EXPECT_FALSE(r.open_ended);
}

// Article 13(13): "or for the support period if longer".
TEST(Retention, SupportPeriodWhenLonger) {
  const auto r =
      AssessRetention(Released("2027-01-01", "2028-01-01", "2045-03-31"), D("2029-01-01"));
  EXPECT_EQ(FormatDate(*r.retain_until), "2045-03-31");
}

// A last unit placed on 29 February keeps its documents until 28 February ten years on.
TEST(Retention, LeapDayLastPlacedOnMarket) {
  const auto r = AssessRetention(Released("2024-02-29", "2028-02-29", nullptr), D("2030-01-01"));
  EXPECT_EQ(FormatDate(*r.retain_until), "2038-02-28");
  EXPECT_TRUE(
      AssessRetention(Released("2024-02-29", "2028-02-29", nullptr), D("2038-02-28")).locked);
  EXPECT_FALSE(
      AssessRetention(Released("2024-02-29", "2028-02-29", nullptr), D("2038-03-01")).locked);
}

// Still on the market (no last date): at least ten years from today, and locked.
TEST(Retention, OpenEndedWhileStillOnMarket) {
  const auto r = AssessRetention(Released("2027-01-01", nullptr, "2030-01-01"), D("2028-05-05"));
  EXPECT_TRUE(r.open_ended);
  EXPECT_TRUE(r.locked);
  EXPECT_EQ(FormatDate(*r.retain_until), "2038-05-05");
}

// Drafts stay editable: nothing retained until released or placed on the market.
TEST(Retention, DraftsAreNotLocked) {
  Version v;
  v.release_state = ReleaseState::kApproved;
  v.first_placed_on_market = D("2030-01-01");  // planned, in the future
  const auto r = AssessRetention(v, D("2029-01-01"));
  EXPECT_FALSE(r.locked);
  EXPECT_FALSE(r.retain_until);
  v.first_placed_on_market = D("2028-12-31");  // already placed: locked even as a draft state
  EXPECT_TRUE(AssessRetention(v, D("2029-01-01")).locked);
}

// Article 13(8): at least five years, counted in calendar years.
TEST(SupportPeriod, AtLeastFiveYears) {
  EXPECT_TRUE(SupportPeriodAtLeastFiveYears(D("2027-01-15"), D("2032-01-15")));
  EXPECT_FALSE(SupportPeriodAtLeastFiveYears(D("2027-01-15"), D("2032-01-14")));
  EXPECT_TRUE(SupportPeriodAtLeastFiveYears(D("2024-02-29"), D("2029-02-28")));
  EXPECT_FALSE(SupportPeriodAtLeastFiveYears(D("2024-02-29"), D("2029-02-27")));
}

}  // namespace
}  // namespace craft::core
