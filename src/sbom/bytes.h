#pragma once
// Facts about raw bytes that the SBOM readers, the validator and the check's JSON writer share:
// UTF-8 well-formedness, and whether simdjson may read past the end of a buffer in place. Pure.

#include <cstddef>
#include <string_view>

namespace craft::sbom {

// The offset of the first byte that does not begin a well-formed UTF-8 sequence
// (core::Utf8SequenceLength), or npos.
// simdjson's validator gives the verdict at SIMD speed; the byte-by-byte walk runs only to
// locate a fault.
std::size_t FirstInvalidUtf8(std::string_view text);

// simdjson reads up to SIMDJSON_PADDING bytes past the end of its input. When they lie on the page
// of the last input byte, reading them cannot fault and the input can be parsed where it is, not
// copied. Always false under AddressSanitizer or MemorySanitizer, which would rightly flag it.
bool SimdjsonPaddingIsReadable(std::string_view bytes);

}  // namespace craft::sbom
