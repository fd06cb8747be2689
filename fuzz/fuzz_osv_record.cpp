// libFuzzer target: one OSV record (vuln/import/osv.h), read with the schema conformance of
// imports and with the lenient one of sloppy feeds.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "vuln/import/osv.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view json(reinterpret_cast<const char*>(data), size);
  craft::vuln::import::OsvParseOptions options;
  options.limits.max_record_bytes = std::size_t{1} << 20;
  (void)craft::vuln::import::ParseOsvRecord(json, options);
  options.conformance = craft::vuln::import::OsvParseOptions::Conformance::kLenient;
  (void)craft::vuln::import::ParseOsvRecord(json, options);
  return 0;
}
