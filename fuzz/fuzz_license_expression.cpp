// libFuzzer target: SPDX licence expressions (sbom/license/expression.h). Beyond "no crash", it
// checks that the normalised form is a fixed point: it parses again, to the same normalised text.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "sbom/license/expression.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const craft::sbom::LicenseExpression expression = craft::sbom::ParseLicenseExpression(text);
  if (!expression.normalized.empty()) {
    const craft::sbom::LicenseExpression again =
        craft::sbom::ParseLicenseExpression(expression.normalized);
    if (again.normalized != expression.normalized) std::abort();
  }
  return 0;
}
