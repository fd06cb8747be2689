// libFuzzer target: one NVD CVE API 2.0 page (vuln/import/nvd.h).

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "vuln/import/nvd.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view json(reinterpret_cast<const char*>(data), size);
  craft::vuln::advisory::ImportLimits limits;
  limits.max_record_bytes = std::size_t{1} << 20;
  (void)craft::vuln::import::ParseNvdPage(json, limits);
  return 0;
}
