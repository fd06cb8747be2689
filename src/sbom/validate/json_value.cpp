#include "sbom/validate/json_value.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string_view>
#include <utility>
#include <vector>

namespace craft::sbom::json_schema {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

std::uint64_t Mix(std::uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

std::uint64_t HashBytes(std::string_view s) { return Mix(std::hash<std::string_view>{}(s)); }

bool IsNumber(element_type t) {
  return t == element_type::INT64 || t == element_type::UINT64 || t == element_type::DOUBLE;
}

void AppendQuoted(std::string_view s, std::string& out) {
  out += '"';
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(c));
      out += buffer;
    } else {
      out += c;
    }
  }
  out += '"';
}

}  // namespace

double NumberValue(element value) {
  switch (value.type()) {
    case element_type::INT64:
      return static_cast<double>(int64_t(value));
    case element_type::UINT64:
      return static_cast<double>(uint64_t(value));
    case element_type::DOUBLE:
      return double(value);
    default:
      return 0;
  }
}

std::uint64_t HashValue(element value) {
  switch (value.type()) {
    case element_type::ARRAY: {
      std::uint64_t h = 0x9e3779b97f4a7c15ULL;
      for (element item : value.get_array()) h = Mix(h ^ HashValue(item)) + 1;
      return h;
    }
    case element_type::OBJECT: {
      std::uint64_t h = 0x51ed270b7f4a7c15ULL;  // members in any order: a sum
      for (auto member : value.get_object()) {
        h += Mix(HashBytes(member.key) * 31 + HashValue(member.value));
      }
      return Mix(h);
    }
    case element_type::STRING:
      return HashBytes(std::string_view(value));
    case element_type::BOOL:
      return bool(value) ? 0x1111 : 0x2222;
    case element_type::NULL_VALUE:
      return 0x3333;
    default: {
      double d = NumberValue(value);
      if (d == 0) d = 0;  // -0.0 equals 0
      std::uint64_t bits;
      std::memcpy(&bits, &d, sizeof bits);
      return Mix(bits);
    }
  }
}

std::uint64_t ShallowHash(element value) {
  if (value.type() != element_type::OBJECT) return HashValue(value);
  std::uint64_t h = 0x51ed270b7f4a7c15ULL;  // as HashValue: members in any order
  for (auto member : value.get_object()) {
    const element_type type = member.value.type();
    const std::uint64_t nested = type == element_type::ARRAY ? 0x4444 : 0x5555;
    const bool scalar = type != element_type::ARRAY && type != element_type::OBJECT;
    h += Mix(HashBytes(member.key) * 31 + (scalar ? HashValue(member.value) : nested));
  }
  return Mix(h);
}

bool EqualValues(element a, element b) {
  element_type ta = a.type(), tb = b.type();
  if (IsNumber(ta) && IsNumber(tb)) {
    if (ta == tb && ta != element_type::DOUBLE) {
      return ta == element_type::INT64 ? int64_t(a) == int64_t(b) : uint64_t(a) == uint64_t(b);
    }
    return NumberValue(a) == NumberValue(b);
  }
  if (ta != tb) return false;
  switch (ta) {
    case element_type::ARRAY: {
      auto x = a.get_array().value_unsafe(), y = b.get_array().value_unsafe();
      if (x.size() != y.size()) return false;
      auto i = x.begin(), j = y.begin();
      for (; i != x.end(); ++i, ++j) {
        if (!EqualValues(*i, *j)) return false;
      }
      return true;
    }
    case element_type::OBJECT: {
      auto x = a.get_object().value_unsafe(), y = b.get_object().value_unsafe();
      if (x.size() != y.size()) return false;
      for (auto member : x) {
        element other;
        if (y.at_key(member.key).get(other) != simdjson::SUCCESS) return false;
        if (!EqualValues(member.value, other)) return false;
      }
      return true;
    }
    case element_type::STRING:
      return std::string_view(a) == std::string_view(b);
    case element_type::BOOL:
      return bool(a) == bool(b);
    default:
      return true;  // null
  }
}

void CanonicalText(element value, std::string& out) {
  switch (value.type()) {
    case element_type::ARRAY: {
      out += '[';
      for (element item : value.get_array()) {
        CanonicalText(item, out);
        out += ',';
      }
      out += ']';
      return;
    }
    case element_type::OBJECT: {
      std::vector<std::pair<std::string_view, element>> members;
      for (auto member : value.get_object()) members.emplace_back(member.key, member.value);
      std::sort(members.begin(), members.end(),
                [](const auto& x, const auto& y) { return x.first < y.first; });
      out += '{';
      for (const auto& [key, item] : members) {
        AppendQuoted(key, out);
        out += ':';
        CanonicalText(item, out);
        out += ',';
      }
      out += '}';
      return;
    }
    case element_type::STRING:
      AppendQuoted(std::string_view(value), out);
      return;
    default:
      break;
  }
  if (IsNumber(value.type())) {
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%.17g", NumberValue(value));
    out += buffer;
    return;
  }
  out += simdjson::minify(value);
}

}  // namespace craft::sbom::json_schema
