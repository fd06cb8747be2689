#include "vuln/vex/json_support.h"

#include "core/json_pointer.h"

namespace craft::vuln::vex::detail {
namespace {

// Deepest nesting of arrays and objects, outside strings; stops counting past `limit`.
std::size_t NestingDepth(std::string_view bytes, std::size_t limit) {
  std::size_t depth = 0;
  std::size_t deepest = 0;
  bool in_string = false;
  bool escaped = false;
  for (char c : bytes) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

}  // namespace

std::optional<nlohmann::json> ParseLimited(std::string_view bytes,
                                           std::vector<Diagnostic>& diagnostics) {
  if (bytes.size() > kMaxDocumentBytes) {
    diagnostics.push_back({"", "document larger than the VEX size limit"});
    return std::nullopt;
  }
  if (NestingDepth(bytes, kMaxDepth) > kMaxDepth) {
    diagnostics.push_back({"", "document nests deeper than the VEX depth limit"});
    return std::nullopt;
  }
  nlohmann::json doc = nlohmann::json::parse(bytes, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    diagnostics.push_back({"", "not valid JSON"});
    return std::nullopt;
  }
  return doc;
}

std::string PointerToken(std::string_view token) { return core::JsonPointerToken(token); }

std::string Pointer(const std::string& parent, std::string_view token) {
  return parent + "/" + PointerToken(token);
}

std::string Pointer(const std::string& parent, std::size_t index) {
  return parent + "/" + std::to_string(index);
}

std::string StringMember(const nlohmann::json& object, std::string_view key,
                         const std::string& parent, std::vector<Diagnostic>& diagnostics) {
  if (!object.is_object()) return {};
  auto it = object.find(key);
  if (it == object.end()) return {};
  if (!it->is_string()) {
    diagnostics.push_back({Pointer(parent, key), "expected a string"});
    return {};
  }
  return it->get<std::string>();
}

const nlohmann::json* ArrayMember(const nlohmann::json& object, std::string_view key,
                                  const std::string& parent, std::vector<Diagnostic>& diagnostics) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  if (it == object.end()) return nullptr;
  if (!it->is_array()) {
    diagnostics.push_back({Pointer(parent, key), "expected an array"});
    return nullptr;
  }
  return &*it;
}

void ClassifyIdentifier(const std::string& identifier, Product& product) {
  if (identifier.rfind("pkg:", 0) == 0) {
    product.purl = identifier;
  } else if (identifier.rfind("cpe:", 0) == 0) {
    product.cpe = identifier;
  } else {
    product.id = identifier;
  }
}

}  // namespace craft::vuln::vex::detail
