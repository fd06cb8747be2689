#include "http/response_writer.h"

#include <charconv>
#include <cstdio>
#include <ctime>
#include <optional>
#include <stdexcept>

#include "http/uri.h"

namespace craft::http {

namespace {

constexpr std::size_t kStreamBufferSize = 64 * 1024;

bool HasNoBody(int status) { return status < 200 || status == 204 || status == 304; }

bool IsTokenChar(char c) {
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return c != '\0' && std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool IsValidHeader(std::string_view name, std::string_view value) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!IsTokenChar(c)) return false;
  }
  return value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

// Framing and connection management belong to the server, not to handlers.
bool IsManagedHeader(std::string_view name) {
  return EqualsIgnoreCase(name, "content-length") || EqualsIgnoreCase(name, "transfer-encoding") ||
         EqualsIgnoreCase(name, "connection");
}

void AppendNumber(std::string& out, std::uint64_t value, int base = 10) {
  char digits[24];
  auto end = std::to_chars(digits, digits + sizeof digits, value, base).ptr;
  out.append(digits, end);
}

// "Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n", formatted once a second per thread.
void AppendDate(std::string& out) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  thread_local std::time_t cached_second = -1;
  thread_local char cached[64];
  std::time_t now = std::time(nullptr);
  if (now != cached_second) {
    std::tm utc{};
    gmtime_r(&now, &utc);
    std::snprintf(cached, sizeof cached, "Date: %s, %02d %s %04d %02d:%02d:%02d GMT\r\n",
                  kDays[utc.tm_wday % 7], utc.tm_mday, kMonths[utc.tm_mon % 12], utc.tm_year + 1900,
                  utc.tm_hour, utc.tm_min, utc.tm_sec);
    cached_second = now;
  }
  out += cached;
}

// Thrown through a handler's stream callback when the client is gone. Not a std::exception, so
// that handlers catching std::exception do not mistake it for their own failure.
struct ConnectionLost {};

// Collects what a stream callback writes into pieces of about 64 KiB and sends each as one
// chunk (or raw, with a Content-Length). The response head goes out with the first piece.
class StreamSink {
 public:
  StreamSink(SocketStream& stream, const std::string& head, bool chunked,
             std::optional<std::uint64_t> length)
      : stream_(stream), head_(head), chunked_(chunked), length_(length) {
    pending_.reserve(kStreamBufferSize);
  }

  void Write(std::string_view data) {
    if (failed_) throw ConnectionLost{};
    written_ += data.size();
    if (length_ && written_ > *length_) {
      throw std::length_error("response stream wrote more than its content_length");
    }
    if (pending_.size() + data.size() < kStreamBufferSize) {
      pending_.append(data);
    } else {
      Flush(data, false);
    }
  }

  // False when the stream wrote less than its Content-Length.
  bool Finish() {
    if (length_ && written_ != *length_) return false;
    Flush({}, true);
    return true;
  }

  bool started() const { return head_sent_; }
  std::uint64_t written() const { return written_; }

 private:
  void Flush(std::string_view extra, bool last) {
    iovec parts[6];
    std::size_t count = 0;
    auto add = [&](const void* data, std::size_t size) {
      if (size > 0) parts[count++] = iovec{const_cast<void*>(data), size};
    };
    if (!head_sent_) add(head_.data(), head_.size());
    std::size_t size = pending_.size() + extra.size();
    std::string prefix;
    if (chunked_ && size > 0) {
      AppendNumber(prefix, size, 16);
      prefix += "\r\n";
    }
    add(prefix.data(), prefix.size());
    add(pending_.data(), pending_.size());
    add(extra.data(), extra.size());
    if (chunked_ && size > 0) add("\r\n", 2);
    if (chunked_ && last) add("0\r\n\r\n", 5);
    if (!stream_.WriteAll(parts, count)) {
      failed_ = true;
      throw ConnectionLost{};
    }
    head_sent_ = true;
    pending_.clear();
  }

  SocketStream& stream_;
  const std::string& head_;
  bool chunked_;
  std::optional<std::uint64_t> length_;
  std::string pending_;
  std::uint64_t written_ = 0;
  bool head_sent_ = false;
  bool failed_ = false;
};

}  // namespace

void LogError(std::string_view request_line, std::string_view what) {
  std::string line = "craft http: ";
  line += request_line;
  line += ": ";
  line += what;
  line += '\n';
  std::fwrite(line.data(), 1, line.size(), stderr);
}

void ResponseWriter::BuildHead(const Response& response, const ResponseContext& context,
                               Framing framing, std::uint64_t length) {
  head_.clear();
  head_ += "HTTP/1.1 ";
  AppendNumber(head_, static_cast<std::uint64_t>(response.status));
  head_ += ' ';
  head_ += ReasonPhrase(response.status);
  head_ += "\r\n";
  bool has_type = false;
  bool has_date = false;
  for (const auto& [name, value] : response.headers) {
    if (IsManagedHeader(name)) continue;
    if (!IsValidHeader(name, value)) {
      LogError(context.request_line, "dropped malformed response header " + name);
      continue;
    }
    has_type = has_type || EqualsIgnoreCase(name, "content-type");
    has_date = has_date || EqualsIgnoreCase(name, "date");
    head_.append(name).append(": ").append(value).append("\r\n");
  }
  if (!has_type && framing != Framing::kNoBody) {
    head_ += "Content-Type: application/octet-stream\r\n";
  }
  if (!has_date) AppendDate(head_);
  if (framing == Framing::kLength) {
    head_ += "Content-Length: ";
    AppendNumber(head_, length);
    head_ += "\r\n";
  } else if (framing == Framing::kChunked) {
    head_ += "Transfer-Encoding: chunked\r\n";
  }
  if (!context.keep_alive) {
    head_ += "Connection: close\r\n";
  } else if (context.http10) {
    head_ += "Connection: keep-alive\r\n";
  }
  head_ += "\r\n";
}

bool ResponseWriter::Write(const Response& response, ResponseContext& context) {
  if (response.stream && !HasNoBody(response.status)) return WriteStreamed(response, context);
  bool no_body = HasNoBody(response.status);
  BuildHead(response, context, no_body ? Framing::kNoBody : Framing::kLength, response.body.size());
  if (context.head_only || no_body) return stream_.WriteAll(head_.data(), head_.size());
  iovec parts[2] = {{head_.data(), head_.size()},
                    {const_cast<char*>(response.body.data()), response.body.size()}};
  return stream_.WriteAll(parts, response.body.empty() ? 1 : 2);
}

bool ResponseWriter::WriteStreamed(const Response& response, ResponseContext& context) {
  Framing framing = response.content_length ? Framing::kLength
                    : context.http10        ? Framing::kUntilClose
                                            : Framing::kChunked;
  if (framing == Framing::kUntilClose) context.keep_alive = false;
  BuildHead(response, context, framing, response.content_length.value_or(0));
  if (context.head_only) return stream_.WriteAll(head_.data(), head_.size());
  StreamSink sink(stream_, head_, framing == Framing::kChunked, response.content_length);
  std::string failure;
  try {
    response.stream([&sink](std::string_view data) { sink.Write(data); });
    if (sink.Finish()) return true;
    failure = "response stream wrote " + std::to_string(sink.written()) +
              " bytes, less than its content_length";
  } catch (const ConnectionLost&) {
    return false;
  } catch (const std::exception& e) {
    failure = std::string("response stream failed: ") + e.what();
  } catch (...) {
    failure = "response stream failed with an unknown exception";
  }
  LogError(context.request_line, failure);
  if (sink.started()) return false;  // the client sees a truncated body
  context.keep_alive = false;
  return Write(ProblemResponse(ProblemError(500, "internal error"), context.instance), context);
}

}  // namespace craft::http
