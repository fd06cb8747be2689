#pragma once
// craft's own small HTTP vocabulary, independent of Boost.Beast: what a handler receives and
// returns. The server (server.h) translates to and from the wire.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace craft::http {

// Reads a request body incrementally. Read() returns the number of bytes placed in `buffer`, 0 at
// the end of the body. Throws ProblemError(413) once more than the route's limit has arrived, and
// ProblemError(400) when the client breaks off or stalls past the read timeout.
class BodyReader {
 public:
  virtual ~BodyReader() = default;
  virtual std::size_t Read(char* buffer, std::size_t size) = 0;
  // Content-Length when the client sent one.
  virtual std::optional<std::uint64_t> declared_length() const = 0;
};

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // raw request target, e.g. "/api/v1/products?limit=10"
  std::string path;    // percent-decoded path without the query
  std::multimap<std::string, std::string> query;             // percent-decoded
  std::map<std::string, std::string> params;                 // path parameters, e.g. {"id": "..."}
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;                   // whole body for buffered routes (up to the JSON limit)
  BodyReader* body_reader = nullptr;  // set instead of `body` for streaming routes
  std::string remote_address;

  // First header of that name (case-insensitive), or "".
  std::string Header(std::string_view name) const;
  // First query value of that name, or nullopt.
  std::optional<std::string> Query(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // When set, the body is produced by calling `stream` with a writer; `content_length` is sent if
  // known, otherwise the response is chunked. `body` is ignored.
  std::function<void(const std::function<void(std::string_view)>& write)> stream;
  std::optional<std::uint64_t> content_length;

  void SetHeader(std::string name, std::string value);
  static Response Json(int status, std::string json_text);
};

// One entry of a problem's "errors" list: where and what.
struct FieldError {
  std::string pointer;  // JSON pointer into the request body (or "/<form field>")
  std::string detail;
};

// Thrown by handlers and readers; the server answers it as RFC 9457 application/problem+json:
// {"type", "title", "status", "detail", "instance", "errors": [{"pointer", "detail"}], ...extra}.
class ProblemError : public std::runtime_error {
 public:
  ProblemError(int status, std::string detail, std::vector<FieldError> errors = {},
               std::string type_slug = {})
      : std::runtime_error(detail),
        status_(status),
        detail_(std::move(detail)),
        errors_(std::move(errors)),
        type_slug_(std::move(type_slug)) {}
  int status() const { return status_; }
  const std::string& detail() const { return detail_; }
  const std::vector<FieldError>& errors() const { return errors_; }
  // Short machine name of the problem kind ("validation", "retention-lock", ...); may be empty.
  const std::string& type_slug() const { return type_slug_; }
  // Extra members merged into the problem object (JSON text of an object), e.g. retain_until.
  std::string extra_json;

 private:
  int status_;
  std::string detail_;
  std::vector<FieldError> errors_;
  std::string type_slug_;
};

// The RFC 9457 body for a problem, as JSON text.
std::string ProblemJson(const ProblemError& problem, std::string_view instance);

// A response carrying ProblemJson(problem, instance) as application/problem+json with the
// problem's status.
Response ProblemResponse(const ProblemError& problem, std::string_view instance);

// Standard reason phrase ("Not Found") for a status code.
std::string_view ReasonPhrase(int status);

}  // namespace craft::http
