#pragma once
// A craft::http::Server running on a free port in a background thread, and a raw TCP client for
// what cpp-httplib will not send (garbage, half requests, pipelining).

#include <string>
#include <thread>

#include "http/router.h"
#include "http/server.h"

namespace craft::http::testing {

class RunningServer {
 public:
  RunningServer(const Router& router, ServerOptions options);
  ~RunningServer();
  RunningServer(const RunningServer&) = delete;
  RunningServer& operator=(const RunningServer&) = delete;

  unsigned short port() const { return server_.port(); }
  Server& server() { return server_; }
  // Stops the server and waits for Run() to return; returns how long that took, in seconds.
  double StopAndJoin();

 private:
  Server server_;
  std::thread thread_;
};

// A blocking client socket with a receive timeout.
class RawClient {
 public:
  explicit RawClient(unsigned short port, int timeout_seconds = 5);
  ~RawClient();
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  bool Send(std::string_view bytes);
  // Reads until the peer closes (or the timeout); returns what arrived.
  std::string ReadToEnd();
  // Reads one response: the head and a Content-Length body. Empty on EOF or timeout.
  std::string ReadResponse();
  // True when the peer closed the connection (read returns EOF) within the timeout.
  bool PeerClosed();
  // True when the peer has closed already (does not wait).
  bool PeerClosedNow();

 private:
  int fd_ = -1;
  std::string pending_;
};

}  // namespace craft::http::testing
