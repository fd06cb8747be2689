#include "http/handlers/retention_guard.h"

#include <nlohmann/json.hpp>

#include "core/retention.h"

namespace craft::http {

void EnsureNotRetained(const ApiContext& context, const core::Version& version,
                       std::string_view what) {
  const core::Retention retention = core::AssessRetention(version, context.Today());
  if (!retention.locked) return;
  const std::string until = core::FormatDate(*retention.retain_until);
  std::string detail = "the " + std::string(what) + " cannot be deleted: version " +
                       version.version +
                       " is released or placed on the market and its "
                       "technical documentation is retained until " +
                       until + " (Article 13(13))";
  if (retention.open_ended) {
    detail +=
        "; that date is the earliest possible, because no last_placed_on_market date is "
        "recorded yet";
  }
  ProblemError problem(409, detail, {}, "retention-lock");
  problem.extra_json = nlohmann::json{
      {"retain_until", until},
      {"open_ended", retention.open_ended},
      {"version_id",
       version.id}}.dump();
  throw problem;
}

}  // namespace craft::http
