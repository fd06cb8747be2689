#pragma once
// One client connection: reads requests one after another (keep-alive), routes them, reads their
// bodies as the route asks, calls the handler and writes the response, on the calling thread.
// Internal to src/http; see server.h for the behaviour seen by clients.

#include <atomic>
#include <optional>
#include <string>
#include <utility>  // before the Boost headers (g++ 12, C++20)

// Boost.Beast
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/parser.hpp>

#include "http/response_writer.h"
#include "http/router.h"
#include "http/server.h"
#include "http/socket_stream.h"

namespace craft::http {

class Connection {
 public:
  // `idle` is set while the connection waits for (or reads) a request header, so that Stop can
  // close it at once; `stopping` ends keep-alive. Neither `fd` nor the references are owned.
  Connection(int fd, std::string remote_address, const Router& router, const ServerOptions& options,
             const std::atomic<bool>& stopping, std::atomic<bool>& idle);

  // Serves requests until the client or the server closes; never throws. Leaves the socket
  // shut down for writing and drained, ready to close.
  void Serve();

 private:
  using Parser = boost::beast::http::request_parser<boost::beast::http::buffer_body>;
  struct Exchange;
  class StreamingBody;

  bool ServeOne();  // false when the connection must close
  void AnswerHeaderError(const boost::system::error_code& ec);
  std::optional<ProblemError> ParseRequest(Parser& parser, Exchange& exchange);
  Response Dispatch(Parser& parser, Exchange& exchange);
  Response CallHandler(const Route& route, Exchange& exchange);
  std::optional<ProblemError> ReadBufferedBody(Parser& parser, Exchange& exchange);
  void DiscardBody(Parser& parser, Exchange& exchange);
  bool SendContinue(Exchange& exchange);
  ProblemError BodyProblem(const boost::system::error_code& ec, std::uint64_t limit) const;

  SocketStream stream_;
  boost::beast::flat_buffer buffer_;
  ResponseWriter writer_;
  std::string remote_address_;
  const Router& router_;
  const ServerOptions& options_;
  const std::atomic<bool>& stopping_;
  std::atomic<bool>& idle_;
  bool peer_closed_ = false;
};

}  // namespace craft::http
