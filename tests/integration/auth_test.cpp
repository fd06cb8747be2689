// Authentication and tenancy (issue 2): 401 without or with a bad, expired or revoked key; 403
// without the scope; another organisation's resources answer 404 exactly like missing ones.

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "craft_server.h"

namespace craft::testing {
namespace {

using nlohmann::json;

void ExpectStatus(const Reply& r, int status) {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.content_type, "application/problem+json") << r.body;
}

std::string CreateKey(Api& api, const json& scopes, const json& expires = nullptr) {
  json body = {{"name", "test key"}, {"scopes", scopes}};
  if (!expires.is_null()) body["expires_at"] = expires;
  auto r = api.Post("/api/v1/api-keys", body);
  EXPECT_EQ(r.status, 201) << r.body;
  return r.json.value("secret", "");
}

TEST(Auth, MissingMalformedAndUnknownKeysAre401) {
  CraftServer server;
  auto client = server.Client();
  auto none = client.Get("/api/v1/products");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 401);
  EXPECT_EQ(none->get_header_value("Content-Type"), "application/problem+json");
  Api basic(server, "");
  auto r = client.Get("/api/v1/products", {{"Authorization", "Basic dXNlcjpwYXNz"}});
  EXPECT_EQ(r->status, 401);
  ExpectStatus(Api(server, "not-a-craft-key").Get("/api/v1/products"), 401);
  ExpectStatus(Api(server, "craft_" + std::string(40, 'A')).Get("/api/v1/products"), 401);
  EXPECT_EQ(client.Get("/healthz")->status, 200) << "probes need no key";
  EXPECT_EQ(client.Get("/readyz")->status, 200);
}

TEST(Auth, KeysAreShownOnceStoredHashedAndRevocable) {
  CraftServer server;
  Api owner(server, server.owner_key());
  const std::string secret = CreateKey(owner, {"product:read"});
  ASSERT_EQ(secret.rfind("craft_", 0), 0u);
  Api reader(server, secret);
  EXPECT_EQ(reader.Get("/api/v1/products").status, 200);
  auto keys = owner.Get("/api/v1/api-keys");
  ASSERT_EQ(keys.status, 200);
  std::string key_id;
  for (const auto& k : keys.json["items"]) {
    EXPECT_FALSE(k.contains("secret")) << "secrets are never listed";
    if (k["name"] == "test key") key_id = k["id"];
  }
  ASSERT_FALSE(key_id.empty());
  EXPECT_EQ(owner.Delete("/api/v1/api-keys/" + key_id).status, 204);
  auto revoked = reader.Get("/api/v1/products");
  ExpectStatus(revoked, 401);
  EXPECT_NE(revoked.json["detail"].get<std::string>().find("revoked"), std::string::npos);
}

TEST(Auth, ExpiredKeyIs401) {
  CraftServer server;
  Api owner(server, server.owner_key());
  const auto soon = std::chrono::system_clock::now() + std::chrono::seconds(2);
  const std::time_t t = std::chrono::system_clock::to_time_t(soon);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  Api shortlived(server, CreateKey(owner, {"product:read"}, buf));
  EXPECT_EQ(shortlived.Get("/api/v1/products").status, 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(3100));
  auto expired = shortlived.Get("/api/v1/products");
  ExpectStatus(expired, 401);
  EXPECT_NE(expired.json["detail"].get<std::string>().find("expired"), std::string::npos);
  auto past = owner.Post(
      "/api/v1/api-keys",
      {{"name", "x"}, {"scopes", {"product:read"}}, {"expires_at", "2001-01-01T00:00:00Z"}});
  EXPECT_EQ(past.status, 422);
}

TEST(Auth, UnderScopedKeyIs403) {
  CraftServer server;
  Api owner(server, server.owner_key());
  Api reader(server, CreateKey(owner, {"product:read", "version:read"}));
  ExpectStatus(reader.Post("/api/v1/products", {{"name", "nope"}}), 403);
  ExpectStatus(reader.Patch("/api/v1/organisation", {{"legal_name", "x"}}), 403);
  ExpectStatus(reader.Get("/api/v1/audit"), 403);
  ExpectStatus(reader.Get("/api/v1/users"), 403);
  // A key cannot grant more than it holds.
  auto escalate = reader.Post("/api/v1/api-keys", {{"name", "x"}, {"scopes", {"product:write"}}});
  EXPECT_EQ(escalate.status, 422) << escalate.body;
  auto unknown = owner.Post("/api/v1/api-keys", {{"name", "x"}, {"scopes", {"everything"}}});
  EXPECT_EQ(unknown.status, 422);
  Api writer(server, CreateKey(owner, {"product:write"}));
  EXPECT_EQ(writer.Post("/api/v1/products", {{"name", "yes"}}).status, 201);
  EXPECT_EQ(writer.Get("/api/v1/products").status, 200) << "write implies read";
}

// A viewer's key may hold only read scopes, whatever the key says.
TEST(Auth, RoleCapsScopes) {
  CraftServer server;
  Api owner(server, server.owner_key());
  auto user = owner.Post("/api/v1/users", {{"email", "viewer@acme.example"},
                                           {"name", "Vi"},
                                           {"role", "viewer"},
                                           {"password", "correct horse battery"}});
  ASSERT_EQ(user.status, 201) << user.body;
  EXPECT_EQ(user.json["role"], "viewer");
  EXPECT_FALSE(user.json.contains("password"));
  auto users = owner.Get("/api/v1/users");
  EXPECT_EQ(users.json["items"].size(), 2u);
}

// Every route answered with another organisation's key: 404, exactly like a missing resource.
TEST(Auth, OtherOrganisationsResourcesAre404) {
  CraftServer server;
  Api mine(server, server.owner_key());
  auto created = RunCraft({"admin", "org", "create", "Other GmbH", "--data", server.data_dir()});
  ASSERT_EQ(created.exit_code, 0) << created.output;
  const auto at = created.output.find("CRAFT_API_KEY=");
  ASSERT_NE(at, std::string::npos);
  Api theirs(server, created.output.substr(at + 14, created.output.find('\n', at) - at - 14));

  const std::string product = mine.Post("/api/v1/products", {{"name", "Mine"}}).json["id"];
  const std::string version =
      mine.Post("/api/v1/products/" + product + "/versions", {{"version", "1"}}).json["id"];
  const std::string doc = mine.Upload(version, "test_report", "t.pdf", "secret").json["id"];
  auto keys = mine.Get("/api/v1/api-keys");
  const std::string key_id = keys.json["items"][0]["id"];

  ExpectStatus(theirs.Get("/api/v1/products/" + product), 404);
  ExpectStatus(theirs.Patch("/api/v1/products/" + product, {{"name", "stolen"}}), 404);
  ExpectStatus(theirs.Delete("/api/v1/products/" + product), 404);
  ExpectStatus(theirs.Get("/api/v1/products/" + product + "/versions"), 404);
  ExpectStatus(theirs.Post("/api/v1/products/" + product + "/versions", {{"version", "2"}}), 404);
  ExpectStatus(theirs.Get("/api/v1/versions/" + version), 404);
  ExpectStatus(theirs.Patch("/api/v1/versions/" + version, {{"secure_by_default", true}}), 404);
  ExpectStatus(theirs.Delete("/api/v1/versions/" + version), 404);
  ExpectStatus(theirs.Get("/api/v1/versions/" + version + "/status"), 404);
  ExpectStatus(theirs.Get("/api/v1/versions/" + version + "/documents"), 404);
  ExpectStatus(theirs.Upload(version, "test_report", "x.pdf", "x"), 404);
  ExpectStatus(theirs.Get("/api/v1/documents/" + doc), 404);
  ExpectStatus(theirs.Get("/api/v1/documents/" + doc + "/content"), 404);
  ExpectStatus(theirs.Delete("/api/v1/documents/" + doc), 404);
  ExpectStatus(theirs.Delete("/api/v1/api-keys/" + key_id), 404);
  auto missing = mine.Get("/api/v1/products/00000000-0000-7000-8000-000000000000");
  auto foreign = theirs.Get("/api/v1/products/" + product);
  EXPECT_EQ(foreign.json["title"], missing.json["title"]);
  // Their lists and audit show nothing of mine.
  EXPECT_TRUE(theirs.Get("/api/v1/products").json["items"].empty());
  for (const auto& e : theirs.Get("/api/v1/audit").json["items"]) {
    EXPECT_NE(e["entity_id"], product);
  }
  EXPECT_EQ(mine.Get("/api/v1/products/" + product).json["name"], "Mine") << "nothing changed";
}

}  // namespace
}  // namespace craft::testing
