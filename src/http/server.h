#pragma once
// The HTTP/1.1 server (Boost.Beast). Keep-alive, request bodies buffered or streamed per route,
// response bodies whole or streamed (chunked), limits and timeouts on everything from the client.
//
// What clients see:
// - HTTP/1.0 and 1.1, keep-alive (Connection: close honoured), pipelining, Expect: 100-continue.
//   Every response has a Content-Type (application/octet-stream when the handler set none), except
//   204 and 304, which have no content.
// - Errors are RFC 9457 application/problem+json: 400 for a malformed request line, header or
//   target (then the connection closes); 404, or 405 with Allow, from the router; 413 when a body
//   exceeds its route's limit (a declared Content-Length is refused before any of the body is
//   read; the connection then closes); 431 for a header over header_limit; 500 "internal error"
//   when a handler throws something other than ProblemError (what() goes to stderr with the
//   request line); 503 beyond max_connections.
// - A request header, and on a kept-alive connection the wait for it, must arrive within
//   read_timeout_seconds in all; any other read or write that waits longer drops the connection.
// - When a streaming route's handler returns without reading its whole body, the connection
//   closes after the response.

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "http/router.h"

namespace craft::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;                      // 0 picks a free port
  std::uint64_t json_body_limit = 1 << 20;         // buffered routes: 1 MiB
  std::uint64_t upload_body_limit = 512ull << 20;  // streaming routes: 512 MiB
  int read_timeout_seconds = 30;  // per read: a client that stalls longer is dropped
  int max_connections = 1024;
  int header_limit = 16 * 1024;
};

class Server {
 public:
  // Copies `router`. Throws std::runtime_error when the process is out of file descriptors.
  Server(const Router& router, ServerOptions options);
  // Stops and waits for connections; Run() must have returned (join its thread first).
  ~Server();
  // Binds and listens; throws std::runtime_error with the reason when the address is taken.
  void Listen();
  // The bound port (after Listen()).
  unsigned short port() const;
  // Serves until Stop() (calls Listen() first if needed). Then closes the listener and idle
  // connections at once, lets requests in flight finish for up to min(read_timeout, 10 s), shuts
  // down what is left, and returns when every connection thread has ended.
  void Run();
  // Thread-safe and async-signal-safe (may be called from a signal handler); makes Run() return.
  // Before Run(), makes the next Run() return at once.
  void Stop();
  // Connections accepted so far (for metrics and tests).
  std::uint64_t connections_accepted() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace craft::http
