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
#include <unordered_map>
#include <vector>

#include "core/model.h"
#include "core/readiness.h"
#include "vuln/advisory/model.h"

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

// One stored SBOM: where its bytes are (the blob named by `sha256`) and what checking it found.
// `report` is the JSON of sbom::CheckResultJson with the reports of every profile
// ({"bsi-v2.1": ..., "bsi-v2.0": ..., "ntia": ...} under "reports"); lists leave it empty.
struct SbomRecord {
  std::string id;
  std::string organisation_id;
  std::string version_id;
  std::string file_name;
  std::string media_type;
  std::uint64_t size = 0;
  std::string sha256;
  std::string format;  // "CycloneDX JSON", "SPDX tag-value", ...
  std::string spec_version;
  std::string serial_number;
  bool valid = false;
  std::int64_t component_count = 0;
  double purl_coverage_pct = 0;
  std::int64_t versionless_count = 0;
  double quality_score = 0;
  std::string grade;
  std::string report;
  std::string uploaded_by;
  std::int64_t uploaded_at = 0;
};

// One component of a stored SBOM, as the SBOM engine normalised it.
struct ComponentRecord {
  std::string id;
  std::string sbom_id;
  std::string ref;
  std::string type;
  std::string group;
  std::string name;
  std::string version;
  std::string purl;
  std::string cpe;
  std::string supplier;
  std::vector<std::string> licenses;
  std::vector<std::pair<std::string, std::string>> hashes;  // algorithm, value
};

struct ComponentQuery {
  std::string q;     // substring of name, group or purl (case-insensitive); empty: all
  std::string type;  // exact type; empty: all
};

// What readiness needs to know of a version's SBOMs and findings (cached: the status endpoint reads
// it on every call).
struct VersionEvidence {
  int sbom_count = 0;
  std::optional<double> best_sbom_score;  // among valid SBOMs
  // Open KEV findings, except those matched by name only (match_method "name": a guess at the
  // component's identity, listed for triage but not holding up readiness).
  std::vector<core::ReadinessInput::OpenKev> open_kev;
};

// --- vulnerabilities -----------------------------------------------------------------------

// What importing one advisory did.
enum class AdvisoryChange { kAdded, kUpdated, kUnchanged, kWithdrawn };

struct AdvisoryDbStats {
  std::int64_t osv = 0, nvd = 0, withdrawn = 0, kev = 0, epss = 0;
  std::int64_t package_keys = 0, cpe_keys = 0;
  std::vector<std::pair<std::string, std::int64_t>> by_ecosystem;  // OSV affected packages
  std::string last_import;  // RFC 3339, empty when nothing was imported
};

// A vulnerability found in a component of a version, with its triage.
struct FindingRecord {
  std::string id;
  std::string organisation_id;
  std::string version_id;
  std::string component_key;  // the purl, else "name@version"
  std::string component_name;
  std::string component_version;
  std::string component_purl;
  std::string vuln_id;
  std::vector<std::string> aliases;
  std::string summary;
  std::string severity = "unknown";  // critical, high, medium, low, none, unknown
  std::optional<double> cvss_score;
  std::string cvss_vector;
  bool kev = false;
  std::string kev_date_added, kev_due_date;
  bool kev_ransomware = false;
  std::optional<double> epss, epss_percentile;
  std::vector<std::string> fixed_versions;
  std::vector<std::string> references;
  std::string match_method, confidence, reason;
  // Triage.
  std::string status = "under_investigation";
  std::string justification;
  std::vector<std::string> responses;
  std::string detail;
  std::string impact_statement;
  std::string analysed_by;
  std::optional<std::int64_t> analysed_at;
  std::string carried_over_from;  // the finding of an earlier version whose triage was taken
  std::int64_t first_seen_at = 0;
  std::optional<std::int64_t> resolved_at;  // set when a later scan no longer finds it
};

struct FindingAnalysis {
  std::string status;
  std::string justification;
  std::vector<std::string> responses;
  std::string detail;
  std::string impact_statement;
};

struct FindingQuery {
  std::string severity;     // empty: all
  std::optional<bool> kev;  // nullopt: all
  std::string status;       // empty: all
};

// What a scan changed: "<vuln_id> in <component_key>" entries.
struct FindingsDiff {
  std::vector<std::string> appeared;
  std::vector<std::string> disappeared;
};

struct JobRecord {
  std::string id;
  std::string organisation_id;  // empty for a job of the whole installation (a rescan)
  std::string kind;             // "rescan"
  std::string status = "queued";
  std::int64_t done = 0, total = 0;
  std::string result = "{}";  // JSON
  std::string error;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> finished_at;
};

struct AuditVerification {
  bool ok = true;
  std::int64_t entries = 0;
  // One sentence per broken link, edited or missing entry: the first 100, then "and N more
  // problems" (core::AuditChainVerifier).
  std::vector<std::string> problems;
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

  // --- SBOMs ---------------------------------------------------------------------------
  // Stores the SBOM row and its components in one transaction, with an audit entry. The blob
  // named by sbom.sha256 must already be in the blob store. Returns the row with id and time set.
  virtual SbomRecord CreateSbom(const SbomRecord& sbom,
                                const std::vector<ComponentRecord>& components,
                                const Actor& actor) = 0;
  // With its report.
  virtual std::optional<SbomRecord> GetSbom(const std::string& org_id,
                                            const std::string& sbom_id) = 0;
  // Without reports, oldest first.
  virtual Page<SbomRecord> ListSboms(const std::string& org_id, const std::string& version_id,
                                     const PageRequest& page) = 0;
  // Every SBOM of the version, without reports (readiness, export, scans).
  virtual std::vector<SbomRecord> SbomsOf(const std::string& org_id,
                                          const std::string& version_id) = 0;
  virtual Page<ComponentRecord> ListComponents(const std::string& org_id,
                                               const std::string& version_id,
                                               const ComponentQuery& query,
                                               const PageRequest& page) = 0;
  // Every component of every SBOM of the version, in upload order.
  virtual std::vector<ComponentRecord> ComponentsOf(const std::string& org_id,
                                                    const std::string& version_id) = 0;

  // The SBOM and KEV facts readiness needs (cached).
  virtual VersionEvidence EvidenceOf(const std::string& org_id, const std::string& version_id) = 0;

  // --- advisory database -------------------------------------------------------------------
  // Stores a batch of advisories in one transaction, incrementally: a record whose `modified` is
  // not later than the stored one's is left unchanged; a withdrawn one keeps its row and loses its
  // lookup keys. One change per advisory, in order.
  std::vector<AdvisoryChange> UpsertAdvisories(
      const std::vector<vuln::advisory::Advisory>& advisories) {
    return UpsertAdvisories(advisories, {});
  }
  // The same, with the stored form of advisories[i] already in records[i] when i < records.size()
  // and records[i] is not empty (EncodeAdvisoryRecord of store/advisory_record.h, done by the
  // caller on another thread, say); the store encodes the others when it writes them.
  virtual std::vector<AdvisoryChange> UpsertAdvisories(
      const std::vector<vuln::advisory::Advisory>& advisories,
      const std::vector<std::string>& records) = 0;
  // The `modified` of every stored advisory from `source`, by id: lets an import skip records it
  // would leave unchanged before preparing them. UpsertAdvisories only ever replaces a stored
  // `modified` by a later one, or by an empty one from a record that has none.
  virtual std::unordered_map<std::string, std::string> AdvisoryModifiedTimes(
      vuln::advisory::Source source) = 0;
  // Replaces the whole KEV catalogue / EPSS table (each is published whole).
  virtual void ReplaceKev(const vuln::advisory::KevCatalog& catalog) = 0;
  virtual void ReplaceEpss(const vuln::advisory::EpssScores& scores) = 0;
  virtual void RecordAdvisoryImport(const std::string& source, const std::string& origin,
                                    std::int64_t added, std::int64_t updated,
                                    std::int64_t unchanged, std::int64_t withdrawn,
                                    std::int64_t rejected) = 0;
  virtual AdvisoryDbStats AdvisoryStats() = 0;
  // A number that every write to the advisory database (records, KEV, EPSS) raises: what was read
  // from it at one generation holds while the generation is unchanged.
  virtual std::int64_t AdvisoryGeneration() = 0;
  // Advisories (not withdrawn) with an affected package under one of the (ecosystem base,
  // normalised name) keys, or a configuration naming one of the (vendor, product) keys.
  // Hands them to `sink` one at a time, once each, in (source, id) order; memory holds their
  // compressed records and one decoded advisory at a time. Returns the advisory generation of the
  // snapshot they were read from (all of them from one).
  virtual std::int64_t ForEachCandidateAdvisory(
      const std::vector<std::pair<std::string, std::string>>& package_keys,
      const std::vector<std::pair<std::string, std::string>>& cpe_keys,
      const std::function<void(vuln::advisory::Advisory&&)>& sink) = 0;
  // The same, collected.
  std::vector<vuln::advisory::Advisory> CandidateAdvisories(
      const std::vector<std::pair<std::string, std::string>>& package_keys,
      const std::vector<std::pair<std::string, std::string>>& cpe_keys) {
    std::vector<vuln::advisory::Advisory> out;
    ForEachCandidateAdvisory(package_keys, cpe_keys,
                             [&](vuln::advisory::Advisory&& a) { out.push_back(std::move(a)); });
    return out;
  }
  // The advisories with this id or alias (OSV and NVD).
  virtual std::vector<vuln::advisory::Advisory> AdvisoriesNamed(const std::string& id) = 0;
  virtual std::optional<vuln::advisory::KevEntry> KevEntryFor(const std::string& cve) = 0;
  virtual std::optional<vuln::advisory::EpssEntry> EpssFor(const std::string& cve) = 0;

  // --- findings ----------------------------------------------------------------------------
  // Makes `current` the version's findings in one transaction: new ones are inserted (taking the
  // triage of the same vulnerability in the same component of another version of the product,
  // when one was triaged), known ones refreshed (triage kept, resolved_at cleared), and open ones
  // not in `current` resolved. Records the change in the audit log when something changed.
  virtual FindingsDiff ReplaceFindings(const std::string& org_id, const std::string& version_id,
                                       const std::vector<FindingRecord>& current,
                                       const Actor& actor) = 0;
  // Open findings (not resolved), oldest first.
  virtual Page<FindingRecord> ListFindings(const std::string& org_id, const std::string& version_id,
                                           const FindingQuery& query, const PageRequest& page) = 0;
  virtual std::vector<FindingRecord> FindingsOf(const std::string& org_id,
                                                const std::string& version_id) = 0;
  virtual std::optional<FindingRecord> GetFinding(const std::string& org_id,
                                                  const std::string& finding_id) = 0;
  // Open findings of the organisation whose vulnerability id or alias is `vuln_id`.
  virtual std::vector<FindingRecord> FindingsForVulnerability(const std::string& org_id,
                                                              const std::string& vuln_id) = 0;
  // Records a triage decision (with an audit entry holding before and after).
  virtual FindingRecord SetFindingAnalysis(const std::string& org_id, const std::string& finding_id,
                                           const FindingAnalysis& analysis, const Actor& actor) = 0;
  // (organisation, version) of every version that has an SBOM: what a rescan walks.
  virtual std::vector<std::pair<std::string, std::string>> VersionsWithSboms() = 0;

  // --- jobs --------------------------------------------------------------------------------
  // Queues a job; a queued job of the same kind and organisation is returned instead of a second.
  virtual JobRecord CreateJob(const std::string& org_id, const std::string& kind) = 0;
  // Marks the oldest queued job running and returns it (one claimant wins); nullopt when none.
  virtual std::optional<JobRecord> ClaimNextJob() = 0;
  virtual void UpdateJob(const JobRecord& job) = 0;
  // A job of the organisation, or of the whole installation.
  virtual std::optional<JobRecord> GetJob(const std::string& org_id, const std::string& job_id) = 0;

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
