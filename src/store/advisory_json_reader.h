#pragma once
// Reading a stored advisory record (AdvisoryToJson's text) with simdjson's DOM: the store's hot
// path (a scan decodes tens of thousands of candidates). Accepts and refuses exactly what
// AdvisoryFromJson (nlohmann, kept as the reference) does for the same text, and gives the same
// Advisory; the unit tests hold the two together.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "vuln/advisory/model.h"

namespace craft::store {

// Bytes that must be readable (any value) after the text given to ReadAdvisoryJsonPadded:
// simdjson reads up to this many past the end.
std::size_t AdvisoryJsonPadding();

// The advisory of `text`, or nullopt when it is not JSON, not an object, or a field has a type
// AdvisoryFromJson refuses. `text.data()` must be followed by AdvisoryJsonPadding() readable
// bytes.
std::optional<vuln::advisory::Advisory> ReadAdvisoryJsonPadded(std::string_view text);

// The same for any text (copied to a padded buffer first).
std::optional<vuln::advisory::Advisory> ReadAdvisoryJson(std::string_view text);

}  // namespace craft::store
