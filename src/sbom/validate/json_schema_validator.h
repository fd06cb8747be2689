#pragma once
// The validator's state (internal to json_schema_validate.cpp and json_schema_combine.cpp): the
// path of the value being checked, the errors so far, and whether errors are being collected or
// only the first failure matters (a oneOf / anyOf branch tried quietly).

#include <simdjson.h>

#include <string>
#include <string_view>
#include <vector>

#include "sbom/validate/json_schema_node.h"

namespace craft::sbom::json_schema {

using simdjson::dom::element;
using simdjson::dom::element_type;

constexpr int kMaxDepth = 1000;            // nested evaluations, a guard against $ref cycles
constexpr std::size_t kBranchErrors = 20;  // errors kept per oneOf / anyOf branch explained

struct Error {
  std::string pointer;
  std::string message;
  std::size_t depth = 0;
  std::string missing;  // for a missing required property: its name
};

inline const Node& Resolve(const Node* node) {
  while (node->ref != nullptr) node = node->ref;
  return *node;
}

class Validator {
 public:
  explicit Validator(std::size_t cap) : cap_(cap) {}
  bool Check(const Node* schema, element value);

  std::vector<Error> errors;
  std::size_t dropped = 0;

 private:
  struct Segment {
    std::string_view key;
    std::size_t index = 0;
    bool is_key = true;
  };

  bool CheckEnum(const Node& node, element value);
  bool CheckObject(const Node& node, simdjson::dom::object object);
  bool CheckMember(const Node& node, std::string_view key, element value);
  bool CheckArray(const Node& node, simdjson::dom::array array);
  bool CheckUnique(simdjson::dom::array array);
  bool CheckUniqueFew(simdjson::dom::array array);
  void FailDuplicate(std::size_t index, std::size_t first);
  bool CheckString(const Node& node, std::string_view text);
  bool CheckNumber(const Node& node, element value);
  bool CheckCombinations(const Node& node, element value);
  bool CheckOneOf(const Node& node, element value);
  bool CheckAnyOf(const Node& node, element value);
  bool CheckNot(const Node& node, element value);
  bool Quietly(const Node* schema, element value);
  void ExplainBest(const std::vector<const Node*>& branches, element value);

  template <class MakeMessage>
  void Fail(MakeMessage&& make) {
    if (!collect_) return;
    if (errors.size() >= cap_) {
      ++dropped;
      return;
    }
    errors.push_back({Pointer(), make(), path_.size()});
  }
  std::string Pointer() const;

  std::size_t cap_;
  bool collect_ = true;
  int depth_ = 0;
  std::vector<Segment> path_;
};

}  // namespace craft::sbom::json_schema
