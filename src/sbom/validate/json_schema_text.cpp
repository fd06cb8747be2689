#include "sbom/validate/json_schema_text.h"

#include <vector>

namespace craft::sbom::json_schema {

using simdjson::dom::element;
using simdjson::dom::element_type;

std::string TypeNames(std::uint8_t types) {
  std::vector<std::string> names;
  if (types & kObject) names.emplace_back("an object");
  if (types & kArray) names.emplace_back("an array");
  if (types & kString) names.emplace_back("a string");
  if (types & kNumber) {
    names.emplace_back("a number");
  } else if (types & kInteger) {
    names.emplace_back("an integer");
  }
  if (types & kBoolean) names.emplace_back("true or false");
  if (types & kNull) names.emplace_back("null");
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
    out += names[i];
  }
  return out;
}

std::string Quote(std::string_view text) {
  constexpr std::size_t kMax = 60;
  if (text.size() <= kMax) return std::string(text);
  std::size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // UTF-8
  return std::string(text.substr(0, cut)) + "...";
}

std::string Describe(element value) {
  switch (value.type()) {
    case element_type::OBJECT:
      return "an object";
    case element_type::ARRAY:
      return "an array";
    case element_type::STRING:
      return "the string '" + Quote(std::string_view(value)) + "'";
    case element_type::BOOL:
      return bool(value) ? "true" : "false";
    case element_type::NULL_VALUE:
      return "null";
    default:
      return "the number " + simdjson::minify(value);
  }
}

std::string EnumMessage(const Node& node, element value) {
  std::string what;
  std::string_view text;
  if (!value.get(text)) {
    what = "'" + Quote(text) + "'";
  } else {
    what = Describe(value);
  }
  if (node.enum_listing.size() == 1)
    return what + " is not the required value " + Quote(node.enum_listing[0]);
  constexpr std::size_t kListed = 20;
  if (node.enum_listing.size() > kListed) {
    return what + " is not one of the " + std::to_string(node.enum_listing.size()) +
           " values allowed here";
  }
  std::string out = what + " is not one of ";
  for (std::size_t i = 0; i < node.enum_listing.size(); ++i) {
    if (i > 0) out += ", ";
    out += node.enum_listing[i];
  }
  return out;
}

std::string AllowedProperties(const Node& node) {
  constexpr std::size_t kListed = 12;
  if (node.properties.empty() || node.properties.size() > kListed) return "";
  std::string out = " (allowed: ";
  for (std::size_t i = 0; i < node.properties.size(); ++i) {
    if (i > 0) out += ", ";
    out += node.properties[i].first;
  }
  return out + ")";
}

}  // namespace craft::sbom::json_schema
