// API keys: creation (the secret is shown once, only its SHA-256 is kept), lookup by secret on
// every request, listing and revocation.
#include <openssl/rand.h>

#include "core/digest.h"
#include "core/scope.h"
#include "store/ids.h"
#include "store/model_json.h"
#include "store/sqlite/rows.h"
#include "store/sqlite/sqlite_store.h"

namespace craft::store::sqlite {
namespace {

constexpr std::string_view kSecretPrefix = "craft_";
constexpr std::size_t kSecretRandomChars = 40;  // base62: 40 * log2(62) = 238 bits
constexpr std::size_t kShownPrefixLength = 12;
constexpr std::int64_t kLastUsedResolution = 60;  // seconds between last_used_at writes

// "craft_" and 40 characters drawn uniformly from [0-9A-Za-z] (bytes >= 248 are drawn again, so
// every character is equally likely).
std::string NewSecret() {
  static constexpr std::string_view kBase62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  std::string secret(kSecretPrefix);
  unsigned char bytes[64];
  while (secret.size() < kSecretPrefix.size() + kSecretRandomChars) {
    if (RAND_bytes(bytes, sizeof bytes) != 1) {
      throw StoreError(StoreErrorKind::kUnavailable, "the random number generator failed");
    }
    for (unsigned char b : bytes) {
      if (b >= 248 || secret.size() == kSecretPrefix.size() + kSecretRandomChars) continue;
      secret += kBase62[b % 62];
    }
  }
  return secret;
}

void CheckScopes(const std::vector<std::string>& scopes, core::Role role) {
  Require(!scopes.empty(), "an API key needs at least one scope");
  for (const std::string& scope : scopes) {
    Require(core::IsKnownScope(scope), "unknown scope '" + scope + "'");
    Require(core::RoleAllowsScope(role, scope), "a user with the role " +
                                                    std::string(core::ToString(role)) +
                                                    " cannot hold the scope '" + scope + "'");
  }
}

}  // namespace

std::optional<core::ApiKey> SqliteStore::FindKey(Connection& c, const std::string& org_id,
                                                 const std::string& key_id) {
  static const std::string sql =
      "SELECT " + ApiKeyColumns("k") + " FROM api_keys k WHERE k.id = ? AND k.organisation_id = ?";
  Statement st = c.Prepare(sql);
  st.Bind(key_id).Bind(org_id);
  if (!st.Step()) return std::nullopt;
  return ReadApiKey(st);
}

CreatedApiKey SqliteStore::InsertApiKey(Connection& c, const std::string& org_id,
                                        const std::string& user_id, const std::string& name,
                                        const std::vector<std::string>& scopes,
                                        std::optional<std::int64_t> expires_at,
                                        const Actor& actor) {
  Require(!name.empty(), "an API key needs a name");
  const std::optional<core::Role> role = FindRole(c, org_id, user_id);
  if (!role) ThrowNotFound("user", user_id);
  CheckScopes(scopes, *role);
  CreatedApiKey created;
  created.secret = NewSecret();
  core::ApiKey& key = created.key;
  key.id = NewUuid();
  key.organisation_id = org_id;
  key.user_id = user_id;
  key.name = name;
  key.prefix = created.secret.substr(0, kShownPrefixLength);
  key.scopes = scopes;
  key.expires_at = expires_at;
  key.created_at = Now();
  c.Prepare(
       "INSERT INTO api_keys (id, organisation_id, user_id, name, prefix, secret_sha256, scopes, "
       "expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .Bind(key.id)
      .Bind(key.organisation_id)
      .Bind(key.user_id)
      .Bind(key.name)
      .Bind(key.prefix)
      .Bind(core::Sha256Hex(created.secret))
      .Bind(StringListToJson(key.scopes))
      .Bind(key.expires_at)
      .Bind(key.created_at)
      .Run();
  AppendAudit(c, actor, {org_id, "api_key.create", "api_key", key.id, "", ToJson(key).dump()});
  return created;
}

CreatedApiKey SqliteStore::CreateApiKey(const std::string& org_id, const std::string& user_id,
                                        const std::string& name,
                                        const std::vector<std::string>& scopes,
                                        std::optional<std::int64_t> expires_at,
                                        const Actor& actor) {
  return Write([&](Connection& c) {
    if (!FindOrganisation(c, org_id)) ThrowNotFound("organisation", org_id);
    return InsertApiKey(c, org_id, user_id, name, scopes, expires_at, actor);
  });
}

std::optional<Principal> SqliteStore::FindApiKey(const std::string& secret) {
  static const std::string sql =
      "SELECT " + ApiKeyColumns("k") +
      ", m.role FROM api_keys k JOIN memberships m "
      "ON m.user_id = k.user_id AND m.organisation_id = k.organisation_id "
      "WHERE k.secret_sha256 = ?";
  const std::string digest = core::Sha256Hex(secret);
  std::optional<Principal> principal =
      Cached<Principal>(CacheKey("api_key", "", digest), [&]() -> std::optional<Principal> {
        ConnectionPool::Lease lease = pool_.Acquire();
        Statement st = lease->Prepare(sql);
        st.Bind(digest);
        if (!st.Step()) return std::nullopt;
        const auto role = core::ParseRole(st.TextView(kApiKeyColumnCount));
        if (!role) return std::nullopt;
        return Principal{ReadApiKey(st), *role};
      });
  if (principal) TouchApiKey(principal->key);
  return principal;
}

void SqliteStore::TouchApiKey(core::ApiKey& key) {
  const std::int64_t now = Now();
  if (key.last_used_at && now - *key.last_used_at < kLastUsedResolution) return;
  {
    std::lock_guard lock(touch_mutex_);
    auto [it, fresh] = touched_.try_emplace(key.id, now);
    if (!fresh) {
      if (now - it->second < kLastUsedResolution) {
        key.last_used_at = it->second;  // written (or being written) by another request
        return;
      }
      it->second = now;
    }
  }
  try {
    Write([&](Connection& c) {
      c.Prepare("UPDATE api_keys SET last_used_at = ? WHERE id = ?").Bind(now).Bind(key.id).Run();
    });
    key.last_used_at = now;
  } catch (const StoreError&) {
    // Best effort: a busy database must not fail the request that presented the key.
  }
}

Page<core::ApiKey> SqliteStore::ListApiKeys(const std::string& org_id,
                                            const std::optional<std::string>& user_id,
                                            const PageRequest& page) {
  static const std::string all = "SELECT " + ApiKeyColumns("k") +
                                 " FROM api_keys k WHERE k.organisation_id = ? AND k.seq > ? "
                                 "ORDER BY k.seq LIMIT ?";
  static const std::string of_user = "SELECT " + ApiKeyColumns("k") +
                                     " FROM api_keys k WHERE k.user_id = ? AND "
                                     "k.organisation_id = ? AND k.seq > ? ORDER BY k.seq LIMIT ?";
  const int limit = ClampLimit(page.limit);
  const std::int64_t after = DecodeCursor(page.cursor);
  ConnectionPool::Lease lease = pool_.Acquire();
  Statement st = lease->Prepare(user_id ? of_user : all);
  if (user_id) st.Bind(*user_id);
  st.Bind(org_id).Bind(after).Bind(limit + 1);
  return ReadPage<core::ApiKey>(st, limit, ReadApiKey);
}

std::optional<core::ApiKey> SqliteStore::GetApiKey(const std::string& org_id,
                                                   const std::string& key_id) {
  ConnectionPool::Lease lease = pool_.Acquire();
  return FindKey(*lease, org_id, key_id);
}

void SqliteStore::RevokeApiKey(const std::string& org_id, const std::string& key_id,
                               const Actor& actor) {
  Write([&](Connection& c) {
    const std::optional<core::ApiKey> before = FindKey(c, org_id, key_id);
    if (!before) ThrowNotFound("API key", key_id);
    if (before->revoked_at) return;  // already revoked: nothing changes, nothing to record
    core::ApiKey after = *before;
    after.revoked_at = Now();
    c.Prepare("UPDATE api_keys SET revoked_at = ? WHERE id = ?")
        .Bind(after.revoked_at)
        .Bind(key_id)
        .Run();
    AppendAudit(c, actor,
                {org_id, "api_key.revoke", "api_key", key_id, ToJson(*before).dump(),
                 ToJson(after).dump()});
  });
}

}  // namespace craft::store::sqlite
