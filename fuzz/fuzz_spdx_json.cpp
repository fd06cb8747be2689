// libFuzzer target: sbom::Parse on SPDX 2.2 / 2.3 JSON input, then summary and quality score of the
// document. Every format goes through the one entry point (the format is detected from the bytes);
// this target's seeds (fuzz/seed.sh) and dictionary (fuzz/spdx_json.dict) are SPDX 2.2 / 2.3 JSON.

#include <cstddef>
#include <cstdint>

#include "sbom_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  craft::fuzz::ReadSbom(data, size);
  return 0;
}
