#include "sbom/parse/json_reader.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <optional>

#include "core/json_pointer.h"

namespace craft::sbom::parse::json {

std::string JsonPosition::Pointer() const {
  std::string pointer;
  for (std::size_t i = 0; i < depth_; ++i) {
    const Segment& segment = path_[i];
    pointer += '/';
    if (!segment.is_key) {
      pointer += std::to_string(segment.index);
      continue;
    }
    core::AppendJsonPointerToken(pointer, segment.key);
  }
  return pointer.empty() ? "/" : pointer;
}

void JsonPosition::Grow() { path_.resize(2 * depth_ + 16); }

void JsonPosition::Add(Diagnostic::Severity severity, std::string message) {
  diagnostics_.push_back({severity, Pointer(), std::move(message)});
}

namespace {

JsonType TypeOf(simdjson::dom::element v) {
  switch (v.type()) {
    case simdjson::dom::element_type::ARRAY:
      return JsonType::kArray;
    case simdjson::dom::element_type::OBJECT:
      return JsonType::kObject;
    case simdjson::dom::element_type::STRING:
      return JsonType::kString;
    case simdjson::dom::element_type::BOOL:
      return JsonType::kBoolean;
    case simdjson::dom::element_type::NULL_VALUE:
      return JsonType::kNull;
    default:
      return JsonType::kNumber;
  }
}

JsonType TypeOf(ondemand::value v) {
  switch (v.type()) {
    case ondemand::json_type::array:
      return JsonType::kArray;
    case ondemand::json_type::object:
      return JsonType::kObject;
    case ondemand::json_type::string:
      return JsonType::kString;
    case ondemand::json_type::boolean:
      return JsonType::kBoolean;
    case ondemand::json_type::null:
      return JsonType::kNull;
    default:
      return JsonType::kNumber;
  }
}

// A number or boolean as written, without the whitespace that follows it.
std::string TokenText(ondemand::value v) {
  std::string text(v.raw_json_token());
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n' || text.back() == '\r' ||
                           text.back() == '\t')) {
    text.pop_back();
  }
  return text;
}

}  // namespace

template <class Json>
JsonType JsonReader<Json>::Type(Value v) {
  return TypeOf(v);
}

template <class Json>
bool JsonReader<Json>::Expect(Value v, JsonType type, std::string_view what) {
  if (TypeOf(v) == type) return true;
  if constexpr (std::is_same_v<Json, Dom>) {
    throw NeedsSourceText{};  // the warning quotes the value as written
  } else {
    Warn("expected " + std::string(what) + ", found " +
         std::string(v.raw_json_token()).substr(0, 40));
    return false;
  }
}

template <class Json>
std::string JsonReader<Json>::String(Value v) {
  switch (TypeOf(v)) {
    case JsonType::kString:
      return std::string(std::string_view(v.get_string().value_unsafe()));
    case JsonType::kNumber:
    case JsonType::kBoolean: {
      std::string text;
      if constexpr (std::is_same_v<Json, Dom>) {
        if (!v.is_bool()) throw NeedsSourceText{};  // a number's text is not in the DOM
        text = v.get_bool().value_unsafe() ? "true" : "false";
      } else {
        text = TokenText(v);
      }
      Warn("expected a string, found " + text + " (read as \"" + text + "\")");
      return text;
    }
    case JsonType::kNull:
      return {};
    default:
      Warn("expected a string, found an " +
           std::string(TypeOf(v) == JsonType::kArray ? "array" : "object"));
      return {};
  }
}

template <class Json>
std::optional<double> JsonReader<Json>::Number(Value v) {
  const JsonType type = TypeOf(v);
  if (type != JsonType::kNumber) {
    if (type != JsonType::kNull) Warn("expected a number");
    return std::nullopt;
  }
  return double(v.get_double());
}

template <class Json>
std::optional<std::int64_t> JsonReader<Json>::Integer(Value v) {
  if (TypeOf(v) != JsonType::kNumber) {
    Warn("expected an integer");
    return std::nullopt;
  }
  if constexpr (std::is_same_v<Json, Dom>) {
    // On-Demand decides from the text whether "-0" or "1e2" is an integer; the DOM has only the
    // parsed double.
    if (v.type() == simdjson::dom::element_type::DOUBLE) throw NeedsSourceText{};
  }
  std::int64_t n = 0;
  if (v.get_int64().get(n) != simdjson::SUCCESS) {
    Warn("expected an integer");
    return std::nullopt;
  }
  return n;
}

template <class Json>
std::vector<std::string> JsonReader<Json>::Strings(Value v) {
  std::vector<std::string> out;
  ForEach(v, [&](Value element) { out.push_back(String(element)); });
  return out;
}

template <class Json>
bool JsonReader<Json>::LetGoOfStringsBefore(Value element, bool first) {
  if constexpr (std::is_same_v<Json, Dom>) {
    if (!let_go_ || element.type() != simdjson::dom::element_type::OBJECT) return false;
    const simdjson::dom::object object = element.get_object().value_unsafe();
    if (object.begin() == object.end()) return false;
    // The element's first string, its key, is preceded in the buffer by its 4-byte length.
    const auto at = reinterpret_cast<std::uintptr_t>((*object.begin()).key.data()) - 4;
    static const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
    if (first) {
      kept_up_to_ = std::max(kept_up_to_, (at + page - 1) & ~(page - 1));
      return true;
    }
    // A megabyte at a time: a call per page (every few components) cost more than it saved.
    constexpr std::uintptr_t kAtLeast = std::uintptr_t{1} << 20;
    const std::uintptr_t end = at & ~(page - 1);
    if (end < kept_up_to_ + kAtLeast) return true;
    ::madvise(reinterpret_cast<void*>(kept_up_to_), end - kept_up_to_, MADV_DONTNEED);
    kept_up_to_ = end;
    return true;
  } else {
    (void)element;
    (void)first;
    return false;
  }
}

template class JsonReader<OnDemand>;
template class JsonReader<Dom>;

bool JsonPosition::CountComponent() {
  if (++components_ <= limits_.max_components) return true;
  if (components_ == limits_.max_components + 1) {
    Error("more than " + std::to_string(limits_.max_components) +
          " components: refused (limit max_components)");
  }
  return false;
}

}  // namespace craft::sbom::parse::json
