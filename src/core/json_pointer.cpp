#include "core/json_pointer.h"

namespace craft::core {

void AppendJsonPointerToken(std::string& out, std::string_view token) {
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
}

std::string JsonPointerToken(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  AppendJsonPointerToken(out, token);
  return out;
}

}  // namespace craft::core
