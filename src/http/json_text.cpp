#include "http/json_text.h"

namespace craft::http {

void AppendJsonKey(std::string& out, std::string_view key) {
  AppendJsonString(out, key);
  out += ':';
}

}  // namespace craft::http
