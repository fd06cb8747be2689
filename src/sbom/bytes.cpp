#include "sbom/bytes.h"

#include <simdjson.h>

#include <cstdint>

#if defined(__SANITIZE_ADDRESS__)
#define CRAFT_JSON_OVERREAD_CHECKED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define CRAFT_JSON_OVERREAD_CHECKED 1
#endif
#endif

namespace craft::sbom {

std::size_t Utf8SequenceLength(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = byte(i);
  std::size_t n = 0;
  unsigned char low = 0x80, high = 0xBF;  // the allowed range of the second byte
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) low = 0xA0;
    if (c == 0xED) high = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) low = 0x90;
    if (c == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (i + n > text.size()) return 0;
  if (byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (std::size_t k = 2; k < n; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return n;
}

std::size_t FirstInvalidUtf8(std::string_view text) {
  if (simdjson::validate_utf8(text.data(), text.size())) return std::string_view::npos;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = Utf8SequenceLength(text, i);
    if (n == 0) return i;
    i += n;
  }
  return std::string_view::npos;
}

bool SimdjsonPaddingIsReadable(std::string_view bytes) {
#if defined(CRAFT_JSON_OVERREAD_CHECKED)
  (void)bytes;
  return false;
#else
  constexpr std::uintptr_t kPage = 4096;
  if (bytes.empty()) return false;
  auto last = reinterpret_cast<std::uintptr_t>(bytes.data()) + bytes.size() - 1;
  return last / kPage == (last + simdjson::SIMDJSON_PADDING) / kPage;
#endif
}

}  // namespace craft::sbom
