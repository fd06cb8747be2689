// Kernel-independent helpers of the JSON readers: positions and the nesting pre-check.
#include <cstdint>
#include <cstring>

#include "sbom/parse/json_reader.h"

namespace craft::sbom::parse {

std::string LineColumn(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::size_t line = 1;
  std::size_t line_start = 0;
  const char* p = text.data();
  const char* end = text.data() + offset;
  while (true) {
    const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
    if (nl == nullptr) break;
    ++line;
    p = static_cast<const char*>(nl) + 1;
    line_start = static_cast<std::size_t>(p - text.data());
  }
  return std::to_string(line) + ":" + std::to_string(offset - line_start + 1);
}

namespace {

// Eight bytes at a time (SWAR): a word with the high bit set in each byte equal to `c`. The lowest
// set bit is exact; bits above it may be false positives, so only the lowest one is used.
constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
inline std::uint64_t Match(std::uint64_t word, char c) {
  std::uint64_t x = word ^ (kOnes * static_cast<unsigned char>(c));
  return (x - kOnes) & ~x & kHighs;
}

Diagnostic NestingError(std::string_view text, std::size_t offset, std::string message) {
  return {Diagnostic::Severity::kError, LineColumn(text, offset), std::move(message)};
}

// The scanner's state: the open levels and whether it is inside a string.
struct Scanner {
  std::string_view text;
  std::size_t max_depth;
  std::vector<char> open;  // the closing bracket each open level expects
  bool in_string = false;
  std::size_t string_start = 0;
  std::size_t root_end = 0;  // one past the bracket that closed the outermost level

  // The offset of the next byte that matters in the current state, or text.size().
  std::size_t Next(std::size_t i) const {
    const char* p = text.data();
    std::size_t n = text.size();
    while (i + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, p + i, 8);
      std::uint64_t m =
          in_string
              ? (Match(w, '"') | Match(w, '\\'))
              : (Match(w, '"') | Match(w, '{') | Match(w, '}') | Match(w, '[') | Match(w, ']'));
      if (m != 0) return i + static_cast<std::size_t>(__builtin_ctzll(m) / 8);
      i += 8;
    }
    for (; i < n; ++i) {
      char c = p[i];
      if (c == '"' || (in_string ? c == '\\' : (c == '{' || c == '}' || c == '[' || c == ']'))) {
        return i;
      }
    }
    return n;
  }

  std::optional<Diagnostic> Run() {
    std::size_t n = text.size();
    for (std::size_t i = Next(0); i < n; i = Next(i + 1)) {
      char c = text[i];
      if (in_string) {
        if (c == '\\') {
          ++i;  // the escaped character
        } else {
          in_string = false;
        }
      } else if (c == '"') {
        in_string = true;
        string_start = i;
      } else if (c == '{' || c == '[') {
        open.push_back(c == '{' ? '}' : ']');
        if (open.size() > max_depth) {
          return NestingError(text, i,
                              "JSON nesting deeper than " + std::to_string(max_depth) +
                                  " levels is refused (limit max_depth)");
        }
      } else if (open.empty() || open.back() != c) {
        return NestingError(text, i, std::string("unexpected '") + c + "': brackets do not match");
      } else {
        open.pop_back();
        if (open.empty() && root_end == 0) root_end = i + 1;
      }
    }
    if (in_string) {
      return NestingError(text, string_start, "a string is never closed: the file is truncated");
    }
    if (!open.empty()) {
      return NestingError(text, n,
                          "the document ends inside " + std::to_string(open.size()) +
                              " open object(s) or array(s): the file is truncated");
    }
    std::size_t extra =
        root_end == 0 ? std::string_view::npos : text.find_first_not_of(" \t\r\n", root_end);
    if (extra != std::string_view::npos) {
      return NestingError(text, extra, "unexpected content after the end of the JSON document");
    }
    return std::nullopt;
  }
};

}  // namespace

std::optional<Diagnostic> CheckJsonNesting(std::string_view text, std::size_t max_depth) {
  return Scanner{text, max_depth, {}, false, 0}.Run();
}

}  // namespace craft::sbom::parse
