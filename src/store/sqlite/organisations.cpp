// Organisations, users and memberships.
#include <sodium.h>

#include <mutex>

#include "core/vocabulary.h"
#include "store/ids.h"
#include "store/model_json.h"
#include "store/sqlite/rows.h"
#include "store/sqlite/sqlite_store.h"

namespace craft::store::sqlite {
namespace {

// An argon2id hash in libsodium's encoded form (algorithm, parameters, salt and hash).
std::string HashPassword(const std::string& password) {
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(hash, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    throw StoreError(StoreErrorKind::kUnavailable, "out of memory while hashing a password");
  }
  return hash;
}

bool PasswordMatches(const std::string& hash, const std::string& password) {
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

// Spends the time of one verification, so that an unknown e-mail address takes as long to refuse
// as a wrong password (no user enumeration by timing).
void VerifyAgainstDummy(const std::string& password) {
  static std::once_flag once;
  static std::string dummy;
  std::call_once(once, [] { dummy = HashPassword("craft-dummy-password"); });
  PasswordMatches(dummy, password);
}

void InsertOrganisation(Connection& c, const core::Organisation& org) {
  static const std::string sql = "INSERT INTO organisations (id, " +
                                 std::string(OrganisationFieldColumns()) +
                                 ", created_at, updated_at) VALUES (?, " +
                                 Placeholders(OrganisationFieldColumns()) + ", ?, ?)";
  Statement st = c.Prepare(sql);
  st.Bind(org.id);
  BindOrganisationFields(st, org);
  st.Bind(org.created_at).Bind(org.updated_at).Run();
}

void InsertUser(Connection& c, const core::User& user,
                const std::optional<std::string>& password_hash) {
  std::optional<std::string> email;
  if (!user.email.empty()) email = user.email;
  c.Prepare("INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)")
      .Bind(user.id)
      .Bind(email)
      .Bind(user.name)
      .Bind(password_hash)
      .Bind(user.created_at)
      .Run();
}

void InsertMembership(Connection& c, const std::string& user_id, const std::string& org_id,
                      core::Role role) {
  c.Prepare("INSERT INTO memberships (user_id, organisation_id, role) VALUES (?, ?, ?)")
      .Bind(user_id)
      .Bind(org_id)
      .Bind(core::ToString(role))
      .Run();
}

AuditRecord UserCreated(const std::string& org_id, const core::User& user, core::Role role) {
  return {org_id, "user.create", "user", user.id, "", ToJson(user, role).dump()};
}

}  // namespace

std::optional<core::Organisation> SqliteStore::FindOrganisation(Connection& c,
                                                                const std::string& org_id) {
  static const std::string sql =
      "SELECT " + OrganisationColumns("o") + " FROM organisations o WHERE o.id = ?";
  Statement st = c.Prepare(sql);
  st.Bind(org_id);
  if (!st.Step()) return std::nullopt;
  return ReadOrganisation(st);
}

std::optional<core::Role> SqliteStore::FindRole(Connection& c, const std::string& org_id,
                                                const std::string& user_id) {
  Statement st =
      c.Prepare("SELECT role FROM memberships WHERE user_id = ? AND organisation_id = ?");
  st.Bind(user_id).Bind(org_id);
  if (!st.Step()) return std::nullopt;
  return core::ParseRole(st.TextView(0));
}

std::int64_t SqliteStore::CountOrganisations() {
  ConnectionPool::Lease lease = pool_.Acquire();
  Statement st = lease->Prepare("SELECT COUNT(*) FROM organisations");
  st.Step();
  return st.Int(0);
}

CreatedApiKey SqliteStore::CreateOrganisation(const std::string& name, const Actor& actor) {
  Require(!name.empty(), "an organisation needs a name");
  return Write([&](Connection& c) {
    const std::int64_t now = Now();
    core::Organisation org;
    org.id = NewUuid();
    org.name = name;
    org.created_at = org.updated_at = now;
    InsertOrganisation(c, org);
    AppendAudit(c, actor,
                {org.id, "organisation.create", "organisation", org.id, "", ToJson(org).dump()});

    const core::User owner{NewUuid(), "", "Owner", now};
    InsertUser(c, owner, std::nullopt);
    InsertMembership(c, owner.id, org.id, core::Role::kOwner);
    AppendAudit(c, actor, UserCreated(org.id, owner, core::Role::kOwner));

    return InsertApiKey(c, org.id, owner.id, "owner", {"admin"}, std::nullopt, actor);
  });
}

std::optional<core::Organisation> SqliteStore::GetOrganisation(const std::string& org_id) {
  return Cached<core::Organisation>(CacheKey("organisation", "", org_id), [&] {
    ConnectionPool::Lease lease = pool_.Acquire();
    return FindOrganisation(*lease, org_id);
  });
}

std::vector<core::Organisation> SqliteStore::ListOrganisations() {
  static const std::string sql =
      "SELECT " + OrganisationColumns("o") + " FROM organisations o ORDER BY o.seq";
  ConnectionPool::Lease lease = pool_.Acquire();
  Statement st = lease->Prepare(sql);
  std::vector<core::Organisation> list;
  while (st.Step()) list.push_back(ReadOrganisation(st));
  return list;
}

core::Organisation SqliteStore::UpdateOrganisation(const core::Organisation& org,
                                                   const Actor& actor) {
  Require(!org.name.empty(), "an organisation needs a name");
  Require(org.sbom_quality_threshold >= 0 && org.sbom_quality_threshold <= 100,
          "sbom_quality_threshold must be between 0 and 100");
  static const std::string sql =
      "UPDATE organisations SET (" + std::string(OrganisationFieldColumns()) + ") = (" +
      Placeholders(OrganisationFieldColumns()) + "), updated_at = ? WHERE id = ?";
  return Write([&](Connection& c) {
    const std::optional<core::Organisation> before = FindOrganisation(c, org.id);
    if (!before) ThrowNotFound("organisation", org.id);
    core::Organisation after = org;
    after.created_at = before->created_at;
    after.updated_at = Now();
    Statement st = c.Prepare(sql);
    BindOrganisationFields(st, after);
    st.Bind(after.updated_at).Bind(after.id).Run();
    AppendAudit(c, actor,
                {org.id, "organisation.update", "organisation", org.id, ToJson(*before).dump(),
                 ToJson(after).dump()});
    return after;
  });
}

core::User SqliteStore::CreateUser(const std::string& org_id, const std::string& email,
                                   const std::string& name, const std::string& password,
                                   core::Role role, const Actor& actor) {
  std::optional<std::string> password_hash;
  if (!password.empty()) password_hash = HashPassword(password);  // slow: before the write lock
  return Write([&](Connection& c) {
    if (!FindOrganisation(c, org_id)) ThrowNotFound("organisation", org_id);
    if (!email.empty()) {
      Statement taken = c.Prepare("SELECT 1 FROM users WHERE email = ?");
      taken.Bind(email);
      if (taken.Step()) {
        throw StoreError(StoreErrorKind::kConflict,
                         "a user with e-mail address '" + email + "' already exists");
      }
    }
    const core::User user{NewUuid(), email, name, Now()};
    InsertUser(c, user, password_hash);
    InsertMembership(c, user.id, org_id, role);
    AppendAudit(c, actor, UserCreated(org_id, user, role));
    return user;
  });
}

std::vector<std::pair<core::User, core::Role>> SqliteStore::ListUsers(const std::string& org_id) {
  static const std::string sql = "SELECT " + UserColumns("u") +
                                 ", m.role FROM memberships m JOIN users u ON u.id = m.user_id "
                                 "WHERE m.organisation_id = ? ORDER BY u.seq";
  ConnectionPool::Lease lease = pool_.Acquire();
  Statement st = lease->Prepare(sql);
  st.Bind(org_id);
  std::vector<std::pair<core::User, core::Role>> list;
  while (st.Step()) {
    const auto role = core::ParseRole(st.TextView(kUserColumnCount));
    list.emplace_back(ReadUser(st), role.value_or(core::Role::kViewer));
  }
  return list;
}

std::optional<core::User> SqliteStore::CheckPassword(const std::string& email,
                                                     const std::string& password) {
  static const std::string sql =
      "SELECT " + UserColumns("u") + ", u.password_hash FROM users u WHERE u.email = ?";
  std::optional<core::User> user;
  std::optional<std::string> hash;
  if (!email.empty()) {
    ConnectionPool::Lease lease = pool_.Acquire();  // returned before the slow verification
    Statement st = lease->Prepare(sql);
    st.Bind(email);
    if (st.Step()) {
      user = ReadUser(st);
      hash = st.OptText(kUserColumnCount);
    }
  }
  if (!user || !hash) {
    VerifyAgainstDummy(password);
    return std::nullopt;
  }
  if (!PasswordMatches(*hash, password)) return std::nullopt;
  return user;
}

std::optional<core::Role> SqliteStore::RoleOf(const std::string& org_id,
                                              const std::string& user_id) {
  ConnectionPool::Lease lease = pool_.Acquire();
  return FindRole(*lease, org_id, user_id);
}

}  // namespace craft::store::sqlite
