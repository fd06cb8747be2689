#pragma once
// How the advisory database keeps a record: vuln::advisory::Advisory as JSON text, every field
// kept, so that what the matcher reads back is exactly what the importer read.

#include <optional>
#include <string>
#include <string_view>

#include "vuln/advisory/model.h"

namespace craft::store {

std::string AdvisoryToJson(const vuln::advisory::Advisory& advisory);

// nullopt when the text is not a record written by AdvisoryToJson.
std::optional<vuln::advisory::Advisory> AdvisoryFromJson(std::string_view json);

}  // namespace craft::store
