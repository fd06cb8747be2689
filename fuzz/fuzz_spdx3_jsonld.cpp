// libFuzzer target: sbom::Parse on SPDX 3.0.x JSON-LD input, then summary and quality score of the
// document. Every format goes through the one entry point (the format is detected from the bytes);
// this target's seeds (fuzz/seed.sh) and dictionary (fuzz/spdx3_jsonld.dict) are SPDX 3.0.x
// JSON-LD.

#include <cstddef>
#include <cstdint>

#include "sbom_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  craft::fuzz::ReadSbom(data, size);
  return 0;
}
