// /api/v1/products: the products of the caller's organisation, with their CRA category.

#include <algorithm>

#include "core/vocabulary.h"
#include "http/handlers/json_input.h"
#include "http/handlers/retention_guard.h"
#include "http/handlers/routes.h"
#include "store/model_json.h"

namespace craft::http {
namespace {

bool IsSlug(const std::string& s) {
  if (s.empty() || s.size() > 64 || s.front() == '-' || s.back() == '-') return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

std::string SlugFrom(const std::string& name) {
  std::string slug;
  for (unsigned char c : name) {
    if (std::isalnum(c) && c < 0x80) {
      slug += static_cast<char>(std::tolower(c));
    } else if (!slug.empty() && slug.back() != '-') {
      slug += '-';
    }
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  if (slug.size() > 64) slug.resize(64);
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug.empty() ? "product" : slug;
}

template <typename E>
void ReadVocabulary(ObjectReader& body, std::string_view name,
                    std::span<const std::string_view> names, E& out) {
  std::optional<std::size_t> index;
  if (body.ReadEnum(name, names, index) && index) out = static_cast<E>(*index);
}

void ApplyProductFields(const nlohmann::json& json, core::Product& product, bool creating) {
  FieldErrors errors;
  ObjectReader body(json, "", errors);
  body.RejectUnknown({"name", "slug", "description", "intended_purpose", "category", "subcategory",
                      "product_type", "cra_role", "target_markets", "open_source",
                      "technical_documentation_public"});
  if (creating) body.Require({"name"});
  body.ReadNonEmptyString("name", product.name);
  std::string slug;
  if (body.ReadString("slug", slug, 64)) {
    if (!IsSlug(slug)) {
      errors.Add("/slug",
                 "expected 1 to 64 characters of a-z, 0-9 and '-', not starting or ending "
                 "with '-'");
    } else {
      product.slug = slug;
    }
  } else if (creating && !body.Has("slug")) {
    product.slug = SlugFrom(product.name);
  }
  body.ReadString("description", product.description, 10000);
  body.ReadString("intended_purpose", product.intended_purpose, 10000);
  const bool category_changed = body.Has("category");
  ReadVocabulary(body, "category", core::CategoryNames(), product.category);
  std::string subcategory = product.subcategory.value_or("");
  if (body.ReadString("subcategory", subcategory, 100) || category_changed) {
    if (!body.Has("subcategory") && category_changed) subcategory.clear();
    const auto allowed = core::SubcategoriesOf(product.category);
    if (subcategory.empty()) {
      product.subcategory.reset();
    } else if (std::find(allowed.begin(), allowed.end(), subcategory) == allowed.end()) {
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      errors.Add("/subcategory",
                 "unknown subcategory '" + subcategory + "' for category " +
                     std::string(core::ToString(product.category)) +
                     (list.empty() ? " (it has none)" : "; expected one of: " + list));
    } else {
      product.subcategory = subcategory;
    }
  }
  ReadVocabulary(body, "product_type", core::ProductTypeNames(), product.product_type);
  ReadVocabulary(body, "cra_role", core::CraRoleNames(), product.cra_role);
  std::vector<std::string> markets;
  if (body.ReadStringArray("target_markets", markets, 30, 2)) {
    bool ok = true;
    for (std::size_t i = 0; i < markets.size(); ++i) {
      if (!core::IsEuMemberState(markets[i])) {
        errors.Add("/target_markets/" + std::to_string(i),
                   "'" + markets[i] + "' is not an EU member state code");
        ok = false;
      }
    }
    std::sort(markets.begin(), markets.end());
    markets.erase(std::unique(markets.begin(), markets.end()), markets.end());
    if (ok) product.target_markets = markets;
  }
  body.ReadBool("open_source", product.open_source);
  body.ReadBool("technical_documentation_public", product.technical_documentation_public);
  errors.Finish();
}

core::Product LoadProduct(ApiContext& context, const Caller& caller, const std::string& id) {
  auto product = context.store.GetProduct(caller.org(), id);
  if (!product) ThrowNotFound("product", id);
  return *product;
}

Response CreateProduct(ApiContext& context, Request& request) {
  const Caller caller = Authorize(request, context, "product:write");
  const nlohmann::json body = ParseJsonObject(request);
  core::Product product;
  product.organisation_id = caller.org();
  ApplyProductFields(body, product, true);
  product = context.store.CreateProduct(product, caller.actor());
  Response response = JsonResponse(201, store::ToJson(product));
  response.SetHeader("Location", "/api/v1/products/" + product.id);
  return response;
}

Response UpdateProduct(ApiContext& context, Request& request) {
  const Caller caller = Authorize(request, context, "product:write");
  const nlohmann::json body = ParseJsonObject(request);
  core::Product product = LoadProduct(context, caller, request.params.at("id"));
  ApplyProductFields(body, product, false);
  product = context.store.UpdateProduct(product, caller.actor());
  return JsonResponse(200, store::ToJson(product));
}

Response DeleteProduct(ApiContext& context, Request& request) {
  const Caller caller = Authorize(request, context, "product:write");
  const core::Product product = LoadProduct(context, caller, request.params.at("id"));
  // Every version of the product must be free of retention.
  store::PageRequest page{500, ""};
  do {
    auto versions = context.store.ListVersions(caller.org(), product.id, page);
    for (const auto& v : versions.items) EnsureNotRetained(context, v, "product");
    page.cursor = versions.next_cursor;
  } while (!page.cursor.empty());
  context.store.DeleteProduct(caller.org(), product.id, caller.actor());
  return Response{204, {}, "", {}, {}};
}

}  // namespace

void AddProductRoutes(Router& router, ApiContext& context) {
  router.Add({"POST", "/api/v1/products",
              [&context](Request& r) { return CreateProduct(context, r); }, BodyMode::kBuffered,
              "Create a product"});
  router.Add({"GET", "/api/v1/products",
              [&context](Request& r) {
                const Caller caller = Authorize(r, context, "product:read");
                return PageResponse(context.store.ListProducts(caller.org(), PageFrom(r)),
                                    [](const core::Product& p) { return store::ToJson(p); });
              },
              BodyMode::kBuffered, "List products (cursor-paginated)"});
  router.Add({"GET", "/api/v1/products/{id}",
              [&context](Request& r) {
                const Caller caller = Authorize(r, context, "product:read");
                return JsonResponse(200,
                                    store::ToJson(LoadProduct(context, caller, r.params.at("id"))));
              },
              BodyMode::kBuffered, "Get a product"});
  router.Add({"PATCH", "/api/v1/products/{id}",
              [&context](Request& r) { return UpdateProduct(context, r); }, BodyMode::kBuffered,
              "Update a product"});
  router.Add({"DELETE", "/api/v1/products/{id}",
              [&context](Request& r) { return DeleteProduct(context, r); }, BodyMode::kBuffered,
              "Delete a product and its versions (refused while any version is under retention)"});
}

}  // namespace craft::http
