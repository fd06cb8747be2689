// The OpenAPI document describes every route the server has: built from the same route table the
// server uses, and checked against what the running server serves (issue 2).

#include <gtest/gtest.h>

#include "craft_server.h"
#include "http/handlers/routes.h"
#include "store/blob/blob_store.h"
#include "store/store.h"

namespace craft::testing {
namespace {

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

TEST(OpenApi, DocumentListsEveryRoute) {
  CraftServer server;
  auto client = server.Client();
  auto reply = client.Get("/api/v1/openapi.json");
  ASSERT_TRUE(reply);
  ASSERT_EQ(reply->status, 200);
  const auto doc = nlohmann::json::parse(reply->body);
  EXPECT_EQ(doc["openapi"], "3.1.0");

  // The route table of the real server, built the same way `craft serve` builds it.
  const std::string dir = MakeTempDir();
  auto store = store::OpenSqliteStore(dir + "/craft.db");
  auto blobs = store::OpenFilesystemBlobStore(dir);
  http::ApiContext context{*store, *blobs, [] { return std::int64_t{0}; }};
  http::Router router;
  http::AddApiRoutes(router, context);
  ASSERT_GT(router.routes().size(), 20u);
  for (const auto& route : router.routes()) {
    EXPECT_TRUE(doc["paths"].contains(route.pattern)) << route.pattern;
    EXPECT_TRUE(doc["paths"][route.pattern].contains(Lower(route.method)))
        << route.method << " " << route.pattern;
    EXPECT_FALSE(route.summary.empty()) << route.pattern;
  }
  for (const char* required :
       {"/api/v1/products", "/api/v1/versions/{id}/status", "/api/v1/versions/{id}/documents",
        "/api/v1/api-keys", "/api/v1/audit", "/healthz", "/readyz"}) {
    EXPECT_TRUE(doc["paths"].contains(required)) << required;
  }
}

}  // namespace
}  // namespace craft::testing
