#pragma once
// The readiness input of a stored version: what core::AssessReadiness needs, read from the store.
// The status endpoint, the export and the PDF all go through here, so they judge the same facts.

#include <optional>
#include <string>

#include "core/readiness.h"
#include "store/store.h"

namespace craft::store {

// nullopt when the version does not exist in the organisation.
std::optional<core::ReadinessInput> ReadinessInputFor(Store& store, const std::string& org_id,
                                                      const std::string& version_id,
                                                      core::Date today);

}  // namespace craft::store
