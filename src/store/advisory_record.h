#pragma once
// How a row of the advisory database holds its record (`advisories.record`): the text of
// AdvisoryToJson compressed as one zstd frame that states its size. A fifth of the rows' size went
// to the page left over after each 2-4 KB record; compressed, three or four share a page. Rows
// written before this format hold the JSON text itself and are read as such.

#include <optional>
#include <string>
#include <string_view>

#include "vuln/advisory/model.h"

namespace craft::store {

// The bytes to store for `advisory` (a BLOB; never starts with '{').
std::string EncodeAdvisoryRecord(const vuln::advisory::Advisory& advisory);

// The advisory of stored bytes: a zstd frame of AdvisoryToJson's text, or that text itself.
// nullopt when the bytes are neither (a damaged frame, a frame over 256 MiB, or text
// AdvisoryFromJson does not accept).
std::optional<vuln::advisory::Advisory> DecodeAdvisoryRecord(std::string_view bytes);

}  // namespace craft::store
