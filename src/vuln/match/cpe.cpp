#include "vuln/match/cpe.h"

namespace craft::vuln::match {
namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Whether `value` matches `pattern`, where a leading or trailing unescaped "*" stands for any run
// of characters and each leading or trailing "?" for one character.
bool WildcardMatches(std::string_view pattern, std::string_view value) {
  bool any_prefix = false, any_suffix = false;
  std::size_t one_prefix = 0, one_suffix = 0;
  if (pattern.starts_with('*')) any_prefix = true, pattern.remove_prefix(1);
  while (pattern.starts_with('?')) ++one_prefix, pattern.remove_prefix(1);
  if (pattern.ends_with('*')) any_suffix = true, pattern.remove_suffix(1);
  while (pattern.ends_with('?')) ++one_suffix, pattern.remove_suffix(1);
  if (value.size() < pattern.size() + one_prefix + one_suffix) return false;
  std::size_t extra = value.size() - pattern.size() - one_prefix - one_suffix;
  if (extra > 0 && !any_prefix && !any_suffix) return false;
  for (std::size_t start = one_prefix; start <= one_prefix + extra; ++start) {
    if (start > one_prefix && !any_prefix) break;
    std::size_t tail = value.size() - start - pattern.size();
    if (tail != one_suffix && !any_suffix) continue;
    if (value.substr(start, pattern.size()) == pattern) return true;
  }
  return false;
}

}  // namespace

std::optional<Cpe> ParseCpe23(std::string_view text) {
  constexpr std::string_view kPrefix = "cpe:2.3:";
  if (text.size() < kPrefix.size()) return std::nullopt;
  for (std::size_t i = 0; i < kPrefix.size(); ++i) {
    if (Lower(text[i]) != kPrefix[i]) return std::nullopt;
  }
  text.remove_prefix(kPrefix.size());
  Cpe cpe;
  std::size_t index = 0;
  std::string* current = &cpe.attributes[0];
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\\' && i + 1 < text.size()) {
      current->push_back(Lower(text[++i]));
    } else if (c == ':') {
      if (++index == Cpe::kAttributeCount) return std::nullopt;
      current = &cpe.attributes[index];
    } else {
      current->push_back(Lower(c));
    }
  }
  for (auto& attribute : cpe.attributes) {
    if (attribute.empty()) attribute = "*";
  }
  const auto& part = cpe.part();
  if (part != "a" && part != "o" && part != "h" && part != "*") return std::nullopt;
  if (cpe.vendor() == "*" && index < Cpe::kVendor) return std::nullopt;
  if (index < Cpe::kProduct) return std::nullopt;
  return cpe;
}

bool AttributeMatches(std::string_view criteria, std::string_view target) {
  if (criteria == "*" || target == "*") return true;
  if (criteria == "-" || target == "-") return criteria == target;
  if (criteria == target) return true;
  if (criteria.find_first_of("*?") == std::string_view::npos) return false;
  return WildcardMatches(criteria, target);
}

}  // namespace craft::vuln::match
