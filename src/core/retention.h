#pragma once
// Article 13(13): technical documentation and the EU declaration of conformity are kept for at
// least 10 years after the product was placed on the market, or for the support period if longer.
// The clock runs from the last unit placed on the market:
//   retain_until = max(last_placed_on_market + 10 years, end_of_support).
// Article 13(8): the support period is at least 5 years unless the product is expected to be in
// use for less.

#include <optional>

#include "core/model.h"

namespace craft::core {

struct Retention {
  // The date the documentation frees up; nullopt while nothing is retained (a draft never placed
  // on the market).
  std::optional<Date> retain_until;
  // True while the product is (or may still be) on the market with no last date recorded: then
  // retain_until is the earliest possible date, computed from today, and moves with the calendar.
  bool open_ended = false;
  // True when documents and SBOMs of the version may not be deleted today.
  bool locked = false;
};

// A version is under retention once it is released (released, deprecated, end_of_life) or placed
// on the market (first_placed_on_market on or before today); drafts stay editable. Lock holds
// while today <= retain_until.
Retention AssessRetention(const Version& version, const Date& today);

// True when end_of_support is at least 5 years after release_date (whole calendar years;
// 29 February + 5 years is 28 February).
bool SupportPeriodAtLeastFiveYears(const Date& release_date, const Date& end_of_support);

}  // namespace craft::core
