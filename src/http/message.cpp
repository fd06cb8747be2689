#include "http/message.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "http/uri.h"

namespace craft::http {

namespace {

constexpr std::string_view kProblemTypeBase = "https://craft.dev/problems/";

constexpr std::pair<int, std::string_view> kReasonPhrases[] = {
    {100, "Continue"},
    {101, "Switching Protocols"},
    {200, "OK"},
    {201, "Created"},
    {202, "Accepted"},
    {203, "Non-Authoritative Information"},
    {204, "No Content"},
    {205, "Reset Content"},
    {206, "Partial Content"},
    {300, "Multiple Choices"},
    {301, "Moved Permanently"},
    {302, "Found"},
    {303, "See Other"},
    {304, "Not Modified"},
    {307, "Temporary Redirect"},
    {308, "Permanent Redirect"},
    {400, "Bad Request"},
    {401, "Unauthorized"},
    {402, "Payment Required"},
    {403, "Forbidden"},
    {404, "Not Found"},
    {405, "Method Not Allowed"},
    {406, "Not Acceptable"},
    {407, "Proxy Authentication Required"},
    {408, "Request Timeout"},
    {409, "Conflict"},
    {410, "Gone"},
    {411, "Length Required"},
    {412, "Precondition Failed"},
    {413, "Content Too Large"},
    {414, "URI Too Long"},
    {415, "Unsupported Media Type"},
    {416, "Range Not Satisfiable"},
    {417, "Expectation Failed"},
    {421, "Misdirected Request"},
    {422, "Unprocessable Content"},
    {423, "Locked"},
    {424, "Failed Dependency"},
    {425, "Too Early"},
    {426, "Upgrade Required"},
    {428, "Precondition Required"},
    {429, "Too Many Requests"},
    {431, "Request Header Fields Too Large"},
    {451, "Unavailable For Legal Reasons"},
    {500, "Internal Server Error"},
    {501, "Not Implemented"},
    {502, "Bad Gateway"},
    {503, "Service Unavailable"},
    {504, "Gateway Timeout"},
    {505, "HTTP Version Not Supported"},
    {507, "Insufficient Storage"},
};

}  // namespace

std::string Request::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreCase(key, name)) return value;
  }
  return {};
}

std::optional<std::string> Request::Query(std::string_view name) const {
  auto it = query.find(std::string(name));
  if (it == query.end()) return std::nullopt;
  return it->second;
}

void Response::SetHeader(std::string name, std::string value) {
  auto same = [&name](const auto& header) { return EqualsIgnoreCase(header.first, name); };
  auto first = std::find_if(headers.begin(), headers.end(), same);
  if (first == headers.end()) {
    headers.emplace_back(std::move(name), std::move(value));
    return;
  }
  headers.erase(std::remove_if(first + 1, headers.end(), same), headers.end());
  first->first = std::move(name);
  first->second = std::move(value);
}

Response Response::Json(int status, std::string json_text) {
  Response response;
  response.status = status;
  response.headers.emplace_back("Content-Type", "application/json");
  response.body = std::move(json_text);
  return response;
}

std::string ProblemJson(const ProblemError& problem, std::string_view instance) {
  nlohmann::ordered_json body;
  body["type"] = problem.type_slug().empty() ? std::string("about:blank")
                                             : std::string(kProblemTypeBase) + problem.type_slug();
  body["title"] = std::string(ReasonPhrase(problem.status()));
  body["status"] = problem.status();
  body["detail"] = problem.detail();
  if (!instance.empty()) body["instance"] = std::string(instance);
  if (!problem.errors().empty()) {
    auto& errors = body["errors"] = nlohmann::ordered_json::array();
    for (const auto& error : problem.errors()) {
      errors.push_back({{"pointer", error.pointer}, {"detail", error.detail}});
    }
  }
  if (!problem.extra_json.empty()) {
    auto extra = nlohmann::ordered_json::parse(problem.extra_json, nullptr, false);
    if (extra.is_object()) {
      for (auto& [key, value] : extra.items()) {
        if (!body.contains(key)) body[key] = std::move(value);
      }
    }
  }
  // Replace invalid UTF-8 (e.g. from a decoded path in `instance`) instead of throwing.
  return body.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

Response ProblemResponse(const ProblemError& problem, std::string_view instance) {
  Response response;
  response.status = problem.status();
  response.headers.emplace_back("Content-Type", "application/problem+json");
  response.body = ProblemJson(problem, instance);
  return response;
}

std::string_view ReasonPhrase(int status) {
  for (const auto& [code, phrase] : kReasonPhrases) {
    if (code == status) return phrase;
  }
  if (status >= 100 && status < 200) return "Informational";
  if (status >= 200 && status < 300) return "Success";
  if (status >= 300 && status < 400) return "Redirection";
  if (status >= 400 && status < 500) return "Client Error";
  return "Server Error";
}

}  // namespace craft::http
