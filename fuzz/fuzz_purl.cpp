// libFuzzer target: Package URL parsing (sbom/purl.h), conformant and lenient. Beyond "no crash",
// it checks that canonical form is a fixed point: the canonical string of a purl parses again, to
// the same canonical string.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "sbom/purl.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)craft::sbom::ParsePurl(text, craft::sbom::PurlStrictness::kLenient);
  const craft::sbom::PurlResult conformant = craft::sbom::ParsePurl(text);
  if (conformant) (void)conformant.purl->ToString();
  const std::optional<std::string> canonical = craft::sbom::CanonicalPurl(text);
  if (canonical) {
    const std::optional<std::string> again = craft::sbom::CanonicalPurl(*canonical);
    if (!again || *again != *canonical) std::abort();
  }
  return 0;
}
