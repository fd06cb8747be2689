#pragma once
// Walking a simdjson document while keeping a JSON pointer to where we are, so that every
// diagnostic names its place. Internal to craft_sbom's JSON readers.
//
// The readers are written once and run over either of simdjson's two APIs:
// - its DOM, first: parsed whole by the best kernel of the CPU (chosen at run time inside
//   libsimdjson), strings already unescaped; the same DOM is then what the JSON schema validator
//   checks, so `sbom check` parses the bytes once;
// - On-Demand, when the DOM refuses the input (malformed, truncated, too deep: On-Demand reads
//   lazily and says where it stopped) or when a diagnostic must quote the JSON text as written
//   (a number read as a string, a value of the wrong type), which the DOM does not keep. The
//   On-Demand walk is compiled for any x86-64 (simdjson 3.0 builds it only for the compile-time
//   target); it is the path of malformed input, where speed does not matter.

#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "sbom/model.h"
#include "sbom/parse/formats.h"

namespace craft::sbom::parse {

// Scans JSON text for nesting deeper than `max_depth`, brackets that do not match, arrays or
// objects (or a string) left open at the end (a truncated file) and content after the document.
// Strings are skipped, escapes honoured. Returns an error diagnostic with its line:column, or
// nullopt when the nesting is sound. Linear, no recursion.
std::optional<Diagnostic> CheckJsonNesting(std::string_view text, std::size_t max_depth);

// The two halves of CheckJsonNesting, exposed for tests: the fast verdict (64 bytes at a time)
// and the byte-by-byte scan that says where and why.
bool JsonNestingIsSound(std::string_view text, std::size_t max_depth);
std::optional<Diagnostic> DiagnoseJsonNesting(std::string_view text, std::size_t max_depth);

}  // namespace craft::sbom::parse

namespace craft::sbom::parse::json {

namespace ondemand = simdjson::ondemand;

// The two simdjson APIs a reader runs over.
struct OnDemand {
  using Value = ondemand::value;
  using Root = ondemand::document;
};
struct Dom {
  using Value = simdjson::dom::element;
  using Root = simdjson::dom::element;
};

enum class JsonType { kArray, kObject, kNumber, kString, kBoolean, kNull };

// Thrown by a DOM reader when a diagnostic needs the JSON text as written: the document is then
// read again On-Demand, from the start.
struct NeedsSourceText {};

// The reader's position (a JSON pointer), its diagnostics and its component count, whatever the
// API.
class JsonPosition {
 public:
  JsonPosition(std::string_view bytes, const Limits& limits, std::vector<Diagnostic>& diagnostics)
      : bytes_(bytes), limits_(limits), diagnostics_(diagnostics) {}

  // The JSON pointer of the current position ("/" for the document root). The path is kept as
  // segments (keys point into simdjson's string buffer, valid while the document is read) and
  // written out only when a diagnostic needs it.
  std::string Pointer() const;
  void Push(std::string_view key) { Push(Segment{key, 0, true}); }
  void Push(std::size_t index) { Push(Segment{{}, index, false}); }
  void Pop() {
    if (depth_ > 0) --depth_;
  }

  void Warn(std::string message) { Add(Diagnostic::Severity::kWarning, std::move(message)); }
  void Error(std::string message) { Add(Diagnostic::Severity::kError, std::move(message)); }
  void Add(Diagnostic::Severity severity, std::string message);

  // Counts one more component; false (and an error) once Limits::max_components is passed.
  bool CountComponent();
  bool OverComponentLimit() const { return components_ > limits_.max_components; }

  const Limits& limits() const { return limits_; }
  std::string_view bytes() const { return bytes_; }

 private:
  std::string_view bytes_;
  const Limits& limits_;
  std::vector<Diagnostic>& diagnostics_;
  struct Segment {
    std::string_view key;
    std::size_t index;
    bool is_key;
  };
  // A push per field and per array element read: the path's slots are kept when popped, so that
  // a push is a store (vector::push_back was not inlined, and took 3% of `sbom check`).
  void Push(const Segment& segment) {
    if (depth_ == path_.size()) Grow();
    path_[depth_++] = segment;
  }
  void Grow();                 // out of line, so that Push is inlined
  std::vector<Segment> path_;  // path_[0, depth_) is the current position
  std::size_t depth_ = 0;
  std::size_t components_ = 0;
};

template <class Json>
class JsonReader : public JsonPosition {
 public:
  using Value = typename Json::Value;
  using JsonPosition::JsonPosition;

  JsonType Type(Value v);

  // The string at `v`. A number or boolean is taken as written, with a warning; any other type
  // gives a warning and "".
  std::string String(Value v);
  std::optional<double> Number(Value v);
  std::optional<std::int64_t> Integer(Value v);

  // Calls f(value) for each element of the array at `v`, with the index pushed on the pointer.
  // Anything but an array gives a warning. With `reserve`, `reserve->reserve()` is first told how
  // many more elements are coming.
  template <class F, class Vector = std::vector<int>>
  void ForEach(Value v, F&& f, Vector* reserve = nullptr) {
    if (!Expect(v, JsonType::kArray, "an array")) return;
    std::size_t i = 0;
    if constexpr (std::is_same_v<Json, Dom>) {
      const simdjson::dom::array array = v.get_array().value_unsafe();
      if (reserve != nullptr) reserve->reserve(reserve->size() + array.size());
      for (simdjson::dom::element element : array) {
        Push(i++);
        f(element);
        Pop();
      }
    } else {
      ondemand::array array = v.get_array();
      std::size_t n = 0;
      if (reserve != nullptr && array.count_elements().get(n) == simdjson::SUCCESS) {
        reserve->reserve(reserve->size() + n);
      }
      for (ondemand::value element : array) {
        Push(i++);
        f(element);
        Pop();
      }
    }
  }

  // ForEach over an array whose elements are read once, in order, and never looked at again: once
  // LetGoOfStringsBehind() is on, the DOM's strings of the elements already read go from memory
  // as the next one is reached (see LetGoOfStringsBehind).
  template <class F, class Vector = std::vector<int>>
  void ForEachOnce(Value v, F&& f, Vector* reserve = nullptr) {
    bool first = true;
    ForEach(
        v,
        [&](Value element) {
          if (LetGoOfStringsBefore(element, first)) first = false;
          f(element);
        },
        reserve);
  }

  // From now on, ForEachOnce lets the strings of the DOM being read go from memory behind it
  // (MADV_DONTNEED: the pages read back as zeros). simdjson writes a DOM's strings in document
  // order, so those of the elements already read lie before the next element's; the strings the
  // reader still holds (the keys of the pointer, outside the array) lie before the array's first
  // element, and are kept. The DOM may not be read again, except for the rest of the document.
  void LetGoOfStringsBehind() { let_go_ = true; }

  // Calls f(key, value) for each field of the object at `v`, with the key pushed on the pointer.
  template <class F>
  void ForFields(Value v, F&& f) {
    if (!Expect(v, JsonType::kObject, "an object")) return;
    if constexpr (std::is_same_v<Json, Dom>) {
      const simdjson::dom::object object = v.get_object().value_unsafe();
      for (const simdjson::dom::key_value_pair field : object) {
        Push(field.key);
        f(field.key, field.value);
        Pop();
      }
    } else {
      for (ondemand::field field : v.get_object()) {
        std::string_view key = field.unescaped_key();
        Push(key);
        f(key, field.value());
        Pop();
      }
    }
  }

  // The same over the fields of the document's root object (which ReadJson has checked).
  template <class F>
  void ForRootFields(typename Json::Root& root, F&& f) {
    if constexpr (std::is_same_v<Json, Dom>) {
      ForFields(root, f);
    } else {
      for (ondemand::field field : root.get_object()) {
        std::string_view key = field.unescaped_key();
        Push(key);
        f(key, field.value());
        Pop();
      }
    }
  }

  // Strings of an array of strings.
  std::vector<std::string> Strings(Value v);

  // True when `v` has type `type`; else a warning naming `what` was expected.
  bool Expect(Value v, JsonType type, std::string_view what);

 private:
  // Lets the DOM strings between the array's first element that has one (`first`: this is it)
  // and `element` go, whole pages only. False when the reader does not let go, or `element` has no
  // key to place it by (not an object, or an empty one).
  bool LetGoOfStringsBefore(Value element, bool first);

  bool let_go_ = false;
  std::uintptr_t kept_up_to_ = 0;  // strings from here up to the current element may go
};

// Runs `read()`, turning a simdjson error (a malformed or truncated document) into an error
// diagnostic at the reader's JSON pointer with the line:column where simdjson stopped. Returns
// false after such an error.
template <class F>
bool Guarded(JsonReader<OnDemand>& reader, ondemand::document& doc, F&& read) {
  try {
    read();
    return true;
  } catch (const simdjson::simdjson_error& e) {
    std::string where;
    const char* at = nullptr;
    if (doc.current_location().get(at) == simdjson::SUCCESS && at != nullptr) {
      auto offset = static_cast<std::size_t>(at - reader.bytes().data());
      if (offset <= reader.bytes().size())
        where = " (at " + LineColumn(reader.bytes(), offset) + ")";
    }
    reader.Error(std::string("malformed JSON: ") + e.what() + where);
    return false;
  }
}

// parse::ReadJson without its DOM: the On-Demand reader alone (for tests, which check that both
// readers say the same).
void ReadJsonOnDemand(std::string_view bytes, const Limits& limits, Parsed<Document>& out);

// The formats, each reading a document ReadJson has opened (and, On-Demand, rewound). A DOM
// reader may throw NeedsSourceText.
template <class Json>
void ReadCycloneDxJson(typename Json::Root& doc, JsonReader<Json>& reader, Document& out);
template <class Json>
void ReadSpdxJson(typename Json::Root& doc, JsonReader<Json>& reader, Document& out);
template <class Json>
void ReadSpdx3JsonLd(typename Json::Root& doc, JsonReader<Json>& reader, Document& out);

}  // namespace craft::sbom::parse::json
