// Versions of a product, each with a version string unique in the product, and the carrying over
// of documents from one version to the next.
#include "store/ids.h"
#include "store/model_json.h"
#include "store/sqlite/rows.h"
#include "store/sqlite/sqlite_store.h"

namespace craft::store::sqlite {
namespace {

// Throws kConflict when another version of the product has the version string.
void RequireFreeVersion(Connection& c, const core::Version& v) {
  Statement st = c.Prepare("SELECT id FROM versions WHERE product_id = ? AND version = ?");
  st.Bind(v.product_id).Bind(v.version);
  if (st.Step() && st.TextView(0) != v.id) {
    throw StoreError(StoreErrorKind::kConflict,
                     "a version '" + v.version + "' of this product already exists");
  }
}

// Throws kInvalid unless `other_id` names another version of the same product.
void RequireSibling(Connection& c, const core::Version& v, const std::string& other_id,
                    std::string_view field) {
  Statement st = c.Prepare("SELECT 1 FROM versions WHERE id = ? AND product_id = ?");
  st.Bind(other_id).Bind(v.product_id);
  Require(st.Step() && other_id != v.id,
          std::string(field) + " must name another version of the same product, not '" + other_id +
              "'");
}

// Throws kConflict when documents uploaded to `v` are listed by other versions (carried over):
// deleting it would take them from those versions too.
void RequireNoInheritors(Connection& c, const core::Version& v) {
  Statement st = c.Prepare(
      "SELECT DISTINCT o.version FROM documents d "
      "JOIN version_documents vd ON vd.document_id = d.id AND vd.version_id <> d.version_id "
      "JOIN versions o ON o.id = vd.version_id WHERE d.version_id = ? ORDER BY o.version");
  st.Bind(v.id);
  std::string names;
  while (st.Step()) {
    if (!names.empty()) names += ", ";
    names += st.Text(0);
  }
  if (!names.empty()) {
    throw StoreError(StoreErrorKind::kConflict,
                     "version '" + v.version + "' holds documents carried over to version(s) " +
                         names + "; delete those first");
  }
}

}  // namespace

std::optional<core::Version> SqliteStore::FindVersion(Connection& c, const std::string& org_id,
                                                      const std::string& version_id) {
  static const std::string sql = "SELECT " + VersionColumns("v") +
                                 " FROM versions v JOIN products p ON p.id = v.product_id "
                                 "WHERE v.id = ? AND p.organisation_id = ?";
  Statement st = c.Prepare(sql);
  st.Bind(version_id).Bind(org_id);
  if (!st.Step()) return std::nullopt;
  return ReadVersion(st);
}

core::Version SqliteStore::CreateVersion(const std::string& org_id, const core::Version& version,
                                         const std::optional<std::string>& carry_over_from,
                                         const Actor& actor) {
  Require(!version.version.empty(), "a version needs a version string");
  static const std::string sql =
      "INSERT INTO versions (id, product_id, " + std::string(VersionFieldColumns()) +
      ", created_at, updated_at) VALUES (?, ?, " + Placeholders(VersionFieldColumns()) + ", ?, ?)";
  return Write([&](Connection& c) {
    if (!FindProduct(c, org_id, version.product_id)) ThrowNotFound("product", version.product_id);
    core::Version created = version;
    created.id = NewUuid();
    created.created_at = created.updated_at = Now();
    RequireFreeVersion(c, created);
    if (created.supersedes) RequireSibling(c, created, *created.supersedes, "supersedes");
    if (carry_over_from) {
      RequireSibling(c, created, *carry_over_from, "carry_over_documents_from");
    }
    Statement st = c.Prepare(sql);
    st.Bind(created.id).Bind(created.product_id);
    BindVersionFields(st, created);
    st.Bind(created.created_at).Bind(created.updated_at).Run();
    if (carry_over_from) {
      c.Prepare(
           "INSERT INTO version_documents (version_id, document_id, inherited_from_version_id) "
           "SELECT ?, document_id, ? FROM version_documents WHERE version_id = ?")
          .Bind(created.id)
          .Bind(*carry_over_from)
          .Bind(*carry_over_from)
          .Run();
    }
    AppendAudit(c, actor,
                {org_id, "version.create", "version", created.id, "", ToJson(created).dump()});
    return created;
  });
}

std::optional<core::Version> SqliteStore::GetVersion(const std::string& org_id,
                                                     const std::string& version_id) {
  return Cached<core::Version>(CacheKey("version", org_id, version_id), [&] {
    ConnectionPool::Lease lease = pool_.Acquire();
    return FindVersion(*lease, org_id, version_id);
  });
}

Page<core::Version> SqliteStore::ListVersions(const std::string& org_id,
                                              const std::string& product_id,
                                              const PageRequest& page) {
  static const std::string sql = "SELECT " + VersionColumns("v") +
                                 " FROM versions v JOIN products p ON p.id = v.product_id "
                                 "WHERE v.product_id = ? AND p.organisation_id = ? AND v.seq > ? "
                                 "ORDER BY v.seq LIMIT ?";
  const int limit = ClampLimit(page.limit);
  const std::int64_t after = DecodeCursor(page.cursor);
  ConnectionPool::Lease lease = pool_.Acquire();
  Statement st = lease->Prepare(sql);
  st.Bind(product_id).Bind(org_id).Bind(after).Bind(limit + 1);
  return ReadPage<core::Version>(st, limit, ReadVersion);
}

core::Version SqliteStore::UpdateVersion(const std::string& org_id, const core::Version& version,
                                         const Actor& actor) {
  Require(!version.version.empty(), "a version needs a version string");
  static const std::string sql = "UPDATE versions SET (" + std::string(VersionFieldColumns()) +
                                 ") = (" + Placeholders(VersionFieldColumns()) +
                                 "), updated_at = ? WHERE id = ?";
  return Write([&](Connection& c) {
    const auto before = FindVersion(c, org_id, version.id);
    if (!before) ThrowNotFound("version", version.id);
    core::Version after = version;
    after.product_id = before->product_id;  // a version never moves to another product
    after.created_at = before->created_at;
    after.updated_at = Now();
    RequireFreeVersion(c, after);
    if (after.supersedes) RequireSibling(c, after, *after.supersedes, "supersedes");
    Statement st = c.Prepare(sql);
    BindVersionFields(st, after);
    st.Bind(after.updated_at).Bind(after.id).Run();
    AppendAudit(c, actor,
                {org_id, "version.update", "version", after.id, ToJson(*before).dump(),
                 ToJson(after).dump()});
    return after;
  });
}

void SqliteStore::DeleteVersion(const std::string& org_id, const std::string& version_id,
                                const Actor& actor) {
  Write([&](Connection& c) {
    const auto before = FindVersion(c, org_id, version_id);
    if (!before) ThrowNotFound("version", version_id);
    RequireNoInheritors(c, *before);
    // Documents this version passed on (uploaded to an older version) now name their origin.
    c.Prepare(
         "UPDATE version_documents SET inherited_from_version_id = (SELECT d.version_id FROM "
         "documents d WHERE d.id = version_documents.document_id) "
         "WHERE inherited_from_version_id = ?")
        .Bind(version_id)
        .Run();
    c.Prepare("DELETE FROM versions WHERE id = ?").Bind(version_id).Run();
    AppendAudit(c, actor,
                {org_id, "version.delete", "version", version_id, ToJson(*before).dump(), ""});
  });
}

}  // namespace craft::store::sqlite
