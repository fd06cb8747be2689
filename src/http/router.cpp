#include "http/router.h"

#include <algorithm>
#include <stdexcept>

#include "http/uri.h"

namespace craft::http {

namespace {

// Splits "/a/b/" into {"a", "b"}: the leading slash is required, one trailing slash is ignored.
// Returns false when the path does not start with '/'.
template <typename Out>
bool SplitPath(std::string_view path, Out& out) {
  if (path.empty() || path.front() != '/') return false;
  path.remove_prefix(1);
  if (!path.empty() && path.back() == '/') path.remove_suffix(1);
  if (path.empty()) return true;
  while (true) {
    std::size_t slash = path.find('/');
    out.emplace_back(path.substr(0, slash));
    if (slash == std::string_view::npos) return true;
    path.remove_prefix(slash + 1);
  }
}

}  // namespace

void Router::Add(Route route) {
  std::vector<std::string_view> parts;
  if (!SplitPath(route.pattern, parts)) {
    throw std::invalid_argument("route pattern must start with '/': " + route.pattern);
  }
  std::vector<Segment> segments;
  for (std::string_view part : parts) {
    bool opens = part.find('{') != std::string_view::npos;
    bool closes = part.find('}') != std::string_view::npos;
    if (!opens && !closes) {
      segments.push_back({std::string(part), false});
    } else if (part.size() > 2 && part.front() == '{' && part.back() == '}' &&
               part.find_first_of("{}", 1) == part.size() - 1) {
      segments.push_back({std::string(part.substr(1, part.size() - 2)), true});
    } else {
      throw std::invalid_argument("malformed parameter in route pattern: " + route.pattern);
    }
  }
  routes_.push_back(std::move(route));
  patterns_.push_back(std::move(segments));
}

RouteMatch Router::Match(const std::string& method, const std::string& path,
                         std::map<std::string, std::string>& params) const {
  params.clear();
  RouteMatch result;
  std::vector<std::string> segments;
  std::vector<std::string_view> raw;
  if (!SplitPath(path, raw)) return result;
  segments.reserve(raw.size());
  for (std::string_view part : raw) {
    auto decoded = PercentDecode(part);
    segments.push_back(decoded ? std::move(*decoded) : std::string(part));
  }

  auto matches = [&](const std::vector<Segment>& pattern) {
    if (pattern.size() != segments.size()) return false;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
      if (pattern[i].parameter ? segments[i].empty() : pattern[i].text != segments[i]) return false;
    }
    return true;
  };
  // True when `a` is more specific than `b`: literal at the first segment where they differ.
  auto more_specific = [](const std::vector<Segment>& a, const std::vector<Segment>& b) {
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (a[i].parameter != b[i].parameter) return !a[i].parameter;
    }
    return false;
  };
  auto find = [&](std::string_view wanted) -> std::size_t {
    std::size_t best = routes_.size();
    for (std::size_t i = 0; i < routes_.size(); ++i) {
      if (routes_[i].method != wanted || !matches(patterns_[i])) continue;
      if (best == routes_.size() || more_specific(patterns_[i], patterns_[best])) best = i;
    }
    return best;
  };

  std::size_t best = find(method);
  if (best == routes_.size() && method == "HEAD") best = find("GET");
  if (best < routes_.size()) {
    result.route = &routes_[best];
    const auto& pattern = patterns_[best];
    for (std::size_t i = 0; i < pattern.size(); ++i) {
      if (pattern[i].parameter) params[pattern[i].text] = std::move(segments[i]);
    }
    return result;
  }
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    if (matches(patterns_[i])) result.allowed.push_back(routes_[i].method);
  }
  if (std::find(result.allowed.begin(), result.allowed.end(), "GET") != result.allowed.end()) {
    result.allowed.push_back("HEAD");
  }
  std::sort(result.allowed.begin(), result.allowed.end());
  result.allowed.erase(std::unique(result.allowed.begin(), result.allowed.end()),
                       result.allowed.end());
  return result;
}

}  // namespace craft::http
