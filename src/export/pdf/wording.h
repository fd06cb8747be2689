#pragma once
// How technical-file.pdf writes figures, dates and yes/no answers. Pure.

#include <cstdint>
#include <optional>
#include <string>

#include "core/date.h"

namespace craft::exporting::pdf {

std::string Count(std::uint64_t n);                             // "12,345"
std::string Bytes(std::uint64_t n);                             // "1.4 MiB", "512 bytes"
std::string Percent(std::uint64_t part, std::uint64_t whole);   // "87.5%", "—" when whole is 0
std::string DateOrDash(const std::optional<core::Date>& date);  // "2026-05-28" or "—"
std::string DayAndTime(std::int64_t unix_seconds);              // "2026-05-28 20:26 UTC"
std::string YesNo(bool value);                                  // "Yes" / "No"
std::string Score(double score);                                // "86.5"

}  // namespace craft::exporting::pdf
