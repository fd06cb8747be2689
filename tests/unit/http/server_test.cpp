// End-to-end behaviour of craft::http::Server over real sockets: keep-alive, routing errors,
// buffered bodies and their limit, handler failures, malformed input, timeouts and Stop().

#include "http/server.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "test_server.h"

namespace craft::http {
namespace {

using testing::RawClient;
using testing::RunningServer;
using Clock = std::chrono::steady_clock;

Route MakeRoute(std::string method, std::string pattern, Handler handler) {
  Route route;
  route.method = std::move(method);
  route.pattern = std::move(pattern);
  route.handler = std::move(handler);
  return route;
}

Router Routes() {
  Router router;
  router.Add(MakeRoute("GET", "/hello",
                       [](Request&) { return Response::Json(200, R"({"hello":"world"})"); }));
  router.Add(MakeRoute("GET", "/items/{id}", [](Request& request) {
    nlohmann::json body = {{"id", request.params["id"]},
                           {"q", request.Query("q").value_or("-")},
                           {"path", request.path},
                           {"remote", request.remote_address},
                           {"agent", request.Header("User-Agent")}};
    return Response::Json(200, body.dump());
  }));
  router.Add(MakeRoute("POST", "/echo", [](Request& request) {
    return Response::Json(200, nlohmann::json{{"size", request.body.size()}}.dump());
  }));
  router.Add(MakeRoute(
      "GET", "/boom", [](Request&) -> Response { throw std::runtime_error("database exploded"); }));
  router.Add(MakeRoute("GET", "/conflict", [](Request&) -> Response {
    throw ProblemError(409, "name already taken", {{"/name", "taken"}}, "conflict");
  }));
  return router;
}

ServerOptions TestOptions() {
  ServerOptions options;
  options.read_timeout_seconds = 1;
  options.json_body_limit = 1024;
  return options;
}

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

class ServerTest : public ::testing::Test {
 protected:
  ServerTest() : running_(Routes(), TestOptions()), client_("127.0.0.1", running_.port()) {
    client_.set_keep_alive(true);
  }

  static nlohmann::json Json(const httplib::Result& result) {
    return nlohmann::json::parse(result->body);
  }

  RunningServer running_;
  httplib::Client client_;
};

TEST_F(ServerTest, KeepAliveServesManyRequestsOnOneConnection) {
  auto before = running_.server().connections_accepted();
  for (int i = 0; i < 5; ++i) {
    auto result = client_.Get("/hello");
    ASSERT_TRUE(result) << httplib::to_string(result.error());
    EXPECT_EQ(result->status, 200);
    EXPECT_EQ(result->get_header_value("Content-Type"), "application/json");
    EXPECT_EQ(result->body, R"({"hello":"world"})");
  }
  EXPECT_EQ(running_.server().connections_accepted() - before, 1u);
}

TEST_F(ServerTest, GivesHandlersDecodedPathParamsQueryHeadersAndAddress) {
  RawClient raw(running_.port());
  raw.Send(
      "GET /items/a%2Fb%20c?q=two+words%21&q=second HTTP/1.1\r\nHost: t\r\nUSER-Agent: t/1\r\n"
      "Connection: close\r\n\r\n");
  std::string response = raw.ReadToEnd();
  ASSERT_EQ(response.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << response;
  auto body = nlohmann::json::parse(response.substr(response.find("\r\n\r\n") + 4));
  EXPECT_EQ(body["id"], "a/b c");
  EXPECT_EQ(body["q"], "two words!");
  EXPECT_EQ(body["path"], "/items/a/b c");
  EXPECT_EQ(body["remote"], "127.0.0.1");
  EXPECT_EQ(body["agent"], "t/1");
}

TEST_F(ServerTest, UnknownPathIs404ProblemJson) {
  auto result = client_.Get("/nothing/here");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 404);
  EXPECT_EQ(result->get_header_value("Content-Type"), "application/problem+json");
  auto body = Json(result);
  EXPECT_EQ(body["status"], 404);
  EXPECT_EQ(body["title"], "Not Found");
  EXPECT_EQ(body["instance"], "/nothing/here");
}

TEST_F(ServerTest, WrongMethodIs405WithAllowHeader) {
  auto result = client_.Delete("/hello");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 405);
  EXPECT_EQ(result->get_header_value("Allow"), "GET, HEAD");
  EXPECT_EQ(result->get_header_value("Content-Type"), "application/problem+json");
  EXPECT_EQ(Json(result)["status"], 405);
  // The connection is still usable.
  EXPECT_EQ(client_.Get("/hello")->status, 200);
}

TEST_F(ServerTest, BufferedBodyReachesTheHandler) {
  auto result = client_.Post("/echo", std::string(1024, 'x'), "application/json");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(Json(result)["size"], 1024);
}

TEST_F(ServerTest, BufferedBodyOverTheLimitIs413WithTheLimitAndCloses) {
  auto result = client_.Post("/echo", std::string(4096, 'x'), "application/json");
  ASSERT_TRUE(result) << httplib::to_string(result.error());
  EXPECT_EQ(result->status, 413);
  EXPECT_EQ(result->get_header_value("Content-Type"), "application/problem+json");
  EXPECT_EQ(result->get_header_value("Connection"), "close");
  EXPECT_EQ(Json(result)["detail"], "request body exceeds the limit of 1024 bytes");
  EXPECT_EQ(client_.Get("/hello")->status, 200);  // on a new connection
}

TEST_F(ServerTest, ChunkedBodyGrowingPastTheLimitIs413) {
  RawClient raw(running_.port());
  std::string chunk(700, 'y');
  raw.Send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n2bc\r\n" + chunk +
           "\r\n2bc\r\n" + chunk + "\r\n0\r\n\r\n");
  std::string response = raw.ReadResponse();
  EXPECT_EQ(response.rfind("HTTP/1.1 413 ", 0), 0u) << response;
  EXPECT_NE(response.find("limit of 1024 bytes"), std::string::npos);
  EXPECT_TRUE(raw.PeerClosed());
}

TEST_F(ServerTest, ChunkedBodyWithinTheLimitIsDelivered) {
  RawClient raw(running_.port());
  raw.Send(
      "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
      "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
  std::string response = raw.ReadResponse();
  EXPECT_EQ(response.rfind("HTTP/1.1 200 ", 0), 0u) << response;
  EXPECT_NE(response.find(R"({"size":11})"), std::string::npos) << response;
}

TEST_F(ServerTest, BufferedBodyStallingPastTheReadTimeoutIs400AndClosed) {
  RawClient raw(running_.port());
  raw.Send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc");
  auto start = Clock::now();
  std::string response = raw.ReadResponse();
  EXPECT_EQ(response.rfind("HTTP/1.1 400 ", 0), 0u) << response;
  EXPECT_GT(SecondsSince(start), 0.8);
  EXPECT_TRUE(raw.PeerClosed());
  EXPECT_LT(SecondsSince(start), 3.0);
}

TEST_F(ServerTest, HandlerExceptionIs500AndTheServerKeepsServing) {
  auto result = client_.Get("/boom");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 500);
  EXPECT_EQ(result->get_header_value("Content-Type"), "application/problem+json");
  EXPECT_EQ(Json(result)["detail"], "internal error");  // what() stays in the log
  auto again = client_.Get("/hello");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 200);
}

TEST_F(ServerTest, ProblemErrorFromHandlerIsItsProblemJson) {
  auto result = client_.Get("/conflict");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 409);
  auto body = Json(result);
  EXPECT_EQ(body["type"], "https://craft.dev/problems/conflict");
  EXPECT_EQ(body["errors"][0]["pointer"], "/name");
  EXPECT_EQ(body["instance"], "/conflict");
}

TEST_F(ServerTest, MalformedRequestIs400ProblemJsonThenClose) {
  RawClient raw(running_.port());
  auto start = Clock::now();
  raw.Send("GARBAGE\r\n\r\n");
  std::string response = raw.ReadToEnd();
  EXPECT_LT(SecondsSince(start), 3.0);  // closed by the server, not by our timeout
  EXPECT_EQ(response.rfind("HTTP/1.1 400 ", 0), 0u) << response;
  EXPECT_NE(response.find("Content-Type: application/problem+json"), std::string::npos);
  EXPECT_NE(response.find("Connection: close"), std::string::npos);
}

TEST_F(ServerTest, BadPercentEncodingIs400) {
  RawClient raw(running_.port());
  raw.Send("GET /items/%zz HTTP/1.1\r\nHost: t\r\n\r\n");
  std::string response = raw.ReadResponse();
  EXPECT_EQ(response.rfind("HTTP/1.1 400 ", 0), 0u) << response;
}

TEST_F(ServerTest, OversizedHeaderIs431) {
  RawClient raw(running_.port());
  raw.Send("GET /hello HTTP/1.1\r\nHost: t\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n");
  std::string response = raw.ReadToEnd();
  EXPECT_EQ(response.rfind("HTTP/1.1 431 ", 0), 0u) << response.substr(0, 200);
  EXPECT_NE(response.find("application/problem+json"), std::string::npos);
}

TEST_F(ServerTest, ClientStallingMidHeaderIsDroppedAfterTheReadTimeout) {
  RawClient raw(running_.port());
  raw.Send("GET /hello HTTP/1.1\r\nHost: t\r\n");
  auto start = Clock::now();
  EXPECT_TRUE(raw.PeerClosed());
  double waited = SecondsSince(start);
  EXPECT_GT(waited, 0.8);
  EXPECT_LT(waited, 3.0);
}

TEST_F(ServerTest, ClientTricklingTheHeaderIsDroppedAtTheHeaderDeadline) {
  RawClient raw(running_.port());
  auto start = Clock::now();
  std::string header = "GET /hello HTTP/1.1\r\nX-Slow: " + std::string(100, 'z');
  bool closed = false;
  for (char c : header) {
    if (!raw.Send(std::string(1, c))) {
      closed = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    if (raw.PeerClosedNow() || SecondsSince(start) > 4.0) {
      closed = SecondsSince(start) <= 4.0;
      break;
    }
  }
  EXPECT_TRUE(closed);
  EXPECT_LT(SecondsSince(start), 4.0);
}

TEST_F(ServerTest, IdleKeepAliveConnectionIsClosedAfterTheReadTimeout) {
  RawClient raw(running_.port());
  raw.Send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n");
  EXPECT_NE(raw.ReadResponse().find("200 OK"), std::string::npos);
  auto start = Clock::now();
  EXPECT_TRUE(raw.PeerClosed());
  EXPECT_LT(SecondsSince(start), 3.0);
}

TEST_F(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
  RawClient raw(running_.port());
  raw.Send(
      "GET /items/1 HTTP/1.1\r\nHost: t\r\n\r\n"
      "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n\r\nabc"
      "GET /items/2 HTTP/1.1\r\nHost: t\r\n\r\n");
  EXPECT_NE(raw.ReadResponse().find(R"("id":"1")"), std::string::npos);
  EXPECT_NE(raw.ReadResponse().find(R"({"size":3})"), std::string::npos);
  EXPECT_NE(raw.ReadResponse().find(R"("id":"2")"), std::string::npos);
}

TEST_F(ServerTest, Http10ClosesUnlessKeepAliveIsAsked) {
  RawClient once(running_.port());
  once.Send("GET /hello HTTP/1.0\r\n\r\n");
  auto start = Clock::now();
  std::string response = once.ReadToEnd();
  EXPECT_LT(SecondsSince(start), 0.9);
  EXPECT_NE(response.find(R"({"hello":"world"})"), std::string::npos) << response;

  RawClient kept(running_.port());
  kept.Send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
  EXPECT_NE(kept.ReadResponse().find("Connection: keep-alive"), std::string::npos);
  kept.Send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
  EXPECT_NE(kept.ReadResponse().find("200 OK"), std::string::npos);
}

TEST_F(ServerTest, ConnectionCloseIsHonoured) {
  RawClient raw(running_.port());
  raw.Send("GET /hello HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
  auto start = Clock::now();
  std::string response = raw.ReadToEnd();
  EXPECT_LT(SecondsSince(start), 0.9);
  EXPECT_NE(response.find("Connection: close"), std::string::npos);
}

TEST_F(ServerTest, HeadSendsHeadersWithoutBody) {
  RawClient raw(running_.port());
  raw.Send(
      "HEAD /hello HTTP/1.1\r\nHost: t\r\n\r\n"
      "GET /items/7 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
  std::string both = raw.ReadToEnd();
  std::size_t head_end = both.find("\r\n\r\n");
  ASSERT_NE(head_end, std::string::npos);
  EXPECT_NE(both.substr(0, head_end).find("Content-Length: 17"), std::string::npos) << both;
  EXPECT_EQ(both.substr(head_end + 4, 16), "HTTP/1.1 200 OK\r") << both;
}

TEST_F(ServerTest, ExpectContinueGetsInterimResponse) {
  RawClient raw(running_.port());
  raw.Send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
  EXPECT_EQ(raw.ReadResponse(), "HTTP/1.1 100 Continue\r\n\r\n");
  raw.Send("abcd");
  EXPECT_NE(raw.ReadResponse().find(R"({"size":4})"), std::string::npos);
}

TEST_F(ServerTest, StopReturnsPromptlyAndClosesIdleConnections) {
  RawClient raw(running_.port());
  raw.Send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n");
  ASSERT_NE(raw.ReadResponse().find("200 OK"), std::string::npos);
  EXPECT_LT(running_.StopAndJoin(), 0.5);
  EXPECT_TRUE(raw.PeerClosed());
}

TEST(Server, AnswersOverTheConnectionCapWith503) {
  ServerOptions options = TestOptions();
  options.max_connections = 1;
  RunningServer running(Routes(), options);
  RawClient first(running.port());
  first.Send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n");
  ASSERT_NE(first.ReadResponse().find("200 OK"), std::string::npos);
  RawClient second(running.port());
  std::string response = second.ReadToEnd();
  EXPECT_EQ(response.rfind("HTTP/1.1 503 ", 0), 0u) << response;
  EXPECT_NE(response.find("application/problem+json"), std::string::npos);
}

TEST(Server, ListenFailsWithTheReasonWhenThePortIsTaken) {
  Router router = Routes();
  RunningServer running(router, TestOptions());
  ServerOptions options = TestOptions();
  options.port = running.port();
  Server second(router, options);
  try {
    second.Listen();
    ADD_FAILURE() << "second Listen on the same port succeeded";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("in use"), std::string::npos) << e.what();
  }
}

TEST(Server, StopBeforeRunMakesRunReturn) {
  ServerOptions options = TestOptions();
  options.port = 0;
  Server server(Routes(), options);
  server.Stop();
  auto start = Clock::now();
  server.Run();
  EXPECT_LT(SecondsSince(start), 0.5);
}

}  // namespace
}  // namespace craft::http
