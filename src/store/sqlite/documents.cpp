// Documents: one row per upload (the bytes are in the blob store, named by SHA-256), listed for
// the version they were uploaded to and for every version they were carried over to.
#include <algorithm>
#include <limits>

#include "core/digest.h"
#include "store/ids.h"
#include "store/model_json.h"
#include "store/sqlite/rows.h"
#include "store/sqlite/sqlite_store.h"

namespace craft::store::sqlite {

std::optional<core::Document> SqliteStore::FindDocument(Connection& c, const std::string& org_id,
                                                        const std::string& document_id) {
  static const std::string sql = "SELECT " + DocumentColumns("d") +
                                 " FROM documents d WHERE d.id = ? AND d.organisation_id = ?";
  Statement st = c.Prepare(sql);
  st.Bind(document_id).Bind(org_id);
  if (!st.Step()) return std::nullopt;
  return ReadDocument(st);
}

core::Document SqliteStore::CreateDocument(const core::Document& document, const Actor& actor) {
  Require(core::IsSha256Hex(document.sha256), "sha256 must be 64 lowercase hexadecimal characters");
  Require(document.size <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()),
          "the document is too large");
  return Write([&](Connection& c) {
    if (!FindVersion(c, document.organisation_id, document.version_id)) {
      ThrowNotFound("version", document.version_id);
    }
    core::Document created = document;
    created.id = NewUuid();
    created.uploaded_at = Now();
    created.inherited_from_version_id.reset();
    c.Prepare(
         "INSERT INTO documents (id, organisation_id, version_id, type, title, file_name, "
         "media_type, size, sha256, uploaded_by, uploaded_at) "
         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .Bind(created.id)
        .Bind(created.organisation_id)
        .Bind(created.version_id)
        .Bind(core::ToString(created.type))
        .Bind(created.title)
        .Bind(created.file_name)
        .Bind(created.media_type)
        .Bind(static_cast<std::int64_t>(created.size))
        .Bind(created.sha256)
        .Bind(created.uploaded_by)
        .Bind(created.uploaded_at)
        .Run();
    c.Prepare("INSERT INTO version_documents (version_id, document_id) VALUES (?, ?)")
        .Bind(created.version_id)
        .Bind(created.id)
        .Run();
    AppendAudit(c, actor,
                {created.organisation_id, "document.create", "document", created.id, "",
                 ToJson(created).dump()});
    return created;
  });
}

std::optional<core::Document> SqliteStore::GetDocument(const std::string& org_id,
                                                       const std::string& document_id) {
  ConnectionPool::Lease lease = pool_.Acquire();
  return FindDocument(*lease, org_id, document_id);
}

Page<core::Document> SqliteStore::ListDocuments(const std::string& org_id,
                                                const std::string& version_id,
                                                const PageRequest& page) {
  static const std::string sql =
      "SELECT " + DocumentColumns("d") +
      ", vd.inherited_from_version_id FROM version_documents vd "
      "JOIN documents d ON d.id = vd.document_id "
      "WHERE vd.version_id = ? AND d.organisation_id = ? AND d.seq > ? ORDER BY d.seq LIMIT ?";
  const int limit = ClampLimit(page.limit);
  const std::int64_t after = DecodeCursor(page.cursor);
  ConnectionPool::Lease lease = pool_.Acquire();
  Statement st = lease->Prepare(sql);
  st.Bind(version_id).Bind(org_id).Bind(after).Bind(limit + 1);
  return ReadPage<core::Document>(st, limit, [](const Statement& row) {
    core::Document d = ReadDocument(row);
    d.inherited_from_version_id = row.OptText(kDocumentColumnCount);
    return d;
  });
}

std::vector<core::DocumentType> SqliteStore::DocumentTypesOf(const std::string& org_id,
                                                             const std::string& version_id) {
  using Types = std::vector<core::DocumentType>;
  const auto load = [&]() -> std::optional<Types> {
    ConnectionPool::Lease lease = pool_.Acquire();
    Statement st = lease->Prepare(
        "SELECT DISTINCT d.type FROM version_documents vd "
        "JOIN documents d ON d.id = vd.document_id "
        "WHERE vd.version_id = ? AND d.organisation_id = ?");
    st.Bind(version_id).Bind(org_id);
    Types types;
    while (st.Step()) {
      if (const auto type = core::ParseDocumentType(st.TextView(0))) types.push_back(*type);
    }
    std::sort(types.begin(), types.end());
    return types;
  };
  return *Cached<Types>(CacheKey("document_types", org_id, version_id), load);
}

bool SqliteStore::DeleteDocument(const std::string& org_id, const std::string& document_id,
                                 const Actor& actor) {
  return Write([&](Connection& c) {
    const auto before = FindDocument(c, org_id, document_id);
    if (!before) ThrowNotFound("document", document_id);
    c.Prepare("DELETE FROM documents WHERE id = ?").Bind(document_id).Run();  // and its links
    Statement others = c.Prepare("SELECT 1 FROM documents WHERE sha256 = ? LIMIT 1");
    others.Bind(before->sha256);
    const bool blob_unreferenced = !others.Step();
    AppendAudit(c, actor,
                {org_id, "document.delete", "document", document_id, ToJson(*before).dump(), ""});
    return blob_unreferenced;
  });
}

std::vector<core::Version> SqliteStore::VersionsListingDocument(const std::string& org_id,
                                                                const std::string& document_id) {
  static const std::string sql = "SELECT " + VersionColumns("v") +
                                 " FROM version_documents vd "
                                 "JOIN documents d ON d.id = vd.document_id "
                                 "JOIN versions v ON v.id = vd.version_id "
                                 "WHERE vd.document_id = ? AND d.organisation_id = ? "
                                 "ORDER BY v.seq";
  ConnectionPool::Lease lease = pool_.Acquire();
  Statement st = lease->Prepare(sql);
  st.Bind(document_id).Bind(org_id);
  std::vector<core::Version> versions;
  while (st.Step()) versions.push_back(ReadVersion(st));
  return versions;
}

std::vector<std::string> SqliteStore::ReferencedBlobs() {
  ConnectionPool::Lease lease = pool_.Acquire();
  Statement st =
      lease->Prepare("SELECT sha256 FROM documents UNION SELECT sha256 FROM sboms ORDER BY 1");
  std::vector<std::string> digests;
  while (st.Step()) digests.push_back(st.Text(0));
  return digests;
}

}  // namespace craft::store::sqlite
