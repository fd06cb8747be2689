// Streaming request and response bodies end to end: multipart uploads hashed as they arrive,
// upload limits, unread bodies, chunked and sized downloads, streams that fail.

#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "core/digest.h"
#include "http/multipart.h"
#include "http/server.h"
#include "test_server.h"

namespace craft::http {
namespace {

using testing::RawClient;
using testing::RunningServer;

constexpr std::size_t kUploadSize = 20 * 1000 * 1000;
constexpr std::size_t kDownloadSize = 5 * 1000 * 1000;
constexpr std::string_view kBoundary = "craft-test-boundary-7MA4YWxkTrZu0gW";

// Deterministic bytes at any offset, CR, LF and '-' included.
void Pattern(std::size_t offset, char* out, std::size_t size) {
  for (std::size_t i = 0; i < size; ++i) {
    std::uint64_t x = (offset + i) * 0x9E3779B97F4A7C15ull;
    out[i] = static_cast<char>((x >> 56) % 5 == 0 ? "\r\n-"[(offset + i) % 3] : (x >> 40));
  }
}

std::string PatternString(std::size_t offset, std::size_t size) {
  std::string text(size, '\0');
  Pattern(offset, text.data(), size);
  return text;
}

Route MakeRoute(std::string method, std::string pattern, Handler handler, BodyMode mode) {
  Route route;
  route.method = std::move(method);
  route.pattern = std::move(pattern);
  route.handler = std::move(handler);
  route.body_mode = mode;
  return route;
}

// Hashes every part of a multipart upload: [{"name", "filename", "size", "sha256"}].
Response HashParts(Request& request) {
  MultipartReader reader(*request.body_reader, request.Header("content-type"));
  nlohmann::json parts = nlohmann::json::array();
  PartHeaders part;
  std::vector<char> buffer(256 * 1024);
  while (reader.NextPart(part)) {
    core::Sha256 sha;
    std::size_t size = 0;
    while (std::size_t n = reader.ReadPart(buffer.data(), buffer.size())) {
      sha.Update({buffer.data(), n});
      size += n;
    }
    parts.push_back({{"name", part.name},
                     {"filename", part.filename},
                     {"size", size},
                     {"sha256", sha.FinishHex()}});
  }
  return Response::Json(200, parts.dump());
}

Response HashBody(Request& request) {
  core::Sha256 sha;
  std::size_t size = 0;
  std::size_t reads = 0;
  std::vector<char> buffer(256 * 1024);
  while (std::size_t n = request.body_reader->Read(buffer.data(), buffer.size())) {
    sha.Update({buffer.data(), n});
    size += n;
    ++reads;
  }
  auto declared = request.body_reader->declared_length();
  return Response::Json(200, nlohmann::json{{"size", size},
                                            {"sha256", sha.FinishHex()},
                                            {"declared", declared ? int64_t(*declared) : -1},
                                            {"reads", reads}}
                                 .dump());
}

Response Download(std::optional<std::uint64_t> length, std::size_t actual) {
  Response response;
  response.SetHeader("Content-Type", "application/octet-stream");
  response.content_length = length;
  response.stream = [actual](const std::function<void(std::string_view)>& write) {
    std::string piece;
    for (std::size_t offset = 0; offset < actual; offset += 10000) {
      piece = PatternString(offset, std::min<std::size_t>(10000, actual - offset));
      write(piece);
    }
  };
  return response;
}

Router Routes() {
  Router router;
  router.Add(MakeRoute("POST", "/upload", HashParts, BodyMode::kStreaming));
  router.Add(MakeRoute("POST", "/raw", HashBody, BodyMode::kStreaming));
  router.Add(MakeRoute(
      "POST", "/partial",
      [](Request& request) {
        char buffer[10];
        request.body_reader->Read(buffer, sizeof buffer);
        return Response::Json(202, "{}");
      },
      BodyMode::kStreaming));
  router.Add(MakeRoute(
      "GET", "/hello", [](Request&) { return Response::Json(200, "{}"); }, BodyMode::kBuffered));
  router.Add(MakeRoute(
      "GET", "/download", [](Request&) { return Download(std::nullopt, kDownloadSize); },
      BodyMode::kBuffered));
  router.Add(MakeRoute(
      "GET", "/download-sized", [](Request&) { return Download(kDownloadSize, kDownloadSize); },
      BodyMode::kBuffered));
  router.Add(MakeRoute(
      "GET", "/download-short", [](Request&) { return Download(kDownloadSize, kDownloadSize / 2); },
      BodyMode::kBuffered));
  router.Add(MakeRoute(
      "GET", "/download-fails-early",
      [](Request&) {
        Response response;
        response.stream = [](const std::function<void(std::string_view)>&) {
          throw std::runtime_error("export template missing");
        };
        return response;
      },
      BodyMode::kBuffered));
  return router;
}

ServerOptions TestOptions() {
  ServerOptions options;
  options.read_timeout_seconds = 2;
  options.upload_body_limit = 24 << 20;
  return options;
}

class StreamingTest : public ::testing::Test {
 protected:
  StreamingTest() : running_(Routes(), TestOptions()), client_("127.0.0.1", running_.port()) {
    client_.set_keep_alive(true);
    client_.set_read_timeout(30);
  }
  RunningServer running_;
  httplib::Client client_;
};

TEST_F(StreamingTest, MultipartUploadOf20MbIsHashedAsItArrives) {
  const std::string head = "--" + std::string(kBoundary) +
                           "\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\nsbom\r\n--" +
                           std::string(kBoundary) +
                           "\r\nContent-Disposition: form-data; name=\"file\"; "
                           "filename=\"big.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n";
  const std::string tail = "\r\n--" + std::string(kBoundary) + "--\r\n";
  const std::size_t total = head.size() + kUploadSize + tail.size();
  auto provider = [&](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
    std::string piece;
    for (std::size_t at = offset; at < offset + length && piece.size() < 65536; ++at) {
      if (at < head.size()) {
        piece.push_back(head[at]);
      } else if (at < head.size() + kUploadSize) {
        std::size_t n =
            std::min({offset + length - at, head.size() + kUploadSize - at, 65536 - piece.size()});
        piece += PatternString(at - head.size(), n);
        at += n - 1;
      } else {
        piece.push_back(tail[at - head.size() - kUploadSize]);
      }
    }
    return sink.write(piece.data(), piece.size());
  };
  auto result = client_.Post("/upload", total, provider,
                             "multipart/form-data; boundary=" + std::string(kBoundary));
  ASSERT_TRUE(result) << httplib::to_string(result.error());
  ASSERT_EQ(result->status, 200) << result->body;
  auto parts = nlohmann::json::parse(result->body);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0]["name"], "type");
  EXPECT_EQ(parts[0]["size"], 4);
  EXPECT_EQ(parts[1]["filename"], "big.bin");
  EXPECT_EQ(parts[1]["size"], kUploadSize);
  EXPECT_EQ(parts[1]["sha256"], core::Sha256Hex(PatternString(0, kUploadSize)));
  EXPECT_EQ(client_.Get("/hello")->status, 200);  // the body was drained: keep-alive holds
}

// Regression: Beast sizes each socket read by the connection buffer's free capacity, and with
// none reserved a streamed body arrived 512 bytes per recv() (390,000 system calls for a 200 MB
// upload, a third of `cp`'s speed lost). Reads must come in large pieces.
TEST_F(StreamingTest, StreamedBodyArrivesInLargeReads) {
  const std::size_t size = 16 * 1024 * 1024;
  const std::string body = PatternString(0, size);
  auto result = client_.Post("/raw", body, "application/octet-stream");
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 200) << result->body;
  const auto json = nlohmann::json::parse(result->body);
  EXPECT_EQ(json["size"], size);
  EXPECT_LT(json["reads"].get<std::size_t>(), size / (16 * 1024))
      << "the body arrived in pieces averaging under 16 KiB";
}

TEST_F(StreamingTest, ChunkedUploadIsReadToTheEnd) {
  const std::size_t size = 3 * 1000 * 1000 + 17;
  auto provider = [&](std::size_t offset, httplib::DataSink& sink) {
    if (offset >= size) {
      sink.done();
      return true;
    }
    std::string piece = PatternString(offset, std::min<std::size_t>(40000, size - offset));
    return sink.write(piece.data(), piece.size());
  };
  auto result = client_.Post("/raw", provider, "application/octet-stream");
  ASSERT_TRUE(result) << httplib::to_string(result.error());
  auto body = nlohmann::json::parse(result->body);
  EXPECT_EQ(body["size"], size);
  EXPECT_EQ(body["declared"], -1);
  EXPECT_EQ(body["sha256"], core::Sha256Hex(PatternString(0, size)));
}

TEST_F(StreamingTest, DeclaredUploadOverTheLimitIs413BeforeTheHandler) {
  RawClient raw(running_.port());
  raw.Send("POST /raw HTTP/1.1\r\nHost: t\r\nContent-Length: 30000000\r\n\r\n");
  std::string response = raw.ReadResponse();
  EXPECT_EQ(response.rfind("HTTP/1.1 413 ", 0), 0u) << response;
  EXPECT_NE(response.find("exceeds the limit of 25165824 bytes"), std::string::npos) << response;
  EXPECT_TRUE(raw.PeerClosed());
}

TEST(Streaming, ChunkedUploadGrowingPastTheLimitIs413FromTheReader) {
  ServerOptions options = TestOptions();
  options.upload_body_limit = 64 * 1024;
  RunningServer running(Routes(), options);
  RawClient raw(running.port());
  std::string request = "POST /raw HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 10; ++i) request += "2710\r\n" + PatternString(0, 10000) + "\r\n";
  raw.Send(request + "0\r\n\r\n");
  std::string response = raw.ReadResponse();
  EXPECT_EQ(response.rfind("HTTP/1.1 413 ", 0), 0u) << response.substr(0, 300);
  EXPECT_NE(response.find("exceeds the limit of 65536 bytes"), std::string::npos);
}

TEST_F(StreamingTest, UploadStallingPastTheReadTimeoutIs400) {
  RawClient raw(running_.port());
  raw.Send("POST /raw HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n0123456789");
  auto start = std::chrono::steady_clock::now();
  std::string response = raw.ReadResponse();
  double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(response.rfind("HTTP/1.1 400 ", 0), 0u) << response;
  EXPECT_NE(response.find("stalled past the read timeout"), std::string::npos) << response;
  EXPECT_GT(waited, 1.5);  // read_timeout_seconds is 2
  EXPECT_LT(waited, 4.0);
  EXPECT_TRUE(raw.PeerClosed());
}

TEST_F(StreamingTest, UnreadBodyClosesTheConnectionAfterTheResponse) {
  RawClient raw(running_.port());
  raw.Send("POST /partial HTTP/1.1\r\nHost: t\r\nContent-Length: 100000\r\n\r\n" +
           PatternString(0, 50000));
  std::string response = raw.ReadResponse();
  EXPECT_EQ(response.rfind("HTTP/1.1 202 ", 0), 0u) << response;
  EXPECT_NE(response.find("Connection: close"), std::string::npos);
  EXPECT_TRUE(raw.PeerClosed());
}

TEST_F(StreamingTest, StreamedResponseOfUnknownLengthIsChunked) {
  auto result = client_.Get("/download");
  ASSERT_TRUE(result) << httplib::to_string(result.error());
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(result->get_header_value("Transfer-Encoding"), "chunked");
  EXPECT_EQ(result->get_header_value("Content-Type"), "application/octet-stream");
  ASSERT_EQ(result->body.size(), kDownloadSize);
  EXPECT_EQ(result->body, PatternString(0, kDownloadSize));
  EXPECT_EQ(client_.Get("/hello")->status, 200);
}

TEST_F(StreamingTest, StreamedResponseOfKnownLengthHasContentLength) {
  std::size_t received = 0;
  core::Sha256 sha;
  auto result = client_.Get("/download-sized", [&](const char* data, std::size_t size) {
    sha.Update({data, size});
    received += size;
    return true;
  });
  ASSERT_TRUE(result);
  EXPECT_EQ(result->get_header_value("Content-Length"), std::to_string(kDownloadSize));
  EXPECT_FALSE(result->has_header("Transfer-Encoding"));
  EXPECT_EQ(received, kDownloadSize);
  EXPECT_EQ(sha.FinishHex(), core::Sha256Hex(PatternString(0, kDownloadSize)));
}

TEST_F(StreamingTest, StreamShorterThanItsContentLengthBreaksTheConnection) {
  auto result = client_.Get("/download-short");
  EXPECT_TRUE(!result || result->body.size() < kDownloadSize);
  EXPECT_EQ(client_.Get("/hello")->status, 200);
}

TEST_F(StreamingTest, StreamFailingBeforeAnyByteIs500) {
  auto result = client_.Get("/download-fails-early");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 500);
  EXPECT_EQ(result->get_header_value("Content-Type"), "application/problem+json");
}

TEST_F(StreamingTest, Http10ClientGetsStreamDelimitedByClose) {
  RawClient raw(running_.port());
  raw.Send("GET /download HTTP/1.0\r\n\r\n");
  std::string response = raw.ReadToEnd();
  std::size_t head_end = response.find("\r\n\r\n");
  ASSERT_NE(head_end, std::string::npos);
  EXPECT_EQ(response.substr(0, head_end).find("chunked"), std::string::npos);
  EXPECT_EQ(response.size() - head_end - 4, kDownloadSize);
}

}  // namespace
}  // namespace craft::http
