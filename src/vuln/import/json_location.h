#pragma once
// Where a reader is inside a JSON document, rendered as a JSON pointer (RFC 6901) only when a
// diagnostic needs it. Internal to src/vuln/import.

#include <cstddef>
#include <string>
#include <string_view>

#include "core/json_pointer.h"

namespace craft::vuln::import {

// One step of a path from the document root: an object key or an array index. Each step refers to
// its parent, which must outlive it (steps live on the stack of the reading functions; never
// name a step whose parent is a temporary).
class JsonLocation {
 public:
  JsonLocation() = default;  // the document root
  JsonLocation(const JsonLocation& parent, std::string_view key)
      : parent_(&parent), key_(key), is_index_(false) {}
  JsonLocation(const JsonLocation& parent, std::size_t index)
      : parent_(&parent), index_(index), is_index_(true) {}

  // "" for the root, "/affected/0/ranges/1/events" otherwise; "~" and "/" in keys escaped.
  std::string Pointer() const {
    if (parent_ == nullptr) return {};
    std::string out = parent_->Pointer();
    out.push_back('/');
    if (is_index_) {
      out += std::to_string(index_);
      return out;
    }
    core::AppendJsonPointerToken(out, key_);
    return out;
  }

 private:
  const JsonLocation* parent_ = nullptr;
  std::string_view key_;
  std::size_t index_ = 0;
  bool is_index_ = false;
};

}  // namespace craft::vuln::import
