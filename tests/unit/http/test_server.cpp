#include "test_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <stdexcept>

namespace craft::http::testing {

RunningServer::RunningServer(const Router& router, ServerOptions options)
    : server_(router, [&] {
        options.port = 0;
        return options;
      }()) {
  // cpp-httplib's client writes without MSG_NOSIGNAL: a server closing early must fail the test,
  // not kill the process.
  std::signal(SIGPIPE, SIG_IGN);
  server_.Listen();
  thread_ = std::thread([this] { server_.Run(); });
}

RunningServer::~RunningServer() { StopAndJoin(); }

double RunningServer::StopAndJoin() {
  auto start = std::chrono::steady_clock::now();
  server_.Stop();
  if (thread_.joinable()) thread_.join();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

RawClient::RawClient(unsigned short port, int timeout_seconds) {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  timeval timeout{timeout_seconds, 0};
  ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    throw std::runtime_error("cannot connect to the test server");
  }
}

RawClient::~RawClient() { ::close(fd_); }

bool RawClient::Send(std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

std::string RawClient::ReadToEnd() {
  std::string out = std::move(pending_);
  pending_.clear();
  char buffer[16 * 1024];
  while (true) {
    ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
    if (n <= 0) return out;
    out.append(buffer, static_cast<std::size_t>(n));
  }
}

std::string RawClient::ReadResponse() {
  char buffer[16 * 1024];
  auto fill = [&] {
    ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
    if (n <= 0) return false;
    pending_.append(buffer, static_cast<std::size_t>(n));
    return true;
  };
  std::size_t head_end;
  while ((head_end = pending_.find("\r\n\r\n")) == std::string::npos) {
    if (!fill()) return {};
  }
  head_end += 4;
  std::size_t length = 0;
  std::string head = pending_.substr(0, head_end);
  for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (auto at = head.find("\r\ncontent-length:"); at != std::string::npos) {
    length = std::stoul(head.substr(at + 17));
  }
  while (pending_.size() < head_end + length) {
    if (!fill()) return {};
  }
  std::string response = pending_.substr(0, head_end + length);
  pending_.erase(0, head_end + length);
  return response;
}

bool RawClient::PeerClosed() {
  char buffer[4096];
  while (true) {
    ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
    if (n == 0) return true;
    if (n < 0) return errno == ECONNRESET;
  }
}

bool RawClient::PeerClosedNow() {
  char buffer[4096];
  while (true) {
    ssize_t n = ::recv(fd_, buffer, sizeof buffer, MSG_DONTWAIT);
    if (n == 0) return true;
    if (n < 0) return errno == ECONNRESET;
  }
}

}  // namespace craft::http::testing
