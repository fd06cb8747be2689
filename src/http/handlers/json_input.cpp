#include "http/handlers/json_input.h"

#include <algorithm>

#include "core/json_pointer.h"

namespace craft::http {
namespace {

std::string LineColumn(std::string_view text, std::size_t byte) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return std::to_string(line) + ":" + std::to_string(column);
}

// nlohmann's parser recurses; refuse deep nesting before handing the text over.
bool TooDeep(std::string_view text, int max_depth) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > max_depth) return true;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return false;
}

std::string TypeName(const nlohmann::json& v) { return v.type_name(); }

}  // namespace

nlohmann::json ParseJsonObject(const Request& request) {
  const std::string type = request.Header("content-type");
  const std::string media = type.substr(0, type.find(';'));
  auto lower = media;
  std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
  while (!lower.empty() && lower.back() == ' ') lower.pop_back();
  if (lower != "application/json" && !(lower.size() > 5 && lower.ends_with("+json"))) {
    throw ProblemError(415, "the request body must be application/json (got '" + media + "')", {},
                       "unsupported-media-type");
  }
  if (TooDeep(request.body, 64)) {
    throw ProblemError(400, "JSON nested deeper than 64 levels", {}, "malformed-json");
  }
  nlohmann::json value;
  try {
    value = nlohmann::json::parse(request.body);
  } catch (const nlohmann::json::parse_error& e) {
    const std::size_t at = e.byte > 0 ? e.byte - 1 : 0;
    std::string what = e.what();
    const auto colon = what.find(": ");
    if (colon != std::string::npos) what = what.substr(colon + 2);
    throw ProblemError(400, "malformed JSON at " + LineColumn(request.body, at) + ": " + what, {},
                       "malformed-json");
  }
  if (!value.is_object()) {
    throw ProblemError(422, "the request body must be a JSON object, not " + TypeName(value),
                       {{"", "expected an object"}}, "validation");
  }
  return value;
}

void FieldErrors::Add(std::string pointer, std::string detail) {
  errors_.push_back({std::move(pointer), std::move(detail)});
}

void FieldErrors::Finish() const {
  if (errors_.empty()) return;
  std::string detail = errors_.size() == 1
                           ? errors_[0].pointer + ": " + errors_[0].detail
                           : std::to_string(errors_.size()) + " fields are invalid; see errors";
  throw ProblemError(422, detail, errors_, "validation");
}

std::string PointerEscape(std::string_view name) { return core::JsonPointerToken(name); }

ObjectReader::ObjectReader(const nlohmann::json& object, std::string base, FieldErrors& errors)
    : object_(object), base_(std::move(base)), errors_(errors) {}

std::string ObjectReader::Pointer(std::string_view name) const {
  return base_ + "/" + PointerEscape(name);
}

bool ObjectReader::Has(std::string_view name) const { return object_.contains(std::string(name)); }

void ObjectReader::RejectUnknown(std::initializer_list<std::string_view> allowed) {
  for (const auto& [key, value] : object_.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      errors_.Add(Pointer(key), "unknown field '" + key + "'");
    }
  }
}

void ObjectReader::Require(std::initializer_list<std::string_view> names) {
  for (auto name : names) {
    if (!Has(name) || object_.at(std::string(name)).is_null()) {
      errors_.Add(Pointer(name), "required field is missing");
    }
  }
}

bool ObjectReader::ReadString(std::string_view name, std::string& out, std::size_t max) {
  const auto it = object_.find(std::string(name));
  if (it == object_.end()) return false;
  if (it->is_null()) {
    out.clear();
    return true;
  }
  if (!it->is_string()) {
    errors_.Add(Pointer(name), "expected a string, got " + TypeName(*it));
    return false;
  }
  const auto& s = it->get_ref<const std::string&>();
  if (s.size() > max) {
    errors_.Add(Pointer(name), "longer than " + std::to_string(max) + " bytes");
    return false;
  }
  for (unsigned char c : s) {
    if ((c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0x7f) {
      errors_.Add(Pointer(name), "contains a control character");
      return false;
    }
  }
  out = s;
  return true;
}

bool ObjectReader::ReadNonEmptyString(std::string_view name, std::string& out, std::size_t max) {
  std::string value;
  if (!ReadString(name, value, max)) return false;
  if (value.find_first_not_of(" \t\r\n") == std::string::npos) {
    errors_.Add(Pointer(name), "must not be empty");
    return false;
  }
  out = value;
  return true;
}

bool ObjectReader::ReadBool(std::string_view name, bool& out) {
  const auto it = object_.find(std::string(name));
  if (it == object_.end()) return false;
  if (!it->is_boolean()) {
    errors_.Add(Pointer(name), "expected true or false, got " + TypeName(*it));
    return false;
  }
  out = it->get<bool>();
  return true;
}

bool ObjectReader::ReadInt(std::string_view name, int& out, int min, int max) {
  const auto it = object_.find(std::string(name));
  if (it == object_.end()) return false;
  if (!it->is_number_integer() || it->get<long long>() < min || it->get<long long>() > max) {
    errors_.Add(Pointer(name),
                "expected an integer from " + std::to_string(min) + " to " + std::to_string(max));
    return false;
  }
  out = static_cast<int>(it->get<long long>());
  return true;
}

bool ObjectReader::ReadDate(std::string_view name, std::optional<core::Date>& out) {
  const auto it = object_.find(std::string(name));
  if (it == object_.end()) return false;
  if (it->is_null()) {
    out.reset();
    return true;
  }
  std::optional<core::Date> date;
  if (it->is_string()) date = core::ParseDate(it->get_ref<const std::string&>());
  if (!date) {
    errors_.Add(Pointer(name), "expected a date YYYY-MM-DD or null");
    return false;
  }
  out = date;
  return true;
}

bool ObjectReader::ReadEnum(std::string_view name, std::span<const std::string_view> names,
                            std::optional<std::size_t>& out, bool nullable) {
  const auto it = object_.find(std::string(name));
  if (it == object_.end()) return false;
  if (it->is_null() && nullable) {
    out.reset();
    return true;
  }
  std::string allowed;
  for (auto n : names) allowed += (allowed.empty() ? "" : ", ") + std::string(n);
  if (it->is_string()) {
    const auto& s = it->get_ref<const std::string&>();
    const auto found = std::find(names.begin(), names.end(), s);
    if (found != names.end()) {
      out = static_cast<std::size_t>(found - names.begin());
      return true;
    }
    errors_.Add(Pointer(name), "unknown value '" + s + "'; expected one of: " + allowed);
    return false;
  }
  errors_.Add(Pointer(name), "expected one of: " + allowed);
  return false;
}

bool ObjectReader::ReadStringArray(std::string_view name, std::vector<std::string>& out,
                                   std::size_t max_items, std::size_t max_len) {
  const auto it = object_.find(std::string(name));
  if (it == object_.end()) return false;
  if (!it->is_array() || it->size() > max_items) {
    errors_.Add(Pointer(name),
                "expected an array of at most " + std::to_string(max_items) + " strings");
    return false;
  }
  std::vector<std::string> values;
  bool ok = true;
  for (std::size_t i = 0; i < it->size(); ++i) {
    const auto& item = (*it)[i];
    if (!item.is_string() || item.get_ref<const std::string&>().size() > max_len) {
      errors_.Add(Pointer(name) + "/" + std::to_string(i), "expected a string");
      ok = false;
    } else {
      values.push_back(item.get<std::string>());
    }
  }
  if (ok) out = std::move(values);
  return ok;
}

const nlohmann::json* ObjectReader::Object(std::string_view name) {
  const auto it = object_.find(std::string(name));
  if (it == object_.end()) return nullptr;
  if (!it->is_object()) {
    errors_.Add(Pointer(name), "expected an object, got " + TypeName(*it));
    return nullptr;
  }
  return &*it;
}

}  // namespace craft::http
