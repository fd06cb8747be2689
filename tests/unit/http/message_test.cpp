#include "http/message.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "http/uri.h"

namespace craft::http {
namespace {

TEST(ProblemJson, HasTheRfc9457MembersInOrder) {
  ProblemError problem(422, "the product is invalid",
                       {{"/name", "must not be empty"}, {"/category", "unknown category"}},
                       "validation");
  std::string text = ProblemJson(problem, "/api/v1/products");
  EXPECT_EQ(text,
            R"({"type":"https://craft.dev/problems/validation","title":"Unprocessable Content",)"
            R"("status":422,"detail":"the product is invalid","instance":"/api/v1/products",)"
            R"("errors":[{"pointer":"/name","detail":"must not be empty"},)"
            R"({"pointer":"/category","detail":"unknown category"}]})");
}

TEST(ProblemJson, WithoutSlugIsAboutBlankAndHasNoErrors) {
  auto body = nlohmann::json::parse(ProblemJson(ProblemError(404, "no such product"), "/p/1"));
  EXPECT_EQ(body["type"], "about:blank");
  EXPECT_EQ(body["title"], "Not Found");
  EXPECT_EQ(body["status"], 404);
  EXPECT_EQ(body["detail"], "no such product");
  EXPECT_EQ(body["instance"], "/p/1");
  EXPECT_FALSE(body.contains("errors"));
}

TEST(ProblemJson, MergesExtraMembersWithoutReplacingStandardOnes) {
  ProblemError problem(409, "documentation is under retention", {}, "retention-lock");
  problem.extra_json = R"({"retain_until":"2036-01-01T00:00:00Z","status":200})";
  auto body = nlohmann::json::parse(ProblemJson(problem, "/d/1"));
  EXPECT_EQ(body["retain_until"], "2036-01-01T00:00:00Z");
  EXPECT_EQ(body["status"], 409);
  EXPECT_EQ(body["type"], "https://craft.dev/problems/retention-lock");
}

TEST(ProblemJson, SurvivesInvalidUtf8AndBadExtraJson) {
  ProblemError problem(404, "no resource at /\xff");
  problem.extra_json = "{not json";
  auto body = nlohmann::json::parse(ProblemJson(problem, "/%FF"));
  EXPECT_EQ(body["status"], 404);
}

TEST(ProblemResponse, IsServedAsProblemJson) {
  Response response = ProblemResponse(ProblemError(413, "too big"), "/u");
  EXPECT_EQ(response.status, 413);
  ASSERT_EQ(response.headers.size(), 1u);
  EXPECT_EQ(response.headers[0].second, "application/problem+json");
  EXPECT_EQ(nlohmann::json::parse(response.body)["detail"], "too big");
}

TEST(Request, HeaderIsCaseInsensitiveAndFirstWins) {
  Request request;
  request.headers = {{"content-type", "application/json"}, {"x-a", "1"}, {"x-a", "2"}};
  EXPECT_EQ(request.Header("Content-Type"), "application/json");
  EXPECT_EQ(request.Header("X-A"), "1");
  EXPECT_EQ(request.Header("missing"), "");
}

TEST(Request, QueryGivesFirstValueOrNothing) {
  Request request;
  ASSERT_TRUE(ParseQuery("limit=10&q=two+words&q=x&flag&e=%26%3D", request.query));
  EXPECT_EQ(request.Query("limit"), "10");
  EXPECT_EQ(request.Query("q"), "two words");
  EXPECT_EQ(request.Query("flag"), "");
  EXPECT_EQ(request.Query("e"), "&=");
  EXPECT_EQ(request.Query("cursor"), std::nullopt);
}

TEST(Response, SetHeaderReplacesAnyCase) {
  Response response = Response::Json(201, "{}");
  EXPECT_EQ(response.status, 201);
  EXPECT_EQ(response.body, "{}");
  response.headers.emplace_back("x-id", "1");
  response.headers.emplace_back("X-Id", "2");
  response.SetHeader("content-type", "text/plain");
  response.SetHeader("X-ID", "3");
  EXPECT_EQ(response.headers, (std::vector<std::pair<std::string, std::string>>{
                                  {"content-type", "text/plain"}, {"X-ID", "3"}}));
}

TEST(ReasonPhrase, KnowsTheStatusesTheApiUses) {
  EXPECT_EQ(ReasonPhrase(200), "OK");
  EXPECT_EQ(ReasonPhrase(405), "Method Not Allowed");
  EXPECT_EQ(ReasonPhrase(413), "Content Too Large");
  EXPECT_EQ(ReasonPhrase(431), "Request Header Fields Too Large");
  EXPECT_EQ(ReasonPhrase(499), "Client Error");
}

TEST(PercentDecode, RejectsMalformedEscapes) {
  EXPECT_EQ(PercentDecode("a%20b+c"), "a b+c");
  EXPECT_EQ(PercentDecode("a%20b+c", true), "a b c");
  EXPECT_EQ(PercentDecode("%2f%2F"), "//");
  EXPECT_EQ(PercentDecode("%"), std::nullopt);
  EXPECT_EQ(PercentDecode("%4"), std::nullopt);
  EXPECT_EQ(PercentDecode("%zz"), std::nullopt);
}

}  // namespace
}  // namespace craft::http
