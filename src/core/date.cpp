#include "core/date.h"

#include <cstdio>

namespace craft::core {
namespace {

bool ReadDigits(std::string_view text, std::size_t pos, std::size_t count, int& out) {
  if (pos + count > text.size()) return false;
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  out = value;
  return true;
}

}  // namespace

std::optional<Date> ParseDate(std::string_view text) {
  int y = 0, m = 0, d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  if (!ReadDigits(text, 0, 4, y) || !ReadDigits(text, 5, 2, m) || !ReadDigits(text, 8, 2, d)) {
    return std::nullopt;
  }
  const Date date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                  std::chrono::day{static_cast<unsigned>(d)}};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::string FormatDate(const Date& date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return buf;
}

Date AddYears(const Date& date, int years) {
  Date moved = date + std::chrono::years{years};
  if (!moved.ok()) {
    moved = Date{
        std::chrono::year_month_day_last{moved.year(), std::chrono::month_day_last{moved.month()}}};
  }
  return moved;
}

std::optional<std::int64_t> ParseTimestamp(std::string_view text) {
  if (text.size() < 20) return std::nullopt;
  const auto date = ParseDate(text.substr(0, 10));
  if (!date || (text[10] != 'T' && text[10] != 't' && text[10] != ' ')) return std::nullopt;
  int hh = 0, mm = 0, ss = 0;
  if (!ReadDigits(text, 11, 2, hh) || text[13] != ':' || !ReadDigits(text, 14, 2, mm) ||
      text[16] != ':' || !ReadDigits(text, 17, 2, ss)) {
    return std::nullopt;
  }
  if (hh > 23 || mm > 59 || ss > 60) return std::nullopt;
  std::size_t pos = 19;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    const std::size_t start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    if (pos == start) return std::nullopt;
  }
  if (pos >= text.size()) return std::nullopt;
  int offset = 0;
  if (text[pos] == 'Z' || text[pos] == 'z') {
    ++pos;
  } else if (text[pos] == '+' || text[pos] == '-') {
    int oh = 0, om = 0;
    if (!ReadDigits(text, pos + 1, 2, oh) || pos + 3 >= text.size() || text[pos + 3] != ':' ||
        !ReadDigits(text, pos + 4, 2, om) || oh > 23 || om > 59) {
      return std::nullopt;
    }
    offset = (oh * 3600 + om * 60) * (text[pos] == '+' ? 1 : -1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;
  const auto days = std::chrono::sys_days{*date}.time_since_epoch().count();
  return static_cast<std::int64_t>(days) * 86400 + hh * 3600 + mm * 60 + ss - offset;
}

std::string FormatTimestamp(std::int64_t unix_seconds) {
  const Date date = DateOf(unix_seconds);
  std::int64_t rem = unix_seconds % 86400;
  if (rem < 0) rem += 86400;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02dZ", FormatDate(date).c_str(),
                static_cast<int>(rem / 3600), static_cast<int>(rem / 60 % 60),
                static_cast<int>(rem % 60));
  return buf;
}

Date DateOf(std::int64_t unix_seconds) {
  std::int64_t days = unix_seconds / 86400;
  if (unix_seconds % 86400 < 0) --days;
  return Date{std::chrono::sys_days{std::chrono::days{days}}};
}

}  // namespace craft::core
