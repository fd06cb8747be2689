#include "core/retention.h"

#include <algorithm>

namespace craft::core {

Retention AssessRetention(const Version& version, const Date& today) {
  Retention r;
  const bool placed =
      (version.first_placed_on_market && *version.first_placed_on_market <= today) ||
      version.last_placed_on_market.has_value();
  const bool released = IsReleasedState(version.release_state);
  if (version.last_placed_on_market) {
    r.retain_until = AddYears(*version.last_placed_on_market, 10);
  } else if (placed || released) {
    r.retain_until = AddYears(today, 10);
    r.open_ended = true;
  }
  if (r.retain_until && version.end_of_support) {
    r.retain_until = std::max(*r.retain_until, *version.end_of_support);
  }
  r.locked = (placed || released) && r.retain_until && today <= *r.retain_until;
  return r;
}

bool SupportPeriodAtLeastFiveYears(const Date& release_date, const Date& end_of_support) {
  return end_of_support >= AddYears(release_date, 5);
}

}  // namespace craft::core
