// Bad input gets a precise problem+json with the right status and loses nothing (issue 2).

#include <gtest/gtest.h>

#include <set>

#include "craft_server.h"

namespace craft::testing {
namespace {

using nlohmann::json;

class BadInput : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new CraftServer({"--json-limit", "4096"}); }
  static void TearDownTestSuite() { delete server_; }
  Api api() { return Api(*server_, server_->owner_key()); }
  std::string NewVersion() {
    Api a = api();
    const std::string p =
        a.Post("/api/v1/products", {{"name", "P " + std::to_string(counter_++)}}).json["id"];
    return a.Post("/api/v1/products/" + p + "/versions", {{"version", "1"}}).json["id"];
  }
  static CraftServer* server_;
  static int counter_;
};
CraftServer* BadInput::server_ = nullptr;
int BadInput::counter_ = 0;

void ExpectProblem(const Reply& r, int status, const std::string& pointer = "") {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.content_type, "application/problem+json") << r.body;
  EXPECT_EQ(r.json["status"], status);
  EXPECT_TRUE(r.json["detail"].is_string());
  if (!pointer.empty()) {
    bool found = false;
    for (const auto& e : r.json["errors"]) found |= e["pointer"] == pointer;
    EXPECT_TRUE(found) << "no error at " << pointer << ": " << r.body;
  }
}

TEST_F(BadInput, MalformedJsonNamesLineAndColumn) {
  auto r =
      api().Raw("POST", "/api/v1/products", "{\n  \"name\": \"x\",\n  oops\n}", "application/json");
  ExpectProblem(r, 400);
  EXPECT_NE(r.json["detail"].get<std::string>().find("3:3"), std::string::npos) << r.body;
}

TEST_F(BadInput, NotAnObject) {
  ExpectProblem(api().Raw("POST", "/api/v1/products", "[1]", "application/json"), 422);
}

TEST_F(BadInput, WrongContentType) {
  ExpectProblem(
      api().Raw("POST", "/api/v1/products", "name=x", "application/x-www-form-urlencoded"), 415);
}

TEST_F(BadInput, WrongTypes) {
  auto r = api().Post("/api/v1/products",
                      {{"name", 42}, {"open_source", "yes"}, {"target_markets", "DE"}});
  ExpectProblem(r, 422, "/name");
  ExpectProblem(r, 422, "/open_source");
  ExpectProblem(r, 422, "/target_markets");
}

TEST_F(BadInput, UnknownEnumValues) {
  auto r = api().Post("/api/v1/products",
                      {{"name", "x"}, {"category", "very_important"}, {"cra_role", "seller"}});
  ExpectProblem(r, 422, "/category");
  ExpectProblem(r, 422, "/cra_role");
  EXPECT_NE(r.body.find("important_class_i"), std::string::npos) << "lists the allowed values";
  auto sub = api().Post("/api/v1/products",
                        {{"name", "x"}, {"category", "critical"}, {"subcategory", "browsers"}});
  ExpectProblem(sub, 422, "/subcategory");
  auto market = api().Post("/api/v1/products", {{"name", "x"}, {"target_markets", {"DE", "US"}}});
  ExpectProblem(market, 422, "/target_markets/1");
}

TEST_F(BadInput, MissingAndUnknownFields) {
  ExpectProblem(api().Post("/api/v1/products", {{"description", "no name"}}), 422, "/name");
  ExpectProblem(api().Post("/api/v1/products", {{"name", "x"}, {"colour", "red"}}), 422, "/colour");
}

TEST_F(BadInput, VersionFieldsAreChecked) {
  const std::string v = NewVersion();
  auto r = api().Patch("/api/v1/versions/" + v,
                       {{"release_date", "2027-02-30"},
                        {"conformity_assessment_type", "module_z"},
                        {"ce_marking", {{"applied", "yes"}}},
                        {"harmonised_standards_applied", {{{"title", "no ref"}}}}});
  ExpectProblem(r, 422, "/release_date");
  ExpectProblem(r, 422, "/conformity_assessment_type");
  ExpectProblem(r, 422, "/ce_marking/applied");
  ExpectProblem(r, 422, "/harmonised_standards_applied/0/reference");
  auto unchanged = api().Get("/api/v1/versions/" + v);
  EXPECT_TRUE(unchanged.json["release_date"].is_null()) << "a refused change changes nothing";
}

TEST_F(BadInput, OversizedJsonBodyIs413WithTheLimit) {
  const std::string big = json{{"name", "x"}, {"description", std::string(10000, 'a')}}.dump();
  auto r = api().Raw("POST", "/api/v1/products", big, "application/json");
  ExpectProblem(r, 413);
  EXPECT_NE(r.json["detail"].get<std::string>().find("4096"), std::string::npos) << r.body;
}

TEST_F(BadInput, DeepJsonIsRefused) {
  const std::string deep = "{\"name\":" + std::string(200, '[') + std::string(200, ']') + "}";
  ExpectProblem(api().Raw("POST", "/api/v1/products", deep, "application/json"), 400);
}

TEST_F(BadInput, FileNamesWithPathsOrNulAreRefused) {
  const std::string v = NewVersion();
  ExpectProblem(api().Upload(v, "test_report", "../../etc/passwd", "x"), 422, "/file");
  ExpectProblem(api().Upload(v, "test_report", std::string("a\0b.pdf", 7), "x"), 422, "/file");
  ExpectProblem(api().Upload(v, "test_report", "..", "x"), 422, "/file");
  ExpectProblem(api().Upload(v, "test_report", "dir\\file.pdf", "x"), 422, "/file");
  ExpectProblem(api().Upload(v, "not_a_type", "ok.pdf", "x"), 422, "/type");
  auto list = api().Get("/api/v1/versions/" + v + "/documents");
  EXPECT_TRUE(list.json["items"].empty()) << "nothing half-written is listed";
}

TEST_F(BadInput, UploadWithoutMultipartIs415) {
  const std::string v = NewVersion();
  ExpectProblem(api().Raw("POST", "/api/v1/versions/" + v + "/documents", "{}", "application/json"),
                415);
}

TEST_F(BadInput, UnknownIdsAre404) {
  ExpectProblem(api().Get("/api/v1/products/00000000-0000-7000-8000-000000000000"), 404);
  ExpectProblem(api().Get("/api/v1/versions/not-a-uuid"), 404);
  ExpectProblem(api().Get("/api/v1/nothing-here"), 404);
}

TEST_F(BadInput, BadPagination) {
  ExpectProblem(api().Get("/api/v1/products?limit=0"), 400);
  ExpectProblem(api().Get("/api/v1/products?limit=abc"), 400);
  ExpectProblem(api().Get("/api/v1/products?cursor=bogus!!"), 422);
}

TEST_F(BadInput, DuplicateSlugIs409) {
  ASSERT_EQ(api().Post("/api/v1/products", {{"name", "Twin"}, {"slug", "twin"}}).status, 201);
  ExpectProblem(api().Post("/api/v1/products", {{"name", "Twin 2"}, {"slug", "twin"}}), 409);
  ExpectProblem(api().Post("/api/v1/products", {{"name", "Bad slug"}, {"slug", "Not A Slug"}}), 422,
                "/slug");
}

// Cursor pagination walks every product exactly once.
TEST_F(BadInput, PaginationCoversEverything) {
  CraftServer fresh;
  Api a(fresh, fresh.owner_key());
  for (int i = 0; i < 23; ++i)
    ASSERT_EQ(a.Post("/api/v1/products", {{"name", "P" + std::to_string(i)}}).status, 201);
  std::set<std::string> seen;
  std::string cursor;
  int pages = 0;
  do {
    auto page = a.Get("/api/v1/products?limit=10" + (cursor.empty() ? "" : "&cursor=" + cursor));
    ASSERT_EQ(page.status, 200) << page.body;
    for (const auto& p : page.json["items"]) EXPECT_TRUE(seen.insert(p["id"]).second);
    cursor = page.json["next_cursor"].is_null() ? "" : page.json["next_cursor"].get<std::string>();
    ++pages;
  } while (!cursor.empty() && pages < 10);
  EXPECT_EQ(seen.size(), 23u);
  EXPECT_EQ(pages, 3);
}

}  // namespace
}  // namespace craft::testing
