#pragma once
// The evidence store: every row craft keeps, behind one interface so that SQLite (the default)
// and PostgreSQL (scale-out) can both serve it. Every mutating call is one transaction that also
// appends its audit entry: a change and its audit record are written together or not at all.
// Every read is scoped by organisation: a row of another organisation is reported as absent.
//
// Errors: calls throw StoreError; `Conflict` for a uniqueness or retention clash, `NotFound` for a
// missing or foreign row, `Unavailable` when the database cannot be reached.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/model.h"

namespace craft::store {

enum class StoreErrorKind { kNotFound, kConflict, kUnavailable, kInvalid };

class StoreError : public std::runtime_error {
 public:
  StoreError(StoreErrorKind kind, const std::string& message)
      : std::runtime_error(message), kind_(kind) {}
  StoreErrorKind kind() const { return kind_; }

 private:
  StoreErrorKind kind_;
};

// Who makes a change, for the audit log: "key:<id>", "user:<id>" or "system".
struct Actor {
  std::string id = "system";
};

// One page of a list; `next_cursor` is empty on the last page. Cursors are opaque strings.
template <typename T>
struct Page {
  std::vector<T> items;
  std::string next_cursor;
};

struct PageRequest {
  int limit = 50;  // 1..500, clamped by the store
  std::string cursor;
};

// What an API key resolves to on each request.
struct Principal {
  core::ApiKey key;
  core::Role role = core::Role::kViewer;
};

// The result of creating a key: the stored record and the secret, shown once.
struct CreatedApiKey {
  core::ApiKey key;
  std::string secret;  // "craft_..."
};

// An organisation's Ed25519 key pair for signing exports (PEM).
struct SigningKey {
  std::string private_key_pem;
  std::string public_key_pem;
};

struct AuditVerification {
  bool ok = true;
  std::int64_t entries = 0;
  std::vector<std::string> problems;  // one sentence per broken link, edited or missing entry
};

class Store {
 public:
  virtual ~Store() = default;

  // Readiness probe: true when a trivial query succeeds.
  virtual bool Ping() = 0;

  // --- organisations -----------------------------------------------------------------------
  virtual std::int64_t CountOrganisations() = 0;
  // Creates an organisation with an owner user and an owner key holding "admin".
  virtual CreatedApiKey CreateOrganisation(const std::string& name, const Actor& actor) = 0;
  virtual std::optional<core::Organisation> GetOrganisation(const std::string& org_id) = 0;
  virtual std::vector<core::Organisation> ListOrganisations() = 0;
  virtual core::Organisation UpdateOrganisation(const core::Organisation& org,
                                                const Actor& actor) = 0;

  // --- users and keys ----------------------------------------------------------------------
  // Password is hashed with argon2id; an empty password leaves the user without one.
  virtual core::User CreateUser(const std::string& org_id, const std::string& email,
                                const std::string& name, const std::string& password,
                                core::Role role, const Actor& actor) = 0;
  virtual std::vector<std::pair<core::User, core::Role>> ListUsers(const std::string& org_id) = 0;
  // Returns the user when the password matches (argon2id verify), else nullopt.
  virtual std::optional<core::User> CheckPassword(const std::string& email,
                                                  const std::string& password) = 0;
  virtual std::optional<core::Role> RoleOf(const std::string& org_id,
                                           const std::string& user_id) = 0;

  virtual CreatedApiKey CreateApiKey(const std::string& org_id, const std::string& user_id,
                                     const std::string& name,
                                     const std::vector<std::string>& scopes,
                                     std::optional<std::int64_t> expires_at,
                                     const Actor& actor) = 0;
  // Resolves a presented secret (by its SHA-256). Returns nullopt when unknown; the caller checks
  // expiry and revocation against its own clock.
  virtual std::optional<Principal> FindApiKey(const std::string& secret) = 0;
  virtual Page<core::ApiKey> ListApiKeys(const std::string& org_id,
                                         const std::optional<std::string>& user_id,
                                         const PageRequest& page) = 0;
  virtual std::optional<core::ApiKey> GetApiKey(const std::string& org_id,
                                                const std::string& key_id) = 0;
  virtual void RevokeApiKey(const std::string& org_id, const std::string& key_id,
                            const Actor& actor) = 0;

  // --- products ----------------------------------------------------------------------------
  virtual core::Product CreateProduct(const core::Product& product, const Actor& actor) = 0;
  virtual std::optional<core::Product> GetProduct(const std::string& org_id,
                                                  const std::string& product_id) = 0;
  virtual Page<core::Product> ListProducts(const std::string& org_id, const PageRequest& page) = 0;
  virtual core::Product UpdateProduct(const core::Product& product, const Actor& actor) = 0;
  // Deletes the product with its versions and their document rows (blobs stay for the caller to
  // collect). Retention is the caller's check: it needs the clock and the rules of core.
  virtual void DeleteProduct(const std::string& org_id, const std::string& product_id,
                             const Actor& actor) = 0;

  // --- versions ----------------------------------------------------------------------------
  // When `carry_over_documents_from` names a version of the same product, its documents are
  // listed for the new version as inherited (not copied).
  virtual core::Version CreateVersion(const std::string& org_id, const core::Version& version,
                                      const std::optional<std::string>& carry_over_documents_from,
                                      const Actor& actor) = 0;
  virtual std::optional<core::Version> GetVersion(const std::string& org_id,
                                                  const std::string& version_id) = 0;
  virtual Page<core::Version> ListVersions(const std::string& org_id, const std::string& product_id,
                                           const PageRequest& page) = 0;
  virtual core::Version UpdateVersion(const std::string& org_id, const core::Version& version,
                                      const Actor& actor) = 0;
  virtual void DeleteVersion(const std::string& org_id, const std::string& version_id,
                             const Actor& actor) = 0;

  // --- documents ---------------------------------------------------------------------------
  // The blob named by document.sha256 must already be in the blob store.
  virtual core::Document CreateDocument(const core::Document& document, const Actor& actor) = 0;
  virtual std::optional<core::Document> GetDocument(const std::string& org_id,
                                                    const std::string& document_id) = 0;
  // Own and inherited documents of a version.
  virtual Page<core::Document> ListDocuments(const std::string& org_id,
                                             const std::string& version_id,
                                             const PageRequest& page) = 0;
  // All document types a version holds (own and inherited), for readiness.
  virtual std::vector<core::DocumentType> DocumentTypesOf(const std::string& org_id,
                                                          const std::string& version_id) = 0;
  // Deletes the document; returns true when no other row references its blob any more, so the
  // caller may remove the blob. The retention check is the caller's (it needs the clock).
  virtual bool DeleteDocument(const std::string& org_id, const std::string& document_id,
                              const Actor& actor) = 0;
  // Every version (own or inheriting) that lists the document.
  virtual std::vector<core::Version> VersionsListingDocument(const std::string& org_id,
                                                             const std::string& document_id) = 0;
  // Every stored blob digest (for crash recovery and garbage collection).
  virtual std::vector<std::string> ReferencedBlobs() = 0;

  // --- signing key -------------------------------------------------------------------------
  // The organisation's signing key; created with `generate` on first use (one transaction, with
  // an audit entry holding the public key). Later calls return the same key.
  virtual SigningKey OrganisationSigningKey(const std::string& org_id,
                                            const std::function<SigningKey()>& generate,
                                            const Actor& actor) = 0;

  // --- audit -------------------------------------------------------------------------------
  // Appends an entry for an event that changes no row, e.g. "export.technical_file" with the
  // exported file's name and SHA-256 in `details_json` (a JSON object, stored as `after`).
  virtual void RecordEvent(const std::string& org_id, const std::string& action,
                           const std::string& entity_type, const std::string& entity_id,
                           const std::string& details_json, const Actor& actor) = 0;
  virtual Page<core::AuditEntry> ListAudit(const std::string& org_id, const PageRequest& page) = 0;
  // Recomputes every entry's hash and link; reports edited, removed or reordered entries.
  virtual AuditVerification VerifyAudit() = 0;
};

// Opens (creating if needed) the SQLite database at `path`, applies pending migrations, and turns
// on WAL and foreign keys. `clock` returns the current Unix time (injected for tests).
std::unique_ptr<Store> OpenSqliteStore(const std::string& path,
                                       std::function<std::int64_t()> clock = {});

}  // namespace craft::store
