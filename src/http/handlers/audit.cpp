// GET /api/v1/audit: the organisation's audit log, newest first.

#include "http/handlers/routes.h"
#include "store/model_json.h"

namespace craft::http {

void AddAuditRoutes(Router& router, ApiContext& context) {
  router.Add({"GET", "/api/v1/audit",
              [&context](Request& r) {
                const Caller caller = Authorize(r, context, "audit:read");
                return PageResponse(context.store.ListAudit(caller.org(), PageFrom(r)),
                                    [](const core::AuditEntry& e) { return store::ToJson(e); });
              },
              BodyMode::kBuffered, "The organisation's audit log (hash-chained), newest first"});
}

}  // namespace craft::http
