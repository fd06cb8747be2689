#pragma once
// The compiled form of a JSON schema (internal to json_schema*.cpp): one Node per subschema,
// owned by Schema::Nodes, linked by plain pointers. A $ref node only points at its target (in
// draft-07 the keywords beside a $ref are ignored).

#include <re2/re2.h>

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "sbom/validate/json_schema.h"
#include "sbom/validate/text_formats.h"

namespace craft::sbom::json_schema {

// JSON types as bits, for `type`.
enum TypeBit : std::uint8_t {
  kNull = 1,
  kBoolean = 2,
  kObject = 4,
  kArray = 8,
  kNumber = 16,
  kInteger = 32,
  kString = 64,
};

// Hashes strings and string views alike, so that a set of strings is searched without a copy.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

enum class Format { kNone, kDateTime, kDate, kUri, kIriReference, kEmail };

struct Node {
  bool always_false = false;  // the schema `false`
  const Node* ref = nullptr;  // $ref target; when set, nothing else applies
  std::string ref_text;       // the $ref as written, resolved after compilation

  std::uint8_t types = 0;  // 0: any type

  // enum / const: strings in a set, other values by their canonical text.
  bool has_enum = false;
  std::unordered_set<std::string, StringHash, std::equal_to<>> enum_strings;
  std::vector<std::string> enum_others;   // canonical JSON text
  std::vector<std::string> enum_listing;  // the allowed values as written, for messages

  // Objects.
  std::vector<std::pair<std::string, const Node*>> properties;  // sorted by name
  std::vector<std::pair<std::unique_ptr<RE2>, const Node*>> pattern_properties;
  const Node* additional_properties = nullptr;  // null: anything
  std::vector<std::string> required;
  std::optional<std::size_t> min_properties, max_properties;

  // Arrays.
  const Node* items = nullptr;             // one schema for every item
  std::vector<const Node*> tuple_items;    // items as an array
  const Node* additional_items = nullptr;  // after tuple_items
  const Node* contains = nullptr;
  std::optional<std::size_t> min_items, max_items;
  bool unique_items = false;

  // Strings.
  std::optional<std::size_t> min_length, max_length;  // in code points
  std::unique_ptr<RE2> pattern;
  Format format = Format::kNone;
  std::string format_name;

  // Numbers.
  std::optional<double> minimum, maximum, exclusive_minimum, exclusive_maximum, multiple_of;

  // Combinations.
  std::vector<const Node*> all_of, any_of, one_of;
  const Node* not_schema = nullptr;
  const Node* if_schema = nullptr;
  const Node* then_schema = nullptr;
  const Node* else_schema = nullptr;
};

struct Schema::Nodes {
  std::deque<Node> all;
};

}  // namespace craft::sbom::json_schema
