#include "http/socket_stream.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <boost/asio/error.hpp>
#include <cerrno>
#include <climits>

namespace craft::http {

SocketStream::SocketStream(int fd, std::chrono::milliseconds timeout) : fd_(fd), timeout_(timeout) {
  int one = 1;
  ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  timeval send_timeout{};
  send_timeout.tv_sec = static_cast<time_t>(timeout.count() / 1000);
  send_timeout.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
  ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &send_timeout, sizeof send_timeout);
}

std::size_t SocketStream::ReadSome(void* data, std::size_t size, boost::system::error_code& ec) {
  // Try the socket first and wait only when it has nothing: a busy connection (an upload, a
  // keep-alive client under load) then costs one system call per read instead of two.
  bool may_wait = false;
  while (true) {
    if (may_wait) {
      auto wait = timeout_;
      if (deadline_) {
        auto left = std::chrono::ceil<std::chrono::milliseconds>(*deadline_ - Clock::now());
        wait = std::min(wait, std::max(left, std::chrono::milliseconds(0)));
      }
      pollfd p{fd_, POLLIN, 0};
      int ready = ::poll(&p, 1, static_cast<int>(wait.count()));
      if (ready < 0) {
        if (errno == EINTR) continue;
        ec.assign(errno, boost::system::system_category());
        return 0;
      }
      if (ready == 0) {
        timed_out_ = true;
        ec = boost::asio::error::timed_out;
        return 0;
      }
    } else if (deadline_ && Clock::now() >= *deadline_) {
      timed_out_ = true;
      ec = boost::asio::error::timed_out;
      return 0;
    }
    ssize_t n = ::recv(fd_, data, size, MSG_DONTWAIT);
    if (n > 0) {
      ec = {};
      return static_cast<std::size_t>(n);
    }
    if (n == 0) {
      ec = boost::asio::error::eof;
      return 0;
    }
    if (errno == EAGAIN || errno == EWOULDBLOCK) {
      may_wait = true;
      continue;
    }
    if (errno == EINTR) continue;
    ec.assign(errno, boost::system::system_category());
    return 0;
  }
}

bool SocketStream::WriteAll(iovec* parts, std::size_t count) {
  while (count > 0) {
    msghdr message{};
    message.msg_iov = parts;
    message.msg_iovlen = std::min<std::size_t>(count, IOV_MAX);
    ssize_t n = ::sendmsg(fd_, &message, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;  // EAGAIN here is the send timeout
    }
    auto left = static_cast<std::size_t>(n);
    while (count > 0 && left >= parts->iov_len) {
      left -= parts->iov_len;
      ++parts;
      --count;
    }
    if (count > 0) {
      parts->iov_base = static_cast<char*>(parts->iov_base) + left;
      parts->iov_len -= left;
    }
  }
  return true;
}

bool SocketStream::WriteAll(const void* data, std::size_t size) {
  iovec part{const_cast<void*>(data), size};
  return WriteAll(&part, 1);
}

void SocketStream::Drain(std::chrono::milliseconds limit, std::size_t bytes) {
  char scratch[16 * 1024];
  auto saved_timeout = timeout_;
  timeout_ = limit;
  set_deadline(Clock::now() + limit);
  boost::system::error_code ec;
  while (bytes > 0) {
    std::size_t n = ReadSome(scratch, std::min(bytes, sizeof scratch), ec);
    if (ec) break;
    bytes -= n;
  }
  clear_deadline();
  timeout_ = saved_timeout;
}

}  // namespace craft::http
