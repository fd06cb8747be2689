// Products: one organisation's catalogue, each with a slug unique in the organisation.
#include <algorithm>

#include "core/vocabulary.h"
#include "store/ids.h"
#include "store/model_json.h"
#include "store/sqlite/rows.h"
#include "store/sqlite/sqlite_store.h"

namespace craft::store::sqlite {
namespace {

void CheckProduct(const core::Product& p) {
  Require(!p.name.empty(), "a product needs a name");
  Require(!p.slug.empty(), "a product needs a slug");
  if (p.subcategory) {
    const auto allowed = core::SubcategoriesOf(p.category);
    Require(std::find(allowed.begin(), allowed.end(), *p.subcategory) != allowed.end(),
            "'" + *p.subcategory + "' is not a subcategory of the category " +
                std::string(core::ToString(p.category)));
  }
}

// Throws kConflict when another product of the organisation has the slug.
void RequireFreeSlug(Connection& c, const core::Product& p) {
  Statement st = c.Prepare("SELECT id FROM products WHERE organisation_id = ? AND slug = ?");
  st.Bind(p.organisation_id).Bind(p.slug);
  if (st.Step() && st.TextView(0) != p.id) {
    throw StoreError(StoreErrorKind::kConflict,
                     "a product with slug '" + p.slug + "' already exists in this organisation");
  }
}

}  // namespace

std::optional<core::Product> SqliteStore::FindProduct(Connection& c, const std::string& org_id,
                                                      const std::string& product_id) {
  static const std::string sql =
      "SELECT " + ProductColumns("p") + " FROM products p WHERE p.id = ? AND p.organisation_id = ?";
  Statement st = c.Prepare(sql);
  st.Bind(product_id).Bind(org_id);
  if (!st.Step()) return std::nullopt;
  return ReadProduct(st);
}

core::Product SqliteStore::CreateProduct(const core::Product& product, const Actor& actor) {
  CheckProduct(product);
  static const std::string sql =
      "INSERT INTO products (id, organisation_id, " + std::string(ProductFieldColumns()) +
      ", created_at, updated_at) VALUES (?, ?, " + Placeholders(ProductFieldColumns()) + ", ?, ?)";
  return Write([&](Connection& c) {
    if (!FindOrganisation(c, product.organisation_id)) {
      ThrowNotFound("organisation", product.organisation_id);
    }
    core::Product created = product;
    created.id = NewUuid();
    created.created_at = created.updated_at = Now();
    RequireFreeSlug(c, created);
    Statement st = c.Prepare(sql);
    st.Bind(created.id).Bind(created.organisation_id);
    BindProductFields(st, created);
    st.Bind(created.created_at).Bind(created.updated_at).Run();
    AppendAudit(c, actor,
                {created.organisation_id, "product.create", "product", created.id, "",
                 ToJson(created).dump()});
    return created;
  });
}

std::optional<core::Product> SqliteStore::GetProduct(const std::string& org_id,
                                                     const std::string& product_id) {
  return Cached<core::Product>(CacheKey("product", org_id, product_id), [&] {
    ConnectionPool::Lease lease = pool_.Acquire();
    return FindProduct(*lease, org_id, product_id);
  });
}

Page<core::Product> SqliteStore::ListProducts(const std::string& org_id, const PageRequest& page) {
  static const std::string sql = "SELECT " + ProductColumns("p") +
                                 " FROM products p WHERE p.organisation_id = ? AND p.seq > ? "
                                 "ORDER BY p.seq LIMIT ?";
  const int limit = ClampLimit(page.limit);
  const std::int64_t after = DecodeCursor(page.cursor);
  ConnectionPool::Lease lease = pool_.Acquire();
  Statement st = lease->Prepare(sql);
  st.Bind(org_id).Bind(after).Bind(limit + 1);
  return ReadPage<core::Product>(st, limit, ReadProduct);
}

core::Product SqliteStore::UpdateProduct(const core::Product& product, const Actor& actor) {
  CheckProduct(product);
  static const std::string sql = "UPDATE products SET (" + std::string(ProductFieldColumns()) +
                                 ") = (" + Placeholders(ProductFieldColumns()) +
                                 "), updated_at = ? WHERE id = ?";
  return Write([&](Connection& c) {
    const auto before = FindProduct(c, product.organisation_id, product.id);
    if (!before) ThrowNotFound("product", product.id);
    core::Product after = product;
    after.created_at = before->created_at;
    after.updated_at = Now();
    RequireFreeSlug(c, after);
    Statement st = c.Prepare(sql);
    BindProductFields(st, after);
    st.Bind(after.updated_at).Bind(after.id).Run();
    AppendAudit(c, actor,
                {after.organisation_id, "product.update", "product", after.id,
                 ToJson(*before).dump(), ToJson(after).dump()});
    return after;
  });
}

void SqliteStore::DeleteProduct(const std::string& org_id, const std::string& product_id,
                                const Actor& actor) {
  Write([&](Connection& c) {
    const auto before = FindProduct(c, org_id, product_id);
    if (!before) ThrowNotFound("product", product_id);
    // Versions, their document rows and links go with it (ON DELETE CASCADE).
    c.Prepare("DELETE FROM products WHERE id = ?").Bind(product_id).Run();
    AppendAudit(c, actor,
                {org_id, "product.delete", "product", product_id, ToJson(*before).dump(), ""});
  });
}

}  // namespace craft::store::sqlite
