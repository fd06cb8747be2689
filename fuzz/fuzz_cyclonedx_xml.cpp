// libFuzzer target: sbom::Parse on CycloneDX XML (1.2 to 1.7), then its XSD validation input, then
// summary and quality score of the document. Every format goes through the one entry point (the
// format is detected from the bytes); this target's seeds (fuzz/seed.sh) and dictionary
// (fuzz/cyclonedx_xml.dict) are CycloneDX XML (1.2 to 1.7), then its XSD validation.

#include <cstddef>
#include <cstdint>

#include "sbom_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  craft::fuzz::ReadSbom(data, size);
  return 0;
}
