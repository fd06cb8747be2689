// libFuzzer target: the three VEX readers (vuln/vex): CycloneDX VEX, OpenVEX and CSAF 2.0, each
// on the same bytes (each refuses what is not its format).

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "vuln/vex/csaf.h"
#include "vuln/vex/cyclonedx.h"
#include "vuln/vex/openvex.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)craft::vuln::vex::ReadCycloneDx(bytes);
  (void)craft::vuln::vex::ReadOpenVex(bytes);
  (void)craft::vuln::vex::ReadCsaf(bytes);
  return 0;
}
