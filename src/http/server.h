#pragma once
// The HTTP/1.1 server (Boost.Beast). Keep-alive, request bodies buffered or streamed per route,
// response bodies whole or streamed (chunked), limits and timeouts on everything from the client.

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
  Server(const Router& router, ServerOptions options);
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
