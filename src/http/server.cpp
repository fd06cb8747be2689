#include "http/server.h"

// Design: synchronous Boost.Beast, one thread per connection (at most max_connections; the next
// one is answered 503 and closed). A handler may then block on SQLite or stream a 500 MB upload
// with plain loops, and a slow client holds only its own thread. The accept loop polls the
// listening socket and a self-pipe, so Stop() is async-signal-safe. Sockets are plain blocking
// file descriptors wrapped in SocketStream (socket_stream.h), which gives Beast's parser reads
// with a timeout, something blocking Asio sockets do not have.

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <list>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "http/connection.h"

namespace craft::http {

namespace {

// The address of a peer as text, IPv4-mapped IPv6 addresses shown as IPv4.
std::string AddressText(const sockaddr_storage& address) {
  char text[INET6_ADDRSTRLEN] = "";
  if (address.ss_family == AF_INET) {
    const auto& v4 = reinterpret_cast<const sockaddr_in&>(address);
    inet_ntop(AF_INET, &v4.sin_addr, text, sizeof text);
  } else if (address.ss_family == AF_INET6) {
    const auto& v6 = reinterpret_cast<const sockaddr_in6&>(address);
    inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof text);
  }
  std::string result = text;
  if (result.rfind("::ffff:", 0) == 0 && result.find('.') != std::string::npos) {
    result.erase(0, 7);
  }
  return result;
}

std::string ErrnoText(int error) { return std::strerror(error); }

// Sent without reading the request when max_connections are busy.
std::string OverloadResponse() {
  std::string body = ProblemJson(ProblemError(503, "too many connections"), {});
  return "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/problem+json\r\n"
         "Retry-After: 1\r\nConnection: close\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\n\r\n" + body;
}

}  // namespace

struct Server::Impl {
  struct Slot {
    int fd = -1;  // closed (and set to -1) by the connection thread, under `mutex`
    std::thread thread;
    std::atomic<bool> idle{false};
    std::atomic<bool> done{false};
  };

  Impl(const Router& r, ServerOptions o) : router(r), options(std::move(o)) {}

  void Accept();
  void Spawn(int fd, std::string remote_address);
  void Reap();  // joins finished connection threads
  void Drain();

  Router router;  // a copy: the caller's router may go away
  ServerOptions options;
  int listen_fd = -1;
  int wake_read = -1;
  int wake_write = -1;
  unsigned short port = 0;
  std::atomic<bool> stopping{false};
  std::atomic<std::uint64_t> accepted{0};
  std::mutex mutex;
  std::list<std::unique_ptr<Slot>> slots;
  std::string overload_response = OverloadResponse();
};

Server::Server(const Router& router, ServerOptions options)
    : impl_(std::make_unique<Impl>(router, std::move(options))) {
  int fds[2];
  if (::pipe2(fds, O_NONBLOCK | O_CLOEXEC) != 0) {
    throw std::runtime_error("cannot create the server's wake-up pipe: " + ErrnoText(errno));
  }
  impl_->wake_read = fds[0];
  impl_->wake_write = fds[1];
}

Server::~Server() {
  Stop();
  impl_->Drain();
  if (impl_->listen_fd >= 0) ::close(impl_->listen_fd);
  ::close(impl_->wake_read);
  ::close(impl_->wake_write);
}

void Server::Listen() {
  const ServerOptions& options = impl_->options;
  std::string where = options.host + ":" + std::to_string(options.port);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  std::string port_text = std::to_string(options.port);
  int status = ::getaddrinfo(options.host.empty() ? nullptr : options.host.c_str(),
                             port_text.c_str(), &hints, &found);
  if (status != 0) {
    throw std::runtime_error("cannot listen on " + where + ": " + gai_strerror(status));
  }
  int error = 0;
  for (addrinfo* a = found; a != nullptr && impl_->listen_fd < 0; a = a->ai_next) {
    int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, a->ai_protocol);
    if (fd < 0) {
      error = errno;
      continue;
    }
    int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (::bind(fd, a->ai_addr, a->ai_addrlen) == 0 && ::listen(fd, SOMAXCONN) == 0) {
      impl_->listen_fd = fd;
    } else {
      error = errno;
      ::close(fd);
    }
  }
  ::freeaddrinfo(found);
  if (impl_->listen_fd < 0) {
    throw std::runtime_error("cannot listen on " + where + ": " + ErrnoText(error));
  }
  sockaddr_storage bound{};
  socklen_t length = sizeof bound;
  ::getsockname(impl_->listen_fd, reinterpret_cast<sockaddr*>(&bound), &length);
  impl_->port = ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6&>(bound).sin6_port
                                                  : reinterpret_cast<sockaddr_in&>(bound).sin_port);
}

unsigned short Server::port() const { return impl_->port; }

std::uint64_t Server::connections_accepted() const { return impl_->accepted.load(); }

void Server::Run() {
  if (impl_->listen_fd < 0) Listen();
  while (!impl_->stopping.load()) {
    pollfd fds[2] = {{impl_->listen_fd, POLLIN, 0}, {impl_->wake_read, POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error("poll on the listening socket failed: " + ErrnoText(errno));
    }
    if (fds[1].revents != 0) break;
    if (fds[0].revents != 0) impl_->Accept();
  }
  ::close(impl_->listen_fd);
  impl_->listen_fd = -1;
  impl_->Drain();
}

void Server::Stop() {
  // Only async-signal-safe calls: a lock-free atomic store and write(2).
  impl_->stopping.store(true);
  char byte = 1;
  [[maybe_unused]] auto ignored = ::write(impl_->wake_write, &byte, 1);
}

void Server::Impl::Accept() {
  sockaddr_storage peer{};
  socklen_t length = sizeof peer;
  int fd = ::accept4(listen_fd, reinterpret_cast<sockaddr*>(&peer), &length, SOCK_CLOEXEC);
  if (fd < 0) {
    if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
      // Out of descriptors or memory: back off instead of spinning on the pending connection.
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return;
  }
  accepted.fetch_add(1);
  Reap();
  if (slots.size() >= static_cast<std::size_t>(std::max(options.max_connections, 1))) {
    ::send(fd, overload_response.data(), overload_response.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    ::shutdown(fd, SHUT_WR);
    ::close(fd);
    return;
  }
  Spawn(fd, AddressText(peer));
}

void Server::Impl::Spawn(int fd, std::string remote_address) {
  auto owned = std::make_unique<Slot>();
  Slot* slot = owned.get();
  slot->fd = fd;
  {
    std::lock_guard lock(mutex);
    slots.push_back(std::move(owned));
  }
  try {
    slot->thread = std::thread([this, slot, remote = std::move(remote_address)]() mutable {
      {
        Connection connection(slot->fd, std::move(remote), router, options, stopping, slot->idle);
        connection.Serve();
      }
      std::lock_guard lock(mutex);
      ::close(slot->fd);
      slot->fd = -1;
      slot->done.store(true);
    });
  } catch (const std::system_error&) {  // no thread to be had
    ::send(fd, overload_response.data(), overload_response.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    std::lock_guard lock(mutex);
    ::close(fd);
    slot->fd = -1;
    slot->done.store(true);
  }
}

void Server::Impl::Reap() {
  std::lock_guard lock(mutex);
  for (auto it = slots.begin(); it != slots.end();) {
    if ((*it)->done.load()) {
      if ((*it)->thread.joinable()) (*it)->thread.join();
      it = slots.erase(it);
    } else {
      ++it;
    }
  }
}

// Closes idle connections at once, lets busy ones finish their exchange for a grace period (the
// read timeout, at most 10 s), then shuts down what is left, and joins every connection thread.
void Server::Impl::Drain() {
  auto grace = std::chrono::seconds(std::clamp(options.read_timeout_seconds, 1, 10));
  auto give_up = std::chrono::steady_clock::now() + grace;
  while (true) {
    Reap();
    bool late = std::chrono::steady_clock::now() >= give_up;
    {
      std::lock_guard lock(mutex);
      if (slots.empty()) return;
      for (const auto& slot : slots) {
        if (slot->fd >= 0 && (late || slot->idle.load())) {
          ::shutdown(slot->fd, late ? SHUT_RDWR : SHUT_RD);
        }
      }
    }
    if (late) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  std::list<std::unique_ptr<Slot>> rest;
  {
    std::lock_guard lock(mutex);
    rest.swap(slots);
  }
  for (auto& slot : rest) {
    if (slot->thread.joinable()) slot->thread.join();
  }
}

}  // namespace craft::http
