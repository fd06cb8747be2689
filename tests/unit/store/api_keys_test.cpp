// API keys: secrets shown once and stored as SHA-256, lookup by secret, revocation, lists.
#include <gtest/gtest.h>

#include <set>

#include "store/ids.h"
#include "store_test_support.h"

namespace craft::store::testing {
namespace {

class ApiKeyTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    owner_ = NewOrganisation("Acme");
    org_ = owner_.key.organisation_id;
    member_ = store_->CreateUser(org_, "m@acme.example", "Member", "", core::Role::kMember, actor_);
  }

  CreatedApiKey MemberKey(const std::string& name,
                          std::vector<std::string> scopes = {"sbom:write"}) {
    return store_->CreateApiKey(org_, member_.id, name, scopes, std::nullopt, actor_);
  }

  CreatedApiKey owner_;
  std::string org_;
  core::User member_;
};

TEST_F(ApiKeyTest, SecretIsCraftPrefixAndFortyBase62Characters) {
  std::set<std::string> seen;
  for (int i = 0; i < 20; ++i) {
    const CreatedApiKey k = MemberKey("k" + std::to_string(i));
    ASSERT_EQ(k.secret.size(), 46u) << k.secret;
    EXPECT_EQ(k.secret.rfind("craft_", 0), 0u) << k.secret;
    EXPECT_EQ(k.secret.find_first_not_of("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmno"
                                         "pqrstuvwxyz",
                                         6),
              std::string::npos)
        << k.secret;
    EXPECT_EQ(k.key.prefix, k.secret.substr(0, 12));
    EXPECT_TRUE(seen.insert(k.secret).second);
  }
}

TEST_F(ApiKeyTest, OnlyTheSha256OfTheSecretIsStored) {
  const CreatedApiKey k = MemberKey("ci");
  RawDb raw(db_path());
  EXPECT_EQ(raw.Scalar("SELECT secret_sha256 FROM api_keys WHERE id = '" + k.key.id + "'"),
            core::Sha256Hex(k.secret));
  const std::string random_part = k.secret.substr(12);
  for (const char* table : {"api_keys", "audit_log"}) {
    const std::string dump = raw.Scalar(std::string("SELECT group_concat(") +
                                        (std::string(table) == "api_keys"
                                             ? "id || name || prefix || secret_sha256 || scopes"
                                             : "before_json || after_json") +
                                        ", '|') FROM " + table);
    EXPECT_FALSE(dump.empty()) << table;
    EXPECT_EQ(dump.find(random_part), std::string::npos) << table;
  }
}

TEST_F(ApiKeyTest, FindApiKeyResolvesTheSecretToKeyAndRole) {
  const CreatedApiKey k = MemberKey("ci", {"sbom:write", "export:read"});
  const auto principal = store_->FindApiKey(k.secret);
  ASSERT_TRUE(principal);
  EXPECT_EQ(principal->key.id, k.key.id);
  EXPECT_EQ(principal->key.organisation_id, org_);
  EXPECT_EQ(principal->key.user_id, member_.id);
  EXPECT_EQ(principal->key.scopes, (std::vector<std::string>{"sbom:write", "export:read"}));
  EXPECT_EQ(principal->role, core::Role::kMember);

  const auto owner = store_->FindApiKey(owner_.secret);
  ASSERT_TRUE(owner);
  EXPECT_EQ(owner->role, core::Role::kOwner);
}

TEST_F(ApiKeyTest, UnknownSecretsAreNotFound) {
  const CreatedApiKey k = MemberKey("ci");
  EXPECT_FALSE(store_->FindApiKey(""));
  EXPECT_FALSE(store_->FindApiKey("craft_"));
  EXPECT_FALSE(store_->FindApiKey(k.secret.substr(0, 45)));
  EXPECT_FALSE(store_->FindApiKey(k.secret + "x"));
  EXPECT_FALSE(store_->FindApiKey(core::Sha256Hex(k.secret)));  // the stored hash is no secret
}

TEST_F(ApiKeyTest, RevokedKeyIsStillFoundWithRevokedAt) {
  const CreatedApiKey k = MemberKey("ci");
  Advance(10);
  store_->RevokeApiKey(org_, k.key.id, actor_);
  const auto principal = store_->FindApiKey(k.secret);
  ASSERT_TRUE(principal);
  EXPECT_EQ(principal->key.revoked_at, kStartTime + 10);
  EXPECT_EQ(store_->GetApiKey(org_, k.key.id)->revoked_at, kStartTime + 10);

  Advance(10);  // revoking again changes nothing
  store_->RevokeApiKey(org_, k.key.id, actor_);
  EXPECT_EQ(store_->GetApiKey(org_, k.key.id)->revoked_at, kStartTime + 10);
}

TEST_F(ApiKeyTest, ExpiryIsStoredForTheCallerToCheck) {
  const CreatedApiKey k =
      store_->CreateApiKey(org_, member_.id, "short", {"sbom:read"}, kStartTime + 3600, actor_);
  EXPECT_EQ(k.key.expires_at, kStartTime + 3600);
  Advance(7200);
  const auto principal = store_->FindApiKey(k.secret);
  ASSERT_TRUE(principal);
  EXPECT_EQ(principal->key.expires_at, kStartTime + 3600);
}

TEST_F(ApiKeyTest, LastUsedAtIsWrittenAtMostOncePerMinute) {
  const CreatedApiKey k = MemberKey("ci");
  EXPECT_FALSE(store_->GetApiKey(org_, k.key.id)->last_used_at);
  store_->FindApiKey(k.secret);
  EXPECT_EQ(store_->GetApiKey(org_, k.key.id)->last_used_at, kStartTime);
  Advance(30);
  EXPECT_EQ(store_->FindApiKey(k.secret)->key.last_used_at, kStartTime);
  EXPECT_EQ(store_->GetApiKey(org_, k.key.id)->last_used_at, kStartTime);
  Advance(31);
  EXPECT_EQ(store_->FindApiKey(k.secret)->key.last_used_at, kStartTime + 61);
  EXPECT_EQ(store_->GetApiKey(org_, k.key.id)->last_used_at, kStartTime + 61);
}

// The stored time counts too: a restarted server does not write it again within the minute.
TEST_F(ApiKeyTest, LastUsedAtIsNotRewrittenWithinAMinuteAfterARestart) {
  const CreatedApiKey k = MemberKey("ci");
  store_->FindApiKey(k.secret);
  store_.reset();
  store_ = Open();
  Advance(30);
  EXPECT_EQ(store_->FindApiKey(k.secret)->key.last_used_at, kStartTime);
  EXPECT_EQ(store_->GetApiKey(org_, k.key.id)->last_used_at, kStartTime);
}

TEST_F(ApiKeyTest, LastUsedAtIsNotAudited) {
  const CreatedApiKey k = MemberKey("ci");
  const auto before = store_->ListAudit(org_, {500, ""}).items.size();
  for (int i = 0; i < 5; ++i) {
    store_->FindApiKey(k.secret);
    Advance(120);
  }
  EXPECT_EQ(store_->ListAudit(org_, {500, ""}).items.size(), before);
}

TEST_F(ApiKeyTest, ScopesMustBeKnownAndAllowedForTheRole) {
  EXPECT_EQ(ErrorKindOf([&] { MemberKey("bad", {"everything"}); }), StoreErrorKind::kInvalid);
  EXPECT_EQ(ErrorKindOf([&] { MemberKey("none", {}); }), StoreErrorKind::kInvalid);
  EXPECT_EQ(ErrorKindOf([&] { MemberKey("too much", {"admin"}); }), StoreErrorKind::kInvalid);
  const core::User viewer =
      store_->CreateUser(org_, "v@acme.example", "Viewer", "", core::Role::kViewer, actor_);
  EXPECT_EQ(ErrorKindOf([&] {
              store_->CreateApiKey(org_, viewer.id, "w", {"sbom:write"}, std::nullopt, actor_);
            }),
            StoreErrorKind::kInvalid);
  EXPECT_NO_THROW(store_->CreateApiKey(org_, viewer.id, "r", {"sbom:read"}, std::nullopt, actor_));
}

TEST_F(ApiKeyTest, KeyForANonMemberIsNotFound) {
  const CreatedApiKey other = NewOrganisation("Other");
  EXPECT_EQ(ErrorKindOf([&] {
              store_->CreateApiKey(org_, other.key.user_id, "x", {"sbom:read"}, std::nullopt,
                                   actor_);
            }),
            StoreErrorKind::kNotFound);
}

TEST_F(ApiKeyTest, ListApiKeysFiltersByUserAndPaginates) {
  for (int i = 0; i < 7; ++i) MemberKey("m" + std::to_string(i));
  const auto all = store_->ListApiKeys(org_, std::nullopt, {50, ""});
  EXPECT_EQ(all.items.size(), 8u);  // with the owner's key
  EXPECT_TRUE(all.next_cursor.empty());

  std::vector<std::string> names;
  PageRequest request{3, ""};
  int pages = 0;
  do {
    const auto page = store_->ListApiKeys(org_, member_.id, request);
    for (const auto& k : page.items) {
      EXPECT_EQ(k.user_id, member_.id);
      names.push_back(k.name);
    }
    request.cursor = page.next_cursor;
    ++pages;
  } while (!request.cursor.empty());
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(names, (std::vector<std::string>{"m0", "m1", "m2", "m3", "m4", "m5", "m6"}));
}

TEST_F(ApiKeyTest, RevokeOfAnUnknownKeyIsNotFound) {
  EXPECT_EQ(ErrorKindOf([&] { store_->RevokeApiKey(org_, NewUuid(), actor_); }),
            StoreErrorKind::kNotFound);
}

}  // namespace
}  // namespace craft::store::testing
