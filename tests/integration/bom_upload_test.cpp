// The Dependency-Track-compatible upload (issue 3) against a real `craft serve`: PUT /api/v1/bom
// with a base64 SBOM, POST multipart, the project mapping (project = version id; projectName +
// projectVersion = product + version, autoCreate), the token endpoints, X-Api-Key, bad input and
// tenancy.

#include <gtest/gtest.h>

#include "craft_server.h"

namespace craft::testing {
namespace {

using nlohmann::json;

const std::string kCorpora = CRAFT_CORPORA;

std::string Sbom() {
  return ReadFile(kCorpora + "/sbomqs/testdata/fixtures/cdx-perfect-score.json");
}

std::string Base64(const std::string& bytes) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const auto n = (static_cast<unsigned char>(bytes[i]) << 16) |
                   (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                   static_cast<unsigned char>(bytes[i + 2]);
    for (int shift : {18, 12, 6, 0}) out += kAlphabet[(n >> shift) & 63];
  }
  if (i + 1 == bytes.size()) {
    const auto n = static_cast<unsigned char>(bytes[i]) << 16;
    out += std::string{kAlphabet[(n >> 18) & 63], kAlphabet[(n >> 12) & 63], '=', '='};
  } else if (i + 2 == bytes.size()) {
    const auto n = (static_cast<unsigned char>(bytes[i]) << 16) |
                   (static_cast<unsigned char>(bytes[i + 1]) << 8);
    out +=
        std::string{kAlphabet[(n >> 18) & 63], kAlphabet[(n >> 12) & 63], kAlphabet[(n >> 6) & 63]};
    out += '=';
  }
  return out;
}

// A Dependency-Track client: the key in X-Api-Key.
class DtClient {
 public:
  DtClient(const CraftServer& server, std::string key)
      : client_(server.Client()), key_(std::move(key)) {}
  Reply Put(const json& body) { return PutText(body.dump(), "application/json"); }
  Reply PutText(const std::string& body, const std::string& type) {
    return ToReply(client_.Put("/api/v1/bom", Headers(), body, type.c_str()));
  }
  Reply PostForm(const httplib::MultipartFormDataItems& items) {
    return ToReply(client_.Post("/api/v1/bom", Headers(), items));
  }
  Reply PostJson(const json& body) {
    return ToReply(client_.Post("/api/v1/bom", Headers(), body.dump(), "application/json"));
  }
  Reply Get(const std::string& path) { return ToReply(client_.Get(path.c_str(), Headers())); }

 private:
  httplib::Headers Headers() const {
    if (key_.empty()) return {};
    return {{"X-Api-Key", key_}};
  }
  httplib::Client client_;
  std::string key_;
};

void ExpectProblem(const Reply& r, int status) {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.content_type, "application/problem+json") << r.body;
}

// The products of that name and, for each, its versions.
json ProductsNamed(Api& api, const std::string& name) {
  json out = json::array();
  const Reply products = api.Get("/api/v1/products?limit=500");
  for (const auto& p : products.json["items"]) {
    if (p["name"] != name) continue;
    json versions =
        api.Get("/api/v1/products/" + p["id"].get<std::string>() + "/versions").json["items"];
    out.push_back({{"product", p}, {"versions", versions}});
  }
  return out;
}

std::string VersionOf(Api& api, const std::string& name, const std::string& version) {
  auto product = api.Post("/api/v1/products", {{"name", name}});
  EXPECT_EQ(product.status, 201) << product.body;
  auto v = api.Post("/api/v1/products/" + product.json["id"].get<std::string>() + "/versions",
                    {{"version", version}});
  EXPECT_EQ(v.status, 201) << v.body;
  return v.json.value("id", "");
}

std::string OtherOrganisationKey(const CraftServer& server) {
  auto created = RunCraft({"admin", "org", "create", "Other GmbH", "--data", server.data_dir()});
  EXPECT_EQ(created.exit_code, 0) << created.output;
  const auto at = created.output.find("CRAFT_API_KEY=");
  if (at == std::string::npos) return "";
  return created.output.substr(at + 14, created.output.find('\n', at) - at - 14);
}

TEST(BomUpload, PutWithAutoCreateCreatesProductAndVersionAndStoresTheSbom) {
  CraftServer server;
  Api api(server, server.owner_key());
  DtClient dt(server, server.owner_key());
  const std::string bytes = Sbom();
  auto r = dt.Put({{"projectName", "Demo Gateway"},
                   {"projectVersion", "2.1.0"},
                   {"autoCreate", true},
                   {"bom", Base64(bytes)},
                   {"parentName", "ignored"},
                   {"projectTags", json::array({{{"name", "ci"}}})}});
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string token = r.json["token"];
  const json found = ProductsNamed(api, "Demo Gateway");
  ASSERT_EQ(found.size(), 1u) << found.dump();
  EXPECT_EQ(found[0]["product"]["category"], "default");
  ASSERT_EQ(found[0]["versions"].size(), 1u);
  EXPECT_EQ(found[0]["versions"][0]["version"], "2.1.0");
  const std::string version_id = found[0]["versions"][0]["id"];
  EXPECT_EQ(r.json["version_id"], version_id);
  auto sboms = api.Get("/api/v1/versions/" + version_id + "/sboms");
  ASSERT_EQ(sboms.json["items"].size(), 1u) << sboms.body;
  EXPECT_EQ(sboms.json["items"][0]["id"], token) << "the token is the stored SBOM's id";
  EXPECT_EQ(sboms.json["items"][0]["sha256"], Sha256Hex(bytes));
  EXPECT_EQ(api.Get("/api/v1/sboms/" + token + "/content").body, bytes);

  // The next upload of the same project goes to the same version; nothing else is created.
  auto again = dt.Put({{"projectName", " Demo Gateway "},
                       {"projectVersion", "2.1.0"},
                       {"autoCreate", "false"},
                       {"bom", Base64(bytes)}});
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json["version_id"], version_id);
  EXPECT_EQ(ProductsNamed(api, "Demo Gateway").size(), 1u);
  EXPECT_EQ(api.Get("/api/v1/versions/" + version_id + "/sboms").json["items"].size(), 2u);
  // A new version of an existing product is added to it.
  auto next = dt.Put({{"projectName", "Demo Gateway"},
                      {"projectVersion", "2.2.0"},
                      {"autoCreate", "true"},
                      {"bom", Base64(bytes)}});
  ASSERT_EQ(next.status, 200) << next.body;
  EXPECT_EQ(ProductsNamed(api, "Demo Gateway")[0]["versions"].size(), 2u);
}

TEST(BomUpload, PutWithProjectUuidNamesACraftVersion) {
  CraftServer server;
  Api api(server, server.owner_key());
  DtClient dt(server, server.owner_key());
  const std::string version_id = VersionOf(api, "Router", "1.0");
  const std::string bytes = Sbom();
  auto r = dt.Put({{"project", version_id}, {"bom", Base64(bytes)}, {"projectName", nullptr}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto sbom = api.Get("/api/v1/sboms/" + r.json["token"].get<std::string>());
  ASSERT_EQ(sbom.status, 200) << sbom.body;
  EXPECT_EQ(sbom.json["version_id"], version_id);
  auto unknown = dt.Put({{"project", "00000000-0000-7000-8000-000000000000"},
                         {"autoCreate", true},
                         {"bom", Base64(bytes)}});
  ExpectProblem(unknown, 404);
}

TEST(BomUpload, PostMultipartAsDependencyTrackClientsSendIt) {
  CraftServer server;
  Api api(server, server.owner_key());
  DtClient dt(server, server.owner_key());
  const std::string bytes = Sbom();
  auto r = dt.PostForm({{"projectName", "Sensor", "", ""},
                        {"projectVersion", "3.0", "", ""},
                        {"autoCreate", "true", "", ""},
                        {"bom", bytes, "bom.json", "application/vnd.cyclonedx+json"}});
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string token = r.json["token"];
  const json found = ProductsNamed(api, "Sensor");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]["versions"][0]["version"], "3.0");
  EXPECT_EQ(api.Get("/api/v1/sboms/" + token + "/content").body, bytes);
  // project = version id, in a form.
  auto by_id = dt.PostForm({{"project", r.json["version_id"].get<std::string>(), "", ""},
                            {"bom", bytes, "bom.json", "application/json"}});
  ASSERT_EQ(by_id.status, 200) << by_id.body;
  EXPECT_EQ(by_id.json["version_id"], r.json["version_id"]);
  // cdxgen retries a PUT answered 405 as a POST with the same JSON body.
  auto json_post =
      dt.PostJson({{"projectName", "Sensor"}, {"projectVersion", "3.0"}, {"bom", Base64(bytes)}});
  ASSERT_EQ(json_post.status, 200) << json_post.body;
  EXPECT_EQ(json_post.json["version_id"], r.json["version_id"]);
}

TEST(BomUpload, UnknownProjectWithoutAutoCreateIs404AndCreatesNothing) {
  CraftServer server;
  Api api(server, server.owner_key());
  DtClient dt(server, server.owner_key());
  const std::string bytes = Sbom();
  ExpectProblem(dt.Put({{"projectName", "Ghost"}, {"projectVersion", "1"}, {"bom", Base64(bytes)}}),
                404);
  ExpectProblem(dt.Put({{"projectName", "Ghost"},
                        {"projectVersion", "1"},
                        {"autoCreate", false},
                        {"bom", Base64(bytes)}}),
                404);
  ExpectProblem(dt.PostForm({{"projectName", "Ghost", "", ""},
                             {"projectVersion", "1", "", ""},
                             {"bom", bytes, "bom.json", "application/json"}}),
                404);
  // The product exists, its version does not.
  VersionOf(api, "Known", "1.0");
  ExpectProblem(
      dt.Put({{"projectName", "Known"}, {"projectVersion", "9.9"}, {"bom", Base64(bytes)}}), 404);
  EXPECT_TRUE(ProductsNamed(api, "Ghost").empty());
  EXPECT_EQ(ProductsNamed(api, "Known")[0]["versions"].size(), 1u);
}

TEST(BomUpload, BadInputIsRefusedWithAProblem) {
  CraftServer server;
  Api api(server, server.owner_key());
  DtClient dt(server, server.owner_key());
  const json target = {{"projectName", "P"}, {"projectVersion", "1"}, {"autoCreate", true}};
  json bad = target;
  bad["bom"] = "eyJib21Gb3JtYXQiOi%%%";
  auto r = dt.Put(bad);
  ExpectProblem(r, 400);
  EXPECT_NE(r.json["detail"].get<std::string>().find("base64"), std::string::npos) << r.body;
  EXPECT_EQ(r.json["errors"][0]["pointer"], "/bom");
  bad["bom"] = "abcde";  // a lone final character
  ExpectProblem(dt.Put(bad), 400);
  auto malformed = dt.PutText("{\"projectName\": \"P\",\n \"bom\": }", "application/json");
  ExpectProblem(malformed, 400);
  EXPECT_NE(malformed.json["detail"].get<std::string>().find("2:"), std::string::npos)
      << malformed.body;
  ExpectProblem(dt.PutText("{}", "text/plain"), 415);
  ExpectProblem(dt.Put({{"bom", Base64(Sbom())}}), 422);                        // no project named
  ExpectProblem(dt.Put({{"projectName", "P"}, {"projectVersion", "1"}}), 422);  // no bom
  json maybe = target;
  maybe["autoCreate"] = "maybe";
  maybe["bom"] = Base64(Sbom());
  ExpectProblem(dt.Put(maybe), 422);
  // Not an SBOM: refused before anything is created.
  json hello = target;
  hello["bom"] = Base64("hello, world");
  ExpectProblem(dt.Put(hello), 422);
  EXPECT_TRUE(ProductsNamed(api, "P").empty());
}

TEST(BomUpload, TokenEndpointsSayProcessingFalse) {
  CraftServer server;
  DtClient dt(server, server.owner_key());
  auto r = dt.Put({{"projectName", "T"},
                   {"projectVersion", "1"},
                   {"autoCreate", true},
                   {"bom", Base64(Sbom())}});
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string token = r.json["token"];
  for (const std::string prefix : {"/api/v1/bom/token/", "/api/v1/event/token/"}) {
    auto known = dt.Get(prefix + token);
    ASSERT_EQ(known.status, 200) << known.body;
    EXPECT_EQ(known.json, json({{"processing", false}}));
    // Dependency-Track answers the same for a token it does not know.
    auto unknown = dt.Get(prefix + "00000000-0000-4000-8000-000000000000");
    EXPECT_EQ(unknown.status, 200);
    EXPECT_EQ(unknown.json, json({{"processing", false}}));
    ExpectProblem(dt.Get(prefix + "not-a-uuid"), 400);
    ExpectProblem(DtClient(server, "").Get(prefix + token), 401);
  }
}

TEST(BomUpload, AnotherOrganisationCannotUploadIntoThisOrganisationsVersion) {
  CraftServer server;
  Api mine(server, server.owner_key());
  const std::string version_id = VersionOf(mine, "Mine", "1.0");
  DtClient theirs(server, OtherOrganisationKey(server));
  const std::string bytes = Sbom();
  ExpectProblem(theirs.Put({{"project", version_id}, {"bom", Base64(bytes)}}), 404);
  ExpectProblem(theirs.PostForm({{"project", version_id, "", ""},
                                 {"bom", bytes, "bom.json", "application/json"}}),
                404);
  // By name they reach only their own products: autoCreate makes one in their organisation.
  auto own = theirs.Put({{"projectName", "Mine"},
                         {"projectVersion", "1.0"},
                         {"autoCreate", true},
                         {"bom", Base64(bytes)}});
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_NE(own.json["version_id"], version_id);
  EXPECT_TRUE(mine.Get("/api/v1/versions/" + version_id + "/sboms").json["items"].empty());
  const std::string their_sbom = "/api/v1/sboms/" + own.json["token"].get<std::string>();
  EXPECT_EQ(theirs.Get(their_sbom + "/content").body, bytes);
  ExpectProblem(mine.Get(their_sbom), 404);
}

TEST(BomUpload, ScopesDecideWhatAnUploadMayCreate) {
  CraftServer server;
  Api owner(server, server.owner_key());
  VersionOf(owner, "Existing", "1.0");
  auto key = owner.Post("/api/v1/api-keys", {{"name", "ci"}, {"scopes", {"sbom:write"}}});
  ASSERT_EQ(key.status, 201) << key.body;
  DtClient ci(server, key.json["secret"]);
  const std::string bom = Base64(Sbom());
  EXPECT_EQ(ci.Put({{"projectName", "Existing"}, {"projectVersion", "1.0"}, {"bom", bom}}).status,
            200);
  ExpectProblem(ci.Put({{"projectName", "Existing"},
                        {"projectVersion", "2.0"},
                        {"autoCreate", true},
                        {"bom", bom}}),
                403);
  ExpectProblem(
      ci.Put(
          {{"projectName", "New"}, {"projectVersion", "1.0"}, {"autoCreate", true}, {"bom", bom}}),
      403);
  auto reader = owner.Post("/api/v1/api-keys", {{"name", "ro"}, {"scopes", {"sbom:read"}}});
  ExpectProblem(DtClient(server, reader.json["secret"])
                    .Put({{"projectName", "Existing"}, {"projectVersion", "1.0"}, {"bom", bom}}),
                403);
}

// X-Api-Key, as Dependency-Track's clients send it, works on every route like Bearer.
TEST(AuthXApiKey, ValidKeyIsAcceptedOnAnyRoute) {
  CraftServer server;
  Api api(server, server.owner_key());
  DtClient dt(server, server.owner_key());
  auto products = dt.Get("/api/v1/products");
  EXPECT_EQ(products.status, 200) << products.body;
  EXPECT_EQ(dt.Get("/api/v1/organisation").status, 200);
  // Authorization wins when both are sent.
  auto client = server.Client();
  auto both = client.Get("/api/v1/products", {{"Authorization", "Bearer craft_wrong"},
                                              {"X-Api-Key", server.owner_key()}});
  ASSERT_TRUE(both);
  EXPECT_EQ(both->status, 401);
}

TEST(AuthXApiKey, MissingOrInvalidKeyIs401) {
  CraftServer server;
  ExpectProblem(DtClient(server, "").Get("/api/v1/products"), 401);
  ExpectProblem(DtClient(server, "").Put({{"projectName", "P"}, {"projectVersion", "1"}}), 401);
  ExpectProblem(DtClient(server, "not-a-craft-key").Get("/api/v1/products"), 401);
  ExpectProblem(DtClient(server, "craft_" + std::string(40, 'A')).Get("/api/v1/products"), 401);
  ExpectProblem(DtClient(server, "craft_" + std::string(40, 'A'))
                    .Put({{"projectName", "P"}, {"projectVersion", "1"}, {"bom", "e30="}}),
                401);
}

}  // namespace
}  // namespace craft::testing
