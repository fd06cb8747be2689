#pragma once
// Maps method + path pattern to a handler. Patterns are literal segments and "{name}" parameters,
// e.g. "/api/v1/products/{id}/versions". A path that matches no pattern is 404; a path that
// matches with another method is 405 with an Allow header.
//
// Matching rules: a trailing slash is ignored ("/a/b/" matches "/a/b"); a parameter matches one
// whole non-empty segment; when several patterns match, the one whose first differing segment is
// literal wins ("/products/new" beats "/products/{id}" whatever the order of Add). HEAD falls back
// to the GET route when no HEAD route exists.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "http/message.h"

namespace craft::http {

using Handler = std::function<Response(Request&)>;

enum class BodyMode {
  kBuffered,   // the server reads the whole body into Request::body, up to the JSON limit
  kStreaming,  // the handler reads it through Request::body_reader, up to the upload limit
};

struct Route {
  std::string method;
  std::string pattern;
  Handler handler;
  BodyMode body_mode = BodyMode::kBuffered;
  std::string summary;  // one line, for openapi.json
};

struct RouteMatch {
  const Route* route = nullptr;      // null when nothing matched
  std::vector<std::string> allowed;  // methods of patterns that matched the path
};

class Router {
 public:
  // Adds a route. Throws std::invalid_argument when the pattern does not start with '/' or a
  // parameter is malformed ("{", "{}", "a{id}"). Pointers from Match stay valid until the next Add.
  void Add(Route route);
  // Finds the route for method + path and fills `params` (cleared first). `path` is the path as
  // sent, without the query and still percent-encoded: it is split at '/' first and each segment
  // decoded after, so "%2F" or "%00" end up inside one parameter value (handlers validate). A
  // segment with a malformed escape is compared as sent. When no route matches, `allowed` lists
  // the methods (sorted, HEAD added beside GET) of the patterns that match the path: empty means
  // 404, non-empty 405.
  RouteMatch Match(const std::string& method, const std::string& path,
                   std::map<std::string, std::string>& params) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  struct Segment {
    std::string text;  // literal text, or the parameter name
    bool parameter = false;
  };
  std::vector<Route> routes_;
  std::vector<std::vector<Segment>> patterns_;  // parallel to routes_
};

}  // namespace craft::http
