#pragma once
// A connected TCP socket seen by Boost.Beast as a SyncReadStream, with the timeouts the blocking
// Asio socket lacks: every read waits at most the read timeout (and never past an optional
// deadline); every write at most the same timeout (SO_SNDTIMEO). Internal to src/http.

#include <sys/uio.h>

#include <boost/asio/buffer.hpp>
#include <boost/system/error_code.hpp>
#include <boost/system/system_error.hpp>
#include <chrono>
#include <cstddef>
#include <optional>
#include <utility>

namespace craft::http {

class SocketStream {
 public:
  using Clock = std::chrono::steady_clock;

  // Does not own `fd`; sets TCP_NODELAY and the send timeout on it.
  SocketStream(int fd, std::chrono::milliseconds timeout);

  // Reads fail with boost::asio::error::timed_out once `deadline` passes (until cleared).
  void set_deadline(Clock::time_point deadline) { deadline_ = deadline; }
  void clear_deadline() { deadline_.reset(); }
  // True after a read failed on its timeout or deadline.
  bool timed_out() const { return timed_out_; }

  // SyncReadStream: reads into the first non-empty buffer. EOF is boost::asio::error::eof.
  template <typename MutableBufferSequence>
  std::size_t read_some(const MutableBufferSequence& buffers, boost::system::error_code& ec) {
    auto end = boost::asio::buffer_sequence_end(buffers);
    for (auto it = boost::asio::buffer_sequence_begin(buffers); it != end; ++it) {
      boost::asio::mutable_buffer buffer(*it);
      if (buffer.size() > 0) return ReadSome(buffer.data(), buffer.size(), ec);
    }
    ec = {};
    return 0;
  }
  template <typename MutableBufferSequence>
  std::size_t read_some(const MutableBufferSequence& buffers) {
    boost::system::error_code ec;
    std::size_t n = read_some(buffers, ec);
    if (ec) throw boost::system::system_error(ec);
    return n;
  }

  // Writes all of `parts`; false when the peer is gone or stalled past the timeout.
  bool WriteAll(iovec* parts, std::size_t count);
  bool WriteAll(const void* data, std::size_t size);

  // Reads and drops what the peer still sends, for at most `limit` or `bytes`, so that closing
  // does not reset a connection whose last response is still in flight. Returns at EOF.
  void Drain(std::chrono::milliseconds limit, std::size_t bytes);

  int fd() const { return fd_; }

 private:
  std::size_t ReadSome(void* data, std::size_t size, boost::system::error_code& ec);

  int fd_;
  std::chrono::milliseconds timeout_;
  std::optional<Clock::time_point> deadline_;
  bool timed_out_ = false;
};

}  // namespace craft::http
