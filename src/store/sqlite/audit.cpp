// The audit log: listing an organisation's entries and verifying the whole chain.
#include <nlohmann/json.hpp>

#include "core/audit_chain.h"
#include "store/sqlite/rows.h"
#include "store/sqlite/sqlite_store.h"

namespace craft::store::sqlite {

Page<core::AuditEntry> SqliteStore::ListAudit(const std::string& org_id, const PageRequest& page) {
  static const std::string first = "SELECT " + AuditColumns("a") +
                                   " FROM audit_log a WHERE a.organisation_id = ? "
                                   "ORDER BY a.seq DESC LIMIT ?";
  static const std::string next = "SELECT " + AuditColumns("a") +
                                  " FROM audit_log a WHERE a.organisation_id = ? AND a.seq < ? "
                                  "ORDER BY a.seq DESC LIMIT ?";
  const int limit = ClampLimit(page.limit);
  const std::int64_t before = DecodeCursor(page.cursor);  // newest first: continue below it
  ConnectionPool::Lease lease = pool_.Acquire();
  Statement st = lease->Prepare(before == 0 ? first : next);
  st.Bind(org_id);
  if (before != 0) st.Bind(before);
  st.Bind(limit + 1);
  return ReadPage<core::AuditEntry>(st, limit, ReadAuditEntry);
}

AuditVerification SqliteStore::VerifyAudit() {
  static const std::string sql = "SELECT " + AuditColumns("a") + " FROM audit_log a ORDER BY a.seq";
  // The entries are checked as they are read, so a log of any length takes constant memory.
  core::AuditChainVerifier verifier;
  std::optional<core::AuditHead> head;
  {
    ConnectionPool::Lease lease = pool_.Acquire();
    Connection& c = *lease;
    ReadTransaction transaction(c);  // one snapshot: the entries and the head must agree
    {
      Statement st = c.Prepare(sql);
      while (st.Step()) verifier.Add(ReadAuditEntry(st));
      Statement h = c.Prepare("SELECT seq, hash FROM audit_head WHERE id = 1");
      if (h.Step()) head = core::AuditHead{h.Int(0), h.Text(1)};
    }
    transaction.Commit();
  }
  AuditVerification result;
  result.entries = verifier.entries();
  result.problems = verifier.Finish(head);
  if (!head) result.problems.push_back("the audit head row is missing");
  result.ok = result.problems.empty();
  return result;
}

void SqliteStore::RecordEvent(const std::string& org_id, const std::string& action,
                              const std::string& entity_type, const std::string& entity_id,
                              const std::string& details_json, const Actor& actor) {
  Write([&](Connection& c) {
    AppendAudit(c, actor, {org_id, action, entity_type, entity_id, "", details_json});
  });
}

namespace {

std::optional<SigningKey> FindSigningKey(Connection& c, const std::string& org_id) {
  Statement st = c.Prepare(
      "SELECT private_key_pem, public_key_pem FROM signing_keys WHERE organisation_id = ?");
  st.Bind(org_id);
  if (!st.Step()) return std::nullopt;
  return SigningKey{st.Text(0), st.Text(1)};
}

}  // namespace

SigningKey SqliteStore::OrganisationSigningKey(const std::string& org_id,
                                               const std::function<SigningKey()>& generate,
                                               const Actor& actor) {
  {
    ConnectionPool::Lease lease = pool_.Acquire();
    if (auto key = FindSigningKey(*lease, org_id)) return *key;
  }
  return Write([&](Connection& c) {
    if (auto key = FindSigningKey(c, org_id)) return *key;  // created meanwhile
    SigningKey key = generate();
    c.Prepare(
         "INSERT INTO signing_keys (organisation_id, private_key_pem, public_key_pem, created_at) "
         "VALUES (?, ?, ?, ?)")
        .Bind(org_id)
        .Bind(key.private_key_pem)
        .Bind(key.public_key_pem)
        .Bind(Now())
        .Run();
    AppendAudit(c, actor,
                {org_id, "signing_key.create", "organisation", org_id, "",
                 nlohmann::json{{"public_key_pem", key.public_key_pem}}.dump()});
    return key;
  });
}

}  // namespace craft::store::sqlite
