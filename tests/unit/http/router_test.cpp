#include "http/router.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace craft::http {
namespace {

Handler Named(std::string name) {
  return [name](Request&) { return Response::Json(200, "\"" + name + "\""); };
}

// Calls the matched handler and returns its name, or "" when nothing matched.
std::string Routed(const Router& router, const std::string& method, const std::string& path,
                   std::map<std::string, std::string>* params = nullptr) {
  std::map<std::string, std::string> found;
  RouteMatch match = router.Match(method, path, found);
  if (params != nullptr) *params = found;
  if (match.route == nullptr) return "";
  Request request;
  return match.route->handler(request).body;
}

Router ProductRoutes() {
  Router router;
  router.Add({"GET", "/api/v1/products", Named("list"), BodyMode::kBuffered, ""});
  router.Add({"POST", "/api/v1/products", Named("create"), BodyMode::kBuffered, ""});
  router.Add({"GET", "/api/v1/products/{id}", Named("get"), BodyMode::kBuffered, ""});
  router.Add({"DELETE", "/api/v1/products/{id}", Named("delete"), BodyMode::kBuffered, ""});
  router.Add({"GET", "/api/v1/products/{id}/versions/{version}", Named("version"),
              BodyMode::kBuffered, ""});
  return router;
}

TEST(Router, MatchesLiteralPatternsByMethod) {
  Router router = ProductRoutes();
  EXPECT_EQ(Routed(router, "GET", "/api/v1/products"), "\"list\"");
  EXPECT_EQ(Routed(router, "POST", "/api/v1/products"), "\"create\"");
}

TEST(Router, FillsParameters) {
  Router router = ProductRoutes();
  std::map<std::string, std::string> params;
  EXPECT_EQ(Routed(router, "GET", "/api/v1/products/p1/versions/1.2.3", &params), "\"version\"");
  EXPECT_EQ(params, (std::map<std::string, std::string>{{"id", "p1"}, {"version", "1.2.3"}}));
}

TEST(Router, ToleratesATrailingSlash) {
  Router router = ProductRoutes();
  std::map<std::string, std::string> params;
  EXPECT_EQ(Routed(router, "GET", "/api/v1/products/"), "\"list\"");
  EXPECT_EQ(Routed(router, "GET", "/api/v1/products/p1/", &params), "\"get\"");
  EXPECT_EQ(params["id"], "p1");
}

TEST(Router, UnknownPathIs404WithNoAllowedMethods) {
  Router router = ProductRoutes();
  std::map<std::string, std::string> params;
  for (const char* path : {"/api/v1/product", "/api/v1/products/p1/extra", "/api/v1//products",
                           "/api/v1/products//", "", "relative"}) {
    RouteMatch match = router.Match("GET", path, params);
    EXPECT_EQ(match.route, nullptr) << path;
    EXPECT_TRUE(match.allowed.empty()) << path;
  }
}

TEST(Router, KnownPathWithOtherMethodIs405WithAllowedMethods) {
  Router router = ProductRoutes();
  std::map<std::string, std::string> params;
  RouteMatch match = router.Match("PUT", "/api/v1/products/p1", params);
  EXPECT_EQ(match.route, nullptr);
  EXPECT_EQ(match.allowed, (std::vector<std::string>{"DELETE", "GET", "HEAD"}));
  match = router.Match("DELETE", "/api/v1/products", params);
  EXPECT_EQ(match.allowed, (std::vector<std::string>{"GET", "HEAD", "POST"}));
}

TEST(Router, LiteralSegmentBeatsParameterWhateverTheOrder) {
  for (bool literal_first : {true, false}) {
    Router router;
    Route literal{"GET", "/products/new", Named("new"), BodyMode::kBuffered, ""};
    Route parameter{"GET", "/products/{id}", Named("get"), BodyMode::kBuffered, ""};
    router.Add(literal_first ? literal : parameter);
    router.Add(literal_first ? parameter : literal);
    EXPECT_EQ(Routed(router, "GET", "/products/new"), "\"new\"");
    EXPECT_EQ(Routed(router, "GET", "/products/old"), "\"get\"");
  }
}

TEST(Router, EarlierLiteralSegmentDecidesPrecedence) {
  Router router;
  router.Add({"GET", "/{kind}/latest", Named("kind-latest"), BodyMode::kBuffered, ""});
  router.Add({"GET", "/products/{id}", Named("product"), BodyMode::kBuffered, ""});
  EXPECT_EQ(Routed(router, "GET", "/products/latest"), "\"product\"");
  EXPECT_EQ(Routed(router, "GET", "/sboms/latest"), "\"kind-latest\"");
}

TEST(Router, LiteralWithOtherMethodDoesNotHideParameterRoute) {
  Router router;
  router.Add({"GET", "/products/new", Named("new"), BodyMode::kBuffered, ""});
  router.Add({"DELETE", "/products/{id}", Named("delete"), BodyMode::kBuffered, ""});
  EXPECT_EQ(Routed(router, "DELETE", "/products/new"), "\"delete\"");
}

TEST(Router, DecodesSegmentsAfterSplitting) {
  Router router = ProductRoutes();
  std::map<std::string, std::string> params;
  EXPECT_EQ(Routed(router, "GET", "/api/v1/products/a%2Fb%20c", &params), "\"get\"");
  EXPECT_EQ(params["id"], "a/b c");
  EXPECT_EQ(Routed(router, "GET", "/api/v1/products/nul%00byte", &params), "\"get\"");
  EXPECT_EQ(params["id"], std::string("nul\0byte", 8));
  EXPECT_EQ(Routed(router, "GET", "/api/v1/%70roducts"), "\"list\"");
}

TEST(Router, HeadFallsBackToGet) {
  Router router = ProductRoutes();
  EXPECT_EQ(Routed(router, "HEAD", "/api/v1/products/p1"), "\"get\"");
}

TEST(Router, RejectsMalformedPatterns) {
  Router router;
  for (const char* pattern : {"products", "/products/{", "/products/{}", "/products/a{id}",
                              "/products/{id}x", "/products/{a}{b}"}) {
    EXPECT_THROW(router.Add({"GET", pattern, Named("x"), BodyMode::kBuffered, ""}),
                 std::invalid_argument)
        << pattern;
  }
}

TEST(Router, RootPattern) {
  Router router;
  router.Add({"GET", "/", Named("root"), BodyMode::kBuffered, ""});
  EXPECT_EQ(Routed(router, "GET", "/"), "\"root\"");
}

}  // namespace
}  // namespace craft::http
