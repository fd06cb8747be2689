#pragma once
// Calendar dates and timestamps as the regulation counts them. Pure: no clock is read here;
// callers pass "today" in, so every rule stays testable.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace craft::core {

using Date = std::chrono::year_month_day;

// Parses an ISO 8601 calendar date "YYYY-MM-DD" (exactly that form). Returns nullopt for anything
// else, including impossible dates such as 2023-02-29.
std::optional<Date> ParseDate(std::string_view text);

// Formats as "YYYY-MM-DD".
std::string FormatDate(const Date& date);

// Adds whole years. A 29 February that lands in a common year becomes 28 February: a period of
// "10 years" never ends later than the same day-of-year count would allow (Article 13(13)).
Date AddYears(const Date& date, int years);

// Parses an RFC 3339 timestamp ("2026-11-23T19:21:26Z", offsets and fractions accepted) and
// returns the seconds since the Unix epoch (UTC). Returns nullopt when malformed.
std::optional<std::int64_t> ParseTimestamp(std::string_view text);

// Formats seconds since the Unix epoch as RFC 3339 UTC with a trailing "Z".
std::string FormatTimestamp(std::int64_t unix_seconds);

// The calendar date (UTC) of a Unix timestamp.
Date DateOf(std::int64_t unix_seconds);

}  // namespace craft::core
