#include "http/connection.h"

#include <sys/socket.h>

#include <chrono>
#include <limits>

// Boost.Beast
#include <boost/asio/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>

#include "http/uri.h"

namespace craft::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using boost::system::error_code;

namespace {

constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
// After the server decides to close: how long and how much it still reads so that the client
// receives the last response instead of a reset.
constexpr std::chrono::milliseconds kLingerTime{1000};
constexpr std::size_t kLingerBytes = 1 << 20;
// Room for each socket read of a request (headers and streamed bodies).
constexpr std::size_t kReadBufferSize = 64 * 1024;  // Beast reads at most 64 KiB at a time

ProblemError TooLarge(std::uint64_t limit) {
  return ProblemError(413, "request body exceeds the limit of " + std::to_string(limit) + " bytes");
}

bool IsHttpError(const error_code& ec) {
  return ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category();
}

// The path of an origin-form target ("/a?b"), or of an absolute-form one ("http://h/a?b").
std::string_view TargetPath(std::string_view target) {
  std::string_view path = target.substr(0, target.find('?'));
  for (std::string_view scheme : {"http://", "https://"}) {
    if (path.size() >= scheme.size() && EqualsIgnoreCase(path.substr(0, scheme.size()), scheme)) {
      std::size_t slash = path.find('/', scheme.size());
      return slash == std::string_view::npos ? std::string_view("/") : path.substr(slash);
    }
  }
  return path;
}

}  // namespace

// Per-request state.
struct Connection::Exchange {
  Request request;
  std::string raw_path;      // still percent-encoded: for the router and "instance"
  std::string request_line;  // "METHOD target", for the error log
  ResponseContext context;
  bool expect_continue = false;
  bool continue_sent = false;
  bool body_broken = false;  // the body can no longer be read: close after the response
};

// Request::body_reader of streaming routes: reads the body from the socket straight into the
// handler's buffer through Beast's buffer_body.
class Connection::StreamingBody : public BodyReader {
 public:
  StreamingBody(Connection& connection, Parser& parser, Exchange& exchange)
      : connection_(connection), parser_(parser), exchange_(exchange) {}

  std::size_t Read(char* buffer, std::size_t size) override {
    if (parser_.is_done() || size == 0) return 0;
    if (exchange_.body_broken) throw ProblemError(400, "request body unreadable after an error");
    if (!connection_.SendContinue(exchange_)) {
      throw ProblemError(400, "request body incomplete: the client closed the connection");
    }
    while (true) {
      parser_.get().body().data = buffer;
      parser_.get().body().size = size;
      error_code ec;
      bhttp::read_some(connection_.stream_, connection_.buffer_, parser_, ec);
      if (ec == bhttp::error::need_buffer) ec = {};
      std::size_t got = size - parser_.get().body().size;
      if (ec) {
        exchange_.body_broken = true;
        throw connection_.BodyProblem(ec, connection_.options_.upload_body_limit);
      }
      if (got > 0 || parser_.is_done()) return got;
    }
  }

  std::optional<std::uint64_t> declared_length() const override {
    auto length = parser_.content_length();
    return length ? std::optional<std::uint64_t>(*length) : std::nullopt;
  }

 private:
  Connection& connection_;
  Parser& parser_;
  Exchange& exchange_;
};

Connection::Connection(int fd, std::string remote_address, const Router& router,
                       const ServerOptions& options, const std::atomic<bool>& stopping,
                       std::atomic<bool>& idle)
    : stream_(fd, std::chrono::seconds(options.read_timeout_seconds)),
      writer_(stream_),
      remote_address_(std::move(remote_address)),
      router_(router),
      options_(options),
      stopping_(stopping),
      idle_(idle) {
  // Beast sizes each socket read by the buffer's free capacity (at least 512 bytes): without room
  // reserved up front, a streamed upload arrives 512 bytes per system call.
  buffer_.reserve(kReadBufferSize);
}

void Connection::Serve() {
  try {
    while (ServeOne()) {
    }
  } catch (const std::exception& e) {
    LogError("connection from " + remote_address_, e.what());
  } catch (...) {
    LogError("connection from " + remote_address_, "unknown exception");
  }
  idle_.store(true);  // Stop() may cut the lingering short
  ::shutdown(stream_.fd(), SHUT_WR);
  if (!peer_closed_) stream_.Drain(kLingerTime, kLingerBytes);
}

bool Connection::ServeOne() {
  idle_.store(true);
  if (stopping_.load()) return false;
  Parser parser;
  parser.header_limit(static_cast<std::uint32_t>(options_.header_limit));
  // Limits are set per route once the header is known. Not boost::none: Beast 1.74 compares the
  // Content-Length with an empty optional as greater and fails every body.
  parser.body_limit(std::numeric_limits<std::uint64_t>::max());
  stream_.set_deadline(SocketStream::Clock::now() +
                       std::chrono::seconds(options_.read_timeout_seconds));
  error_code ec;
  bhttp::read_header(stream_, buffer_, parser, ec);
  stream_.clear_deadline();
  idle_.store(false);
  if (ec) {
    AnswerHeaderError(ec);
    return false;
  }
  Exchange exchange;
  Response response;
  if (auto problem = ParseRequest(parser, exchange)) {
    response = ProblemResponse(*problem, exchange.raw_path);
    exchange.context.keep_alive = false;
  } else {
    response = Dispatch(parser, exchange);
    exchange.request.body_reader = nullptr;
  }
  if (exchange.body_broken || !parser.is_done() || stopping_.load()) {
    exchange.context.keep_alive = false;
  }
  exchange.context.instance = exchange.raw_path;
  exchange.context.request_line = exchange.request_line;
  return writer_.Write(response, exchange.context) && exchange.context.keep_alive;
}

void Connection::AnswerHeaderError(const error_code& ec) {
  if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message ||
      ec == boost::asio::error::eof) {
    peer_closed_ = true;
    return;
  }
  if (stream_.timed_out() || !IsHttpError(ec)) return;  // idle, stalled or gone: just close
  ProblemError problem =
      ec == bhttp::error::header_limit
          ? ProblemError(431, "request header exceeds the limit of " +
                                  std::to_string(options_.header_limit) + " bytes")
          : ProblemError(400, "malformed request: " + ec.message());
  ResponseContext context;
  context.keep_alive = false;
  writer_.Write(ProblemResponse(problem, {}), context);
}

std::optional<ProblemError> Connection::ParseRequest(Parser& parser, Exchange& exchange) {
  const auto& message = parser.get();
  Request& request = exchange.request;
  request.method = std::string(message.method_string());
  request.target = std::string(message.target());
  request.remote_address = remote_address_;
  exchange.request_line = request.method + " " + request.target;
  exchange.context.http10 = message.version() == 10;
  exchange.context.head_only = request.method == "HEAD";
  exchange.context.keep_alive = parser.keep_alive();
  request.headers.reserve(16);
  for (const auto& field : message) {
    std::string name(field.name_string());
    ToLowerAscii(name);
    request.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  if (message.version() != 10 && message.version() != 11) {
    return ProblemError(505, "only HTTP/1.0 and HTTP/1.1 are served");
  }
  if (std::string expect = request.Header("expect"); !expect.empty()) {
    if (!EqualsIgnoreCase(expect, "100-continue")) {
      return ProblemError(417, "unsupported expectation: " + expect);
    }
    exchange.expect_continue = message.version() == 11;
  }
  std::string_view target = request.target;
  std::string_view path = TargetPath(target);
  exchange.raw_path = std::string(path);
  if (path.empty() || (path.front() != '/' && target != "*")) {
    return ProblemError(400, "request target must be an absolute path");
  }
  auto decoded = PercentDecode(path);
  std::size_t question = target.find('?');
  if (!decoded || (question != std::string_view::npos &&
                   !ParseQuery(target.substr(question + 1), request.query))) {
    return ProblemError(400, "malformed percent-encoding in the request target");
  }
  request.path = std::move(*decoded);
  return std::nullopt;
}

Response Connection::Dispatch(Parser& parser, Exchange& exchange) {
  Request& request = exchange.request;
  RouteMatch match = router_.Match(request.method, exchange.raw_path, request.params);
  if (match.route == nullptr) {
    DiscardBody(parser, exchange);
    if (match.allowed.empty()) {
      return ProblemResponse(ProblemError(404, "no resource at " + request.path),
                             exchange.raw_path);
    }
    std::string allow;
    for (const auto& method : match.allowed) allow += (allow.empty() ? "" : ", ") + method;
    Response response = ProblemResponse(
        ProblemError(405, "method " + request.method + " not allowed; allowed: " + allow),
        exchange.raw_path);
    response.SetHeader("Allow", allow);
    return response;
  }
  if (match.route->body_mode == BodyMode::kBuffered) {
    if (auto problem = ReadBufferedBody(parser, exchange)) {
      return ProblemResponse(*problem, exchange.raw_path);
    }
    return CallHandler(*match.route, exchange);
  }
  auto declared = parser.content_length();
  if (declared && *declared > options_.upload_body_limit) {
    exchange.body_broken = true;
    return ProblemResponse(TooLarge(options_.upload_body_limit), exchange.raw_path);
  }
  parser.body_limit(options_.upload_body_limit);
  StreamingBody reader(*this, parser, exchange);
  request.body_reader = &reader;
  Response response = CallHandler(*match.route, exchange);
  request.body_reader = nullptr;
  return response;
}

Response Connection::CallHandler(const Route& route, Exchange& exchange) {
  const std::string& instance = exchange.raw_path;
  try {
    Response response = route.handler(exchange.request);
    if (response.status >= 200 && response.status <= 599) {
      return response;
    }
    LogError(exchange.request_line, "handler returned status " + std::to_string(response.status));
  } catch (const ProblemError& problem) {
    return ProblemResponse(problem, instance);
  } catch (const std::exception& e) {
    LogError(exchange.request_line, e.what());
  } catch (...) {
    LogError(exchange.request_line, "unknown exception");
  }
  return ProblemResponse(ProblemError(500, "internal error"), instance);
}

std::optional<ProblemError> Connection::ReadBufferedBody(Parser& parser, Exchange& exchange) {
  if (parser.is_done()) return std::nullopt;
  const std::uint64_t limit = options_.json_body_limit;
  auto declared = parser.content_length();
  if (declared && *declared > limit) {
    exchange.body_broken = true;
    return TooLarge(limit);
  }
  if (!SendContinue(exchange)) return ProblemError(400, "request body incomplete");
  parser.body_limit(limit);
  std::string& body = exchange.request.body;
  while (!parser.is_done()) {
    std::size_t old_size = body.size();
    std::size_t room = declared ? static_cast<std::size_t>(*declared) - old_size : 16 * 1024;
    body.resize(old_size + room);
    parser.get().body().data = body.data() + old_size;
    parser.get().body().size = room;
    error_code ec;
    bhttp::read(stream_, buffer_, parser, ec);
    body.resize(old_size + room - parser.get().body().size);
    if (ec == bhttp::error::need_buffer) ec = {};
    if (ec) {
      exchange.body_broken = true;
      return BodyProblem(ec, limit);
    }
  }
  return std::nullopt;
}

void Connection::DiscardBody(Parser& parser, Exchange& exchange) {
  if (parser.is_done()) return;
  auto declared = parser.content_length();
  // A client waiting for "100 Continue" never sends the body; a large one is not worth reading.
  if (exchange.expect_continue || !declared || *declared > options_.json_body_limit) {
    exchange.body_broken = true;
    return;
  }
  char scratch[16 * 1024];
  while (!parser.is_done()) {
    parser.get().body().data = scratch;
    parser.get().body().size = sizeof scratch;
    error_code ec;
    bhttp::read(stream_, buffer_, parser, ec);
    if (ec && ec != bhttp::error::need_buffer) {
      exchange.body_broken = true;
      return;
    }
  }
}

bool Connection::SendContinue(Exchange& exchange) {
  if (!exchange.expect_continue || exchange.continue_sent) return true;
  exchange.continue_sent = true;
  return stream_.WriteAll(kContinue.data(), kContinue.size());
}

ProblemError Connection::BodyProblem(const error_code& ec, std::uint64_t limit) const {
  if (ec == bhttp::error::body_limit) return TooLarge(limit);
  if (stream_.timed_out()) {
    return ProblemError(400, "request body incomplete: the client stalled past the read timeout");
  }
  if (IsHttpError(ec) && ec != bhttp::error::partial_message) {
    return ProblemError(400, "malformed request body: " + ec.message());
  }
  return ProblemError(400, "request body incomplete: the client closed the connection");
}

}  // namespace craft::http
