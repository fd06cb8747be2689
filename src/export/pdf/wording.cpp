#include "export/pdf/wording.h"

#include <array>
#include <cstdio>

namespace craft::exporting::pdf {

std::string Count(std::uint64_t n) {
  std::string digits = std::to_string(n);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) {
    digits.insert(static_cast<std::size_t>(i), ",");
  }
  return digits;
}

std::string Bytes(std::uint64_t n) {
  if (n < 1024) return Count(n) + (n == 1 ? " byte" : " bytes");
  static constexpr std::array<const char*, 5> kUnits = {"KiB", "MiB", "GiB", "TiB", "PiB"};
  double value = static_cast<double>(n) / 1024;
  std::size_t unit = 0;
  while (value >= 1024 && unit + 1 < kUnits.size()) {
    value /= 1024;
    ++unit;
  }
  char text[32];
  std::snprintf(text, sizeof text, "%.1f %s", value, kUnits[unit]);
  return text;
}

std::string Percent(std::uint64_t part, std::uint64_t whole) {
  if (whole == 0) return "—";
  char text[16];
  std::snprintf(text, sizeof text, "%.1f%%",
                100.0 * static_cast<double>(part) / static_cast<double>(whole));
  return text;
}

std::string DateOrDash(const std::optional<core::Date>& date) {
  return date ? core::FormatDate(*date) : "—";
}

std::string DayAndTime(std::int64_t unix_seconds) {
  const std::string stamp = core::FormatTimestamp(unix_seconds);  // 2026-05-28T20:26:40Z
  return stamp.substr(0, 10) + " " + stamp.substr(11, 5) + " UTC";
}

std::string YesNo(bool value) { return value ? "Yes" : "No"; }

std::string Score(double score) {
  char text[16];
  std::snprintf(text, sizeof text, "%.1f", score);
  return text;
}

}  // namespace craft::exporting::pdf
