#pragma once
// Maps method + path pattern to a handler. Patterns are literal segments and "{name}" parameters,
// e.g. "/api/v1/products/{id}/versions". A path that matches no pattern is 404; a path that
// matches with another method is 405 with an Allow header.

#include <functional>
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
  const Route* route = nullptr;            // null when nothing matched
  std::vector<std::string> allowed;        // methods of patterns that matched the path
};

class Router {
 public:
  void Add(Route route);
  // Finds the route for method + path and fills `params`.
  RouteMatch Match(const std::string& method, const std::string& path,
                   std::map<std::string, std::string>& params) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace craft::http
