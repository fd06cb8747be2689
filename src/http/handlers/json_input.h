#pragma once
// Reading JSON request bodies with precise errors: malformed JSON is 400 with line:column; a
// wrong type, an unknown enum value, a missing or unknown field is 422 with the JSON pointer of
// each offending member. Readers collect every error before the request is refused.

#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "http/message.h"

namespace craft::http {

// Parses the body of a JSON request: 415 unless Content-Type is application/json (or +json), 400
// with line:column when malformed or nested deeper than 64 levels, 422 unless an object.
nlohmann::json ParseJsonObject(const Request& request);

// Collects field errors; Finish() throws 422 with all of them when any.
class FieldErrors {
 public:
  void Add(std::string pointer, std::string detail);
  bool empty() const { return errors_.empty(); }
  void Finish() const;

 private:
  std::vector<FieldError> errors_;
};

// Typed access to the members of one JSON object at `base` (a JSON pointer, "" for the root).
// Each Read* returns false when the member is absent; when present with the wrong type or value it
// records an error and returns false. `null` is accepted only where the reader says so.
class ObjectReader {
 public:
  ObjectReader(const nlohmann::json& object, std::string base, FieldErrors& errors);

  // Records an error for every member not in `allowed`.
  void RejectUnknown(std::initializer_list<std::string_view> allowed);
  void Require(std::initializer_list<std::string_view> names);
  bool Has(std::string_view name) const;
  std::string Pointer(std::string_view name) const;

  // Strings are trimmed of nothing; `max` bytes, no control characters except \n and \t.
  bool ReadString(std::string_view name, std::string& out, std::size_t max = 4000);
  bool ReadNonEmptyString(std::string_view name, std::string& out, std::size_t max = 255);
  bool ReadBool(std::string_view name, bool& out);
  bool ReadInt(std::string_view name, int& out, int min, int max);
  // A date "YYYY-MM-DD" or null (clears).
  bool ReadDate(std::string_view name, std::optional<core::Date>& out);
  // One of `names`, returning its index; null allowed only when `nullable`.
  bool ReadEnum(std::string_view name, std::span<const std::string_view> names,
                std::optional<std::size_t>& out, bool nullable = false);
  bool ReadStringArray(std::string_view name, std::vector<std::string>& out,
                       std::size_t max_items = 100, std::size_t max_len = 255);
  // The member itself, when present and an object (error otherwise).
  const nlohmann::json* Object(std::string_view name);
  FieldErrors& errors() { return errors_; }

 private:
  const nlohmann::json& object_;
  std::string base_;
  FieldErrors& errors_;
};

// Escapes a member name for use in a JSON pointer (RFC 6901).
std::string PointerEscape(std::string_view name);

}  // namespace craft::http
