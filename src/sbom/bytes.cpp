#include "sbom/bytes.h"

#include <simdjson.h>

#include <cstdint>

#include "core/json_text.h"

#if defined(__SANITIZE_ADDRESS__)
#define CRAFT_JSON_OVERREAD_CHECKED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define CRAFT_JSON_OVERREAD_CHECKED 1
#endif
#endif

namespace craft::sbom {

std::size_t FirstInvalidUtf8(std::string_view text) {
  if (simdjson::validate_utf8(text.data(), text.size())) return std::string_view::npos;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = core::Utf8SequenceLength(text, i);
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
