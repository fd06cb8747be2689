// GET/PATCH /api/v1/organisation: the caller's organisation and its Annex II fields.

#include "core/vocabulary.h"
#include "http/handlers/json_input.h"
#include "http/handlers/routes.h"
#include "store/model_json.h"

namespace craft::http {
namespace {

void ApplyAddress(ObjectReader& body, core::PostalAddress& address) {
  const nlohmann::json* object = body.Object("address");
  if (object == nullptr) return;
  ObjectReader a(*object, body.Pointer("address"), body.errors());
  a.RejectUnknown({"line1", "line2", "city", "postal_code", "country"});
  a.ReadString("line1", address.line1, 255);
  a.ReadString("line2", address.line2, 255);
  a.ReadString("city", address.city, 255);
  a.ReadString("postal_code", address.postal_code, 32);
  std::string country = address.country;
  if (a.ReadString("country", country, 2)) {
    if (!country.empty() &&
        (country.size() != 2 || !std::isupper(country[0]) || !std::isupper(country[1]))) {
      a.errors().Add(a.Pointer("country"), "expected an ISO 3166-1 alpha-2 code such as DE");
    } else {
      address.country = country;
    }
  }
}

void ApplyOrganisationPatch(const nlohmann::json& json, core::Organisation& org) {
  FieldErrors errors;
  ObjectReader body(json, "", errors);
  body.RejectUnknown({"name", "legal_name", "address", "contact_email", "website",
                      "vulnerability_contact_point", "csirt_member_state",
                      "sbom_quality_threshold"});
  body.ReadNonEmptyString("name", org.name);
  body.ReadString("legal_name", org.legal_name, 255);
  ApplyAddress(body, org.address);
  std::string email = org.contact_email;
  if (body.ReadString("contact_email", email, 255)) {
    if (!email.empty() &&
        (email.find('@') == std::string::npos || email.find(' ') != std::string::npos)) {
      errors.Add("/contact_email", "expected an e-mail address");
    } else {
      org.contact_email = email;
    }
  }
  body.ReadString("website", org.website, 2048);
  body.ReadString("vulnerability_contact_point", org.vulnerability_contact_point, 2048);
  std::string csirt = org.csirt_member_state;
  if (body.ReadString("csirt_member_state", csirt, 2)) {
    if (!csirt.empty() && !core::IsEuMemberState(csirt)) {
      errors.Add("/csirt_member_state", "expected the code of an EU member state, such as DE");
    } else {
      org.csirt_member_state = csirt;
    }
  }
  body.ReadInt("sbom_quality_threshold", org.sbom_quality_threshold, 0, 100);
  errors.Finish();
}

core::Organisation LoadOrganisation(ApiContext& context, const Caller& caller) {
  auto org = context.store.GetOrganisation(caller.org());
  if (!org) ThrowNotFound("organisation", caller.org());
  return *org;
}

}  // namespace

void AddOrganisationRoutes(Router& router, ApiContext& context) {
  router.Add({"GET", "/api/v1/organisation",
              [&context](Request& request) {
                const Caller caller = Authorize(request, context, "product:read");
                return JsonResponse(200, store::ToJson(LoadOrganisation(context, caller)));
              },
              BodyMode::kBuffered, "The caller's organisation (Annex II manufacturer details)"});
  router.Add({"PATCH", "/api/v1/organisation",
              [&context](Request& request) {
                const Caller caller = Authorize(request, context, "admin");
                const nlohmann::json body = ParseJsonObject(request);
                core::Organisation org = LoadOrganisation(context, caller);
                ApplyOrganisationPatch(body, org);
                org = context.store.UpdateOrganisation(org, caller.actor());
                return JsonResponse(200, store::ToJson(org));
              },
              BodyMode::kBuffered, "Update the organisation's Annex II details"});
}

}  // namespace craft::http
