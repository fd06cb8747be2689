#include "store/pagination.h"

#include <algorithm>
#include <string_view>

#include "store/store.h"

namespace craft::store {
namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

[[noreturn]] void Malformed() { throw StoreError(StoreErrorKind::kInvalid, "malformed cursor"); }

}  // namespace

int ClampLimit(int limit) { return std::clamp(limit, 1, 500); }

std::string EncodeCursor(std::int64_t seq) {
  const std::string digits = std::to_string(seq);
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char c : digits) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(buffer >> bits) & 63];
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (6 - bits)) & 63];
  return out;
}

std::int64_t DecodeCursor(const std::string& cursor) {
  if (cursor.empty()) return 0;
  if (cursor.size() > 28 || cursor.size() % 4 == 1) Malformed();
  std::string digits;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char c : cursor) {
    const auto pos = kAlphabet.find(c);
    if (pos == std::string_view::npos) Malformed();
    buffer = (buffer << 6) | static_cast<std::uint32_t>(pos);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      digits += static_cast<char>((buffer >> bits) & 0xff);
    }
  }
  if ((buffer & ((1u << bits) - 1)) != 0) Malformed();  // non-canonical trailing bits
  if (digits.empty() || digits.size() > 18 || digits[0] == '0') Malformed();
  std::int64_t seq = 0;
  for (char d : digits) {
    if (d < '0' || d > '9') Malformed();
    seq = seq * 10 + (d - '0');
  }
  return seq;
}

}  // namespace craft::store
