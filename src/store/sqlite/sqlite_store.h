#pragma once
// The SQLite implementation of store::Store (see store/store.h for the contract). Its methods are
// spread over one file per resource: organisations.cpp (organisations and users), api_keys.cpp,
// products.cpp, versions.cpp, documents.cpp and audit.cpp; sqlite_store.cpp opens the database and
// holds what they share. Internal to src/store/sqlite.
//
// Concurrency: reads borrow a pooled connection and run without locks (WAL lets readers proceed
// beside a writer). Writes are serialised within the process by `write_mutex_` and across
// processes by BEGIN IMMEDIATE; a write takes the mutex before a connection, never the other way
// round, so a reader waiting for a connection can never hold up a writer.
//
// The reads of every API request (GetOrganisation, GetProduct, GetVersion, FindApiKey,
// DocumentTypesOf) go through a ReadCache: each SQLite statement takes and releases a WAL read
// lock (two fcntl calls), which costs several times what the lookup itself does. The cache is
// emptied after every commit of this store, and when a `PRAGMA data_version` probe (at most every
// kForeignCommitProbeInterval) shows a commit by another process.

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <type_traits>
#include <unordered_map>

#include "store/pagination.h"
#include "store/read_cache.h"
#include "store/sqlite/connection.h"
#include "store/store.h"

namespace craft::store::sqlite {

// What a change writes to the audit log besides who made it and when.
struct AuditRecord {
  std::string organisation_id;
  std::string action;  // "product.create"
  std::string entity_type;
  std::string entity_id;
  std::string before;  // JSON text, empty when created
  std::string after;   // JSON text, empty when deleted
};

class SqliteStore final : public Store {
 public:
  SqliteStore(const std::string& path, std::function<std::int64_t()> clock);

  bool Ping() override;

  std::int64_t CountOrganisations() override;
  CreatedApiKey CreateOrganisation(const std::string& name, const Actor& actor) override;
  std::optional<core::Organisation> GetOrganisation(const std::string& org_id) override;
  std::vector<core::Organisation> ListOrganisations() override;
  core::Organisation UpdateOrganisation(const core::Organisation& org, const Actor& actor) override;

  core::User CreateUser(const std::string& org_id, const std::string& email,
                        const std::string& name, const std::string& password, core::Role role,
                        const Actor& actor) override;
  std::vector<std::pair<core::User, core::Role>> ListUsers(const std::string& org_id) override;
  std::optional<core::User> CheckPassword(const std::string& email,
                                          const std::string& password) override;
  std::optional<core::Role> RoleOf(const std::string& org_id, const std::string& user_id) override;

  CreatedApiKey CreateApiKey(const std::string& org_id, const std::string& user_id,
                             const std::string& name, const std::vector<std::string>& scopes,
                             std::optional<std::int64_t> expires_at, const Actor& actor) override;
  std::optional<Principal> FindApiKey(const std::string& secret) override;
  Page<core::ApiKey> ListApiKeys(const std::string& org_id,
                                 const std::optional<std::string>& user_id,
                                 const PageRequest& page) override;
  std::optional<core::ApiKey> GetApiKey(const std::string& org_id,
                                        const std::string& key_id) override;
  void RevokeApiKey(const std::string& org_id, const std::string& key_id,
                    const Actor& actor) override;

  core::Product CreateProduct(const core::Product& product, const Actor& actor) override;
  std::optional<core::Product> GetProduct(const std::string& org_id,
                                          const std::string& product_id) override;
  Page<core::Product> ListProducts(const std::string& org_id, const PageRequest& page) override;
  core::Product UpdateProduct(const core::Product& product, const Actor& actor) override;
  void DeleteProduct(const std::string& org_id, const std::string& product_id,
                     const Actor& actor) override;

  core::Version CreateVersion(const std::string& org_id, const core::Version& version,
                              const std::optional<std::string>& carry_over_documents_from,
                              const Actor& actor) override;
  std::optional<core::Version> GetVersion(const std::string& org_id,
                                          const std::string& version_id) override;
  Page<core::Version> ListVersions(const std::string& org_id, const std::string& product_id,
                                   const PageRequest& page) override;
  core::Version UpdateVersion(const std::string& org_id, const core::Version& version,
                              const Actor& actor) override;
  void DeleteVersion(const std::string& org_id, const std::string& version_id,
                     const Actor& actor) override;

  core::Document CreateDocument(const core::Document& document, const Actor& actor) override;
  std::optional<core::Document> GetDocument(const std::string& org_id,
                                            const std::string& document_id) override;
  Page<core::Document> ListDocuments(const std::string& org_id, const std::string& version_id,
                                     const PageRequest& page) override;
  std::vector<core::DocumentType> DocumentTypesOf(const std::string& org_id,
                                                  const std::string& version_id) override;
  bool DeleteDocument(const std::string& org_id, const std::string& document_id,
                      const Actor& actor) override;
  std::vector<core::Version> VersionsListingDocument(const std::string& org_id,
                                                     const std::string& document_id) override;
  std::vector<std::string> ReferencedBlobs() override;

  SbomRecord CreateSbom(const SbomRecord& sbom, const std::vector<ComponentRecord>& components,
                        const Actor& actor) override;
  std::optional<SbomRecord> GetSbom(const std::string& org_id, const std::string& sbom_id) override;
  Page<SbomRecord> ListSboms(const std::string& org_id, const std::string& version_id,
                             const PageRequest& page) override;
  std::vector<SbomRecord> SbomsOf(const std::string& org_id,
                                  const std::string& version_id) override;
  Page<ComponentRecord> ListComponents(const std::string& org_id, const std::string& version_id,
                                       const ComponentQuery& query,
                                       const PageRequest& page) override;
  std::vector<ComponentRecord> ComponentsOf(const std::string& org_id,
                                            const std::string& version_id) override;

  VersionEvidence EvidenceOf(const std::string& org_id, const std::string& version_id) override;

  using Store::UpsertAdvisories;
  std::vector<AdvisoryChange> UpsertAdvisories(
      const std::vector<vuln::advisory::Advisory>& advisories,
      const std::vector<std::string>& records) override;
  std::unordered_map<std::string, std::string> AdvisoryModifiedTimes(
      vuln::advisory::Source source) override;
  void ReplaceKev(const vuln::advisory::KevCatalog& catalog) override;
  void ReplaceEpss(const vuln::advisory::EpssScores& scores) override;
  void RecordAdvisoryImport(const std::string& source, const std::string& origin,
                            std::int64_t added, std::int64_t updated, std::int64_t unchanged,
                            std::int64_t withdrawn, std::int64_t rejected) override;
  AdvisoryDbStats AdvisoryStats() override;
  std::int64_t AdvisoryGeneration() override;
  std::int64_t ForEachCandidateAdvisory(
      const std::vector<std::pair<std::string, std::string>>& package_keys,
      const std::vector<std::pair<std::string, std::string>>& cpe_keys,
      const std::function<void(vuln::advisory::Advisory&&)>& sink) override;
  std::vector<vuln::advisory::Advisory> AdvisoriesNamed(const std::string& id) override;
  std::optional<vuln::advisory::KevEntry> KevEntryFor(const std::string& cve) override;
  std::optional<vuln::advisory::EpssEntry> EpssFor(const std::string& cve) override;

  FindingsDiff ReplaceFindings(const std::string& org_id, const std::string& version_id,
                               const std::vector<FindingRecord>& current,
                               const Actor& actor) override;
  Page<FindingRecord> ListFindings(const std::string& org_id, const std::string& version_id,
                                   const FindingQuery& query, const PageRequest& page) override;
  std::vector<FindingRecord> FindingsOf(const std::string& org_id,
                                        const std::string& version_id) override;
  std::optional<FindingRecord> GetFinding(const std::string& org_id,
                                          const std::string& finding_id) override;
  std::vector<FindingRecord> FindingsForVulnerability(const std::string& org_id,
                                                      const std::string& vuln_id) override;
  FindingRecord SetFindingAnalysis(const std::string& org_id, const std::string& finding_id,
                                   const FindingAnalysis& analysis, const Actor& actor) override;
  std::vector<std::pair<std::string, std::string>> VersionsWithSboms() override;

  JobRecord CreateJob(const std::string& org_id, const std::string& kind) override;
  void UpdateJob(const JobRecord& job) override;
  std::optional<JobRecord> ClaimNextJob() override;
  std::optional<JobRecord> GetJob(const std::string& org_id, const std::string& job_id) override;

  SigningKey OrganisationSigningKey(const std::string& org_id,
                                    const std::function<SigningKey()>& generate,
                                    const Actor& actor) override;
  void RecordEvent(const std::string& org_id, const std::string& action,
                   const std::string& entity_type, const std::string& entity_id,
                   const std::string& details_json, const Actor& actor) override;
  Page<core::AuditEntry> ListAudit(const std::string& org_id, const PageRequest& page) override;
  AuditVerification VerifyAudit() override;

 private:
  std::int64_t Now() const { return clock_(); }

  // Runs `body(connection)` in one write transaction (BEGIN IMMEDIATE ... COMMIT), rolled back
  // when it throws. Returns what `body` returns.
  template <typename Body>
  auto Write(Body&& body) -> std::invoke_result_t<Body&, Connection&> {
    std::lock_guard lock(write_mutex_);
    ConnectionPool::Lease lease = pool_.Acquire();
    Connection& c = *lease;
    c.Exec("BEGIN IMMEDIATE");
    try {
      if constexpr (std::is_void_v<std::invoke_result_t<Body&, Connection&>>) {
        body(c);
        c.Exec("COMMIT");
        cache_.Invalidate();
      } else {
        auto result = body(c);
        c.Exec("COMMIT");
        cache_.Invalidate();
        return result;
      }
    } catch (...) {
      c.RollbackQuietly();
      throw;
    }
  }

  // The cached result of a hot read, else `load()` (which borrows its own connection), cached.
  template <typename T, typename Load>
  std::optional<T> Cached(const std::string& key, Load load) {
    NoticeForeignCommits();
    if (std::optional<T> hit = cache_.Get<T>(key)) return hit;
    const std::uint64_t seen = cache_.generation();
    std::optional<T> value = load();
    if (value) cache_.Put(key, *value, seen);
    return value;
  }
  // Empties the cache when another process has committed since the last probe.
  void NoticeForeignCommits();

  // Appends one entry to the hash chain; inside a Write().
  void AppendAudit(Connection& c, const Actor& actor, const AuditRecord& record);

  // Lookups scoped by organisation, inside a transaction or on a borrowed connection.
  std::optional<core::Organisation> FindOrganisation(Connection& c, const std::string& org_id);
  std::optional<core::Product> FindProduct(Connection& c, const std::string& org_id,
                                           const std::string& product_id);
  std::optional<core::Version> FindVersion(Connection& c, const std::string& org_id,
                                           const std::string& version_id);
  std::optional<core::Document> FindDocument(Connection& c, const std::string& org_id,
                                             const std::string& document_id);
  std::optional<core::ApiKey> FindKey(Connection& c, const std::string& org_id,
                                      const std::string& key_id);
  std::optional<core::Role> FindRole(Connection& c, const std::string& org_id,
                                     const std::string& user_id);

  // Inserts a key for a member of the organisation and records it; inside a Write().
  CreatedApiKey InsertApiKey(Connection& c, const std::string& org_id, const std::string& user_id,
                             const std::string& name, const std::vector<std::string>& scopes,
                             std::optional<std::int64_t> expires_at, const Actor& actor);
  // Writes last_used_at when it is a minute old or more; at most one writer per key at a time.
  void TouchApiKey(core::ApiKey& key);

  static constexpr std::chrono::milliseconds kForeignCommitProbeInterval{50};

  std::function<std::int64_t()> clock_;
  ConnectionPool pool_;
  std::mutex write_mutex_;

  ReadCache cache_;
  std::mutex probe_mutex_;
  Connection probe_;  // only reads data_version, so every commit elsewhere changes it
  std::int64_t probe_data_version_ = 0;
  std::atomic<std::int64_t> next_probe_ns_{0};

  std::mutex touch_mutex_;
  std::unordered_map<std::string, std::int64_t> touched_;  // key id -> last_used_at written
};

// Reads the rows of a page query that selected `limit + 1` rows with seq in column 0: the first
// `limit` go into the page, and the presence of one more gives the next cursor.
template <typename T, typename ReadRow>
Page<T> ReadPage(Statement& st, int limit, ReadRow read) {
  Page<T> page;
  std::int64_t last_seq = 0;
  while (st.Step()) {
    if (static_cast<int>(page.items.size()) == limit) {
      page.next_cursor = EncodeCursor(last_seq);
      break;
    }
    last_seq = st.Int(0);
    page.items.push_back(read(st));
  }
  return page;
}

// A cache key for the row `id` of `kind` read as organisation `org_id` (length-prefixed, so no
// pair of ids can spell another pair's key).
std::string CacheKey(std::string_view kind, const std::string& org_id, const std::string& id);

// Throws StoreError(kInvalid, message) when `condition` is false.
void Require(bool condition, const std::string& message);

// Throws StoreError(kNotFound, "<what> <id> not found").
[[noreturn]] void ThrowNotFound(std::string_view what, const std::string& id);

}  // namespace craft::store::sqlite
