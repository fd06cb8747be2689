#include "store/ids.h"

#include <openssl/rand.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <stdexcept>

namespace craft::store {
namespace {

// The 48-bit millisecond timestamp and the 12-bit counter of the last id (RFC 9562, section 6.2,
// method 1: the counter keeps ids made in the same millisecond in order).
struct Clock {
  std::mutex mutex;
  std::uint64_t last_ms = 0;
  std::uint32_t counter = 0;
};

void RandomBytes(unsigned char* out, int n) {
  if (RAND_bytes(out, n) != 1) throw std::runtime_error("the random number generator failed");
}

}  // namespace

std::string NewUuid() {
  static Clock clock;
  std::array<unsigned char, 16> b;
  RandomBytes(b.data(), static_cast<int>(b.size()));
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  std::uint64_t ms = static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(now).count());
  std::uint32_t counter = 0;
  {
    std::lock_guard lock(clock.mutex);
    if (ms <= clock.last_ms) {
      ms = clock.last_ms;
      counter = clock.counter + 1;
      if (counter > 0xfff) {  // counter exhausted: borrow the next millisecond
        ++ms;
        counter = 0;
      }
    } else {
      counter = (static_cast<std::uint32_t>(b[6]) << 4 | b[7] >> 4) & 0x7ff;  // random start
    }
    clock.last_ms = ms;
    clock.counter = counter;
  }
  for (int i = 0; i < 6; ++i) b[i] = static_cast<unsigned char>(ms >> (40 - 8 * i));
  b[6] = static_cast<unsigned char>(0x70 | (counter >> 8));
  b[7] = static_cast<unsigned char>(counter & 0xff);
  b[8] = static_cast<unsigned char>(0x80 | (b[8] & 0x3f));

  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[b[i] >> 4];
    out += kHex[b[i] & 15];
  }
  return out;
}

bool IsUuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
      return false;
    }
  }
  return true;
}

}  // namespace craft::store
