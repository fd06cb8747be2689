// Validating a simdjson DOM against compiled Nodes (see json_schema.h).

#include <simdjson.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/json_pointer.h"
#include "sbom/validate/json_schema.h"
#include "sbom/validate/json_schema_node.h"
#include "sbom/validate/json_schema_text.h"
#include "sbom/validate/json_schema_validator.h"
#include "sbom/validate/json_value.h"

namespace craft::sbom::json_schema {
std::string Validator::Pointer() const {
  if (path_.empty()) return "/";
  std::string out;
  for (const Segment& s : path_) {
    out += '/';
    if (!s.is_key) {
      out += std::to_string(s.index);
      continue;
    }
    core::AppendJsonPointerToken(out, s.key);
  }
  return out;
}

namespace {

bool TypeMatches(std::uint8_t types, element value) {
  switch (value.type()) {
    case element_type::OBJECT:
      return types & kObject;
    case element_type::ARRAY:
      return types & kArray;
    case element_type::STRING:
      return types & kString;
    case element_type::BOOL:
      return types & kBoolean;
    case element_type::NULL_VALUE:
      return types & kNull;
    case element_type::DOUBLE: {
      if (types & kNumber) return true;
      double d = double(value);
      return (types & kInteger) && std::isfinite(d) && d == std::floor(d);
    }
    default:
      return types & kInteger;
  }
}

}  // namespace

bool Validator::Check(const Node* schema, element value) {
  const Node& node = Resolve(schema);
  if (depth_ >= kMaxDepth) {
    Fail([] { return std::string("the document is nested too deeply to validate"); });
    return false;
  }
  ++depth_;
  struct Leave {
    int& depth;
    ~Leave() { --depth; }
  } leave{depth_};
  if (node.always_false) {
    Fail([] { return std::string("no value is allowed here"); });
    return false;
  }
  if (node.types != 0 && !TypeMatches(node.types, value)) {
    Fail([&] { return "expected " + TypeNames(node.types) + ", found " + Describe(value); });
    return false;
  }
  bool ok = !node.has_enum || CheckEnum(node, value);
  if (!ok && !collect_) return false;
  switch (value.type()) {
    case element_type::OBJECT:
      ok = CheckObject(node, value.get_object().value_unsafe()) && ok;
      break;
    case element_type::ARRAY:
      ok = CheckArray(node, value.get_array().value_unsafe()) && ok;
      break;
    case element_type::STRING:
      ok = CheckString(node, value.get_string().value_unsafe()) && ok;
      break;
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE:
      ok = CheckNumber(node, value) && ok;
      break;
    default:
      break;
  }
  if (!ok && !collect_) return false;
  return CheckCombinations(node, value) && ok;
}

bool Validator::CheckEnum(const Node& node, element value) {
  std::string_view text;
  if (!value.get(text)) {
    if (node.enum_strings.find(text) != node.enum_strings.end()) return true;
  } else if (!node.enum_others.empty()) {
    std::string canonical;
    CanonicalText(value, canonical);
    if (std::find(node.enum_others.begin(), node.enum_others.end(), canonical) !=
        node.enum_others.end()) {
      return true;
    }
  }
  Fail([&] { return EnumMessage(node, value); });
  return false;
}

bool Validator::CheckObject(const Node& node, simdjson::dom::object object) {
  bool ok = true;
  std::size_t count = 0;
  for (auto member : object) {
    ++count;
    path_.push_back({member.key, 0, true});
    ok = CheckMember(node, member.key, member.value) && ok;
    path_.pop_back();
    if (!ok && !collect_) return false;
  }
  for (const std::string& name : node.required) {
    element ignored;
    if (object.at_key(name).get(ignored) != simdjson::SUCCESS) {
      Fail([&] { return "the required property '" + name + "' is missing"; });
      if (collect_ && !errors.empty() && errors.back().depth == path_.size()) {
        errors.back().missing = name;
      }
      ok = false;
      if (!collect_) return false;
    }
  }
  if (node.min_properties && count < *node.min_properties) {
    Fail([&] {
      return "has " + std::to_string(count) + " properties, fewer than the minimum of " +
             std::to_string(*node.min_properties);
    });
    ok = false;
  }
  if (node.max_properties && count > *node.max_properties) {
    Fail([&] {
      return "has " + std::to_string(count) + " properties, more than the maximum of " +
             std::to_string(*node.max_properties);
    });
    ok = false;
  }
  return ok;
}

namespace {

// std::string's operator<, inline: the property names of the schema are searched for every member
// of the document, and most compare unequal in their first bytes, where a call to memcmp for each
// comparison cost more than the comparison (5% of `sbom check`).
bool NameLess(std::string_view a, std::string_view b) {
  const std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[i]);
  }
  return a.size() < b.size();
}

}  // namespace

bool Validator::CheckMember(const Node& node, std::string_view key, element value) {
  bool ok = true, matched = false;
  auto it =
      std::lower_bound(node.properties.begin(), node.properties.end(), key,
                       [](const auto& p, std::string_view k) { return NameLess(p.first, k); });
  if (it != node.properties.end() && it->first == key) {
    matched = true;
    ok = Check(it->second, value);
  }
  for (const auto& [re, child] : node.pattern_properties) {
    if (!RE2::PartialMatch(re2::StringPiece(key.data(), key.size()), *re)) continue;
    matched = true;
    ok = Check(child, value) && ok;
  }
  if (matched || node.additional_properties == nullptr) return ok;
  if (Resolve(node.additional_properties).always_false) {
    Fail([&] {
      return "the property '" + Quote(key) + "' is not allowed here" + AllowedProperties(node);
    });
    return false;
  }
  return Check(node.additional_properties, value);
}

bool Validator::CheckArray(const Node& node, simdjson::dom::array array) {
  bool ok = true;
  std::size_t i = 0;
  bool contained = node.contains == nullptr;
  for (element item : array) {
    const Node* child = node.items;
    if (!node.tuple_items.empty()) {
      child = i < node.tuple_items.size() ? node.tuple_items[i] : node.additional_items;
    }
    path_.push_back({{}, i, false});
    if (child != nullptr) {
      if (Resolve(child).always_false && !node.tuple_items.empty()) {
        Fail([&] {
          return "the array may hold at most " + std::to_string(node.tuple_items.size()) +
                 " item(s)";
        });
        ok = false;
      } else {
        ok = Check(child, item) && ok;
      }
    }
    path_.pop_back();
    if (!contained) contained = Quietly(node.contains, item);
    if (!ok && !collect_) return false;
    ++i;
  }
  if (node.min_items && i < *node.min_items) {
    Fail([&] {
      return "has " + std::to_string(i) + " item(s), fewer than the minimum of " +
             std::to_string(*node.min_items);
    });
    ok = false;
  }
  if (node.max_items && i > *node.max_items) {
    Fail([&] {
      return "has " + std::to_string(i) + " item(s), more than the maximum of " +
             std::to_string(*node.max_items);
    });
    ok = false;
  }
  if (!contained) {
    Fail([] { return std::string("no item matches what the array must contain"); });
    ok = false;
  }
  if (node.unique_items && (ok || collect_)) ok = CheckUnique(array) && ok;
  return ok;
}

void Validator::FailDuplicate(std::size_t index, std::size_t first) {
  path_.push_back({{}, index, false});
  Fail([&] {
    return "duplicates item " + std::to_string(first) + "; the items of this array must be unique";
  });
  path_.pop_back();
}

// Arrays of up to this many items are checked pairwise, without a table: most arrays with
// uniqueItems hold one or two items (a component's hashes, licences, references), and a table
// for each cost an allocation.
constexpr std::size_t kFewItems = 8;

// Item i against every earlier one; the first equal one is the one reported, as CheckUnique does.
bool Validator::CheckUniqueFew(simdjson::dom::array array) {
  element items[kFewItems];
  std::size_t count = 0;
  for (element item : array) items[count++] = item;
  bool ok = true;
  for (std::size_t i = 1; i < count; ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (!EqualValues(items[j], items[i])) continue;
      FailDuplicate(i, j);
      ok = false;
      break;
    }
    if (!ok && !collect_) return false;
  }
  return ok;
}

namespace {

struct ItemSlot {
  std::uint64_t hash = 0;
  std::size_t index = 0;
  element item;
  bool used = false;
  bool hashed_whole = false;  // in the shallow table: the item is in the whole table too
};

// Open addressing over at least twice as many slots as items, probed linearly.
class ItemTable {
 public:
  explicit ItemTable(std::size_t items) {
    std::size_t capacity = 16;
    while (capacity < 2 * items) capacity *= 2;
    slots_.resize(capacity);
  }

  // The slot of an item of hash `hash` that `matches`, else the free slot where such an item goes.
  template <class Matches>
  ItemSlot& Find(std::uint64_t hash, Matches&& matches) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t at = hash & mask;
    for (; slots_[at].used; at = (at + 1) & mask) {
      if (slots_[at].hash == hash && matches(slots_[at])) break;
    }
    return slots_[at];
  }

 private:
  std::vector<ItemSlot> slots_;
};

}  // namespace

// Linear: each item is hashed by its scalar members (ShallowHash) into one table. Only items that
// share a shallow hash are hashed whole (HashValue) into a second table, and only items of equal
// whole hash are compared; each item is still reported against the first item it equals. The
// items of a large array (components, dependencies) differ in a name or a ref, so their nested
// lists (properties, hashes, ...) are seldom hashed: hashing whole components took 9% of a check.
bool Validator::CheckUnique(simdjson::dom::array array) {
  if (array.size() <= kFewItems) return CheckUniqueFew(array);
  ItemTable shallow(array.size());
  std::optional<ItemTable> whole;
  const auto add_whole = [&](std::size_t index, element item) -> ItemSlot& {
    const std::uint64_t hash = HashValue(item);
    ItemSlot& slot =
        whole->Find(hash, [&](const ItemSlot& s) { return EqualValues(s.item, item); });
    if (!slot.used) slot = {hash, index, item, true, false};
    return slot;
  };
  std::size_t i = 0;
  bool ok = true;
  for (element item : array) {
    const std::uint64_t hash = ShallowHash(item);
    ItemSlot& first = shallow.Find(hash, [](const ItemSlot&) { return true; });
    if (!first.used) {
      first = {hash, i++, item, true, false};
      continue;
    }
    if (!whole) whole.emplace(array.size());
    if (!first.hashed_whole) add_whole(first.index, first.item);
    first.hashed_whole = true;
    const ItemSlot& equal = add_whole(i, item);
    if (equal.index != i) {
      FailDuplicate(i, equal.index);
      ok = false;
      if (!collect_) return false;
    }
    ++i;
  }
  return ok;
}

}  // namespace craft::sbom::json_schema
