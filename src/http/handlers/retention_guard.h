#pragma once
// The retention lock of Article 13(13), as the API enforces it.

#include <string_view>

#include "core/model.h"
#include "http/handlers/api_context.h"

namespace craft::http {

// Throws 409 (problem type "retention-lock", with `retain_until`) when the version's documentation
// is under retention today. `what` names the thing the caller tried to delete.
void EnsureNotRetained(const ApiContext& context, const core::Version& version,
                       std::string_view what);

}  // namespace craft::http
