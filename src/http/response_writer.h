#pragma once
// Puts a Response on the wire: status line and headers, then the body whole, with a
// Content-Length, or produced by Response::stream in pieces (Content-Length when known, else
// chunked; HTTP/1.0 clients get the body delimited by closing the connection). Internal to
// src/http.

#include <cstdint>
#include <string>
#include <string_view>

#include "http/message.h"
#include "http/socket_stream.h"

namespace craft::http {

// What the request decided about the response.
struct ResponseContext {
  bool head_only = false;         // HEAD: headers only
  bool keep_alive = true;         // cleared when the connection closes after this response
  bool http10 = false;            // the client spoke HTTP/1.0: no chunked encoding
  std::string_view instance;      // for problem responses made here
  std::string_view request_line;  // for the error log
};

class ResponseWriter {
 public:
  explicit ResponseWriter(SocketStream& stream) : stream_(stream) {}

  // Sends `response`; false when the connection must be closed: the peer is gone, or a stream
  // callback threw or broke its Content-Length after the head was sent (logged to stderr). A
  // stream callback that throws before writing anything gets a 500 problem instead.
  // `context.keep_alive` may be cleared (HTTP/1.0 client and a stream of unknown length).
  bool Write(const Response& response, ResponseContext& context);

 private:
  enum class Framing { kLength, kChunked, kUntilClose, kNoBody };
  // Sets head_ to the status line and headers.
  void BuildHead(const Response& response, const ResponseContext& context, Framing framing,
                 std::uint64_t length);
  bool WriteStreamed(const Response& response, ResponseContext& context);

  SocketStream& stream_;
  std::string head_;
};

// Writes one line to stderr: "craft http: <request_line>: <what>".
void LogError(std::string_view request_line, std::string_view what);

}  // namespace craft::http
