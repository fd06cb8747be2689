// Helpers of the JSON readers: positions and the nesting pre-check.
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

// The fast check, 64 bytes at a time (the technique of simdjson's stage 1): masks of quotes and
// brackets, strings found by a prefix XOR of the quote mask, so only brackets outside strings are
// visited one by one. A block holding a backslash is walked byte by byte. Answers only "sound or
// not"; the byte-by-byte Scanner above says where and why.
struct BlockMasks {
  std::uint64_t quote = 0, backslash = 0, brackets = 0;
};

BlockMasks Classify(const char* p) {
  BlockMasks m;
#if defined(__SSE2__)
  for (int k = 0; k < 4; ++k) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    auto eq = [&v](char c) {
      return static_cast<std::uint64_t>(
          static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(c)))));
    };
    int shift = 16 * k;
    m.quote |= eq('"') << shift;
    m.backslash |= eq('\\') << shift;
    m.brackets |= (eq('{') | eq('[') | eq('}') | eq(']')) << shift;
  }
#else
  for (int j = 0; j < 64; ++j) {
    char c = p[j];
    std::uint64_t bit = std::uint64_t{1} << j;
    if (c == '"') m.quote |= bit;
    if (c == '\\') m.backslash |= bit;
    if (c == '{' || c == '[' || c == '}' || c == ']') m.brackets |= bit;
  }
#endif
  return m;
}

std::uint64_t PrefixXor(std::uint64_t x) {
  x ^= x << 1;
  x ^= x << 2;
  x ^= x << 4;
  x ^= x << 8;
  x ^= x << 16;
  x ^= x << 32;
  return x;
}

class FastCheck {
 public:
  FastCheck(std::string_view text, std::size_t max_depth) : text_(text), max_depth_(max_depth) {
    open_.reserve(max_depth + 1);
  }

  bool Sound() {
    const char* p = text_.data();
    std::size_t n = text_.size();
    std::size_t i = 0;
    for (; i + 64 <= n; i += 64) {
      BlockMasks m = Classify(p + i);
      if (m.backslash != 0) {
        for (std::size_t j = i; j < i + 64; ++j) {
          if (!Byte(j)) return false;
        }
        continue;
      }
      if (escaped_) m.quote &= ~std::uint64_t{1};  // escaped by the previous block's last byte
      escaped_ = false;
      std::uint64_t strings = PrefixXor(m.quote) ^ (in_string_ ? ~std::uint64_t{0} : 0);
      in_string_ = (strings >> 63) != 0;
      for (std::uint64_t b = m.brackets & ~strings; b != 0; b &= b - 1) {
        if (!Bracket(i + static_cast<std::size_t>(__builtin_ctzll(b)))) return false;
      }
    }
    for (; i < n; ++i) {
      if (!Byte(i)) return false;
    }
    if (in_string_ || !open_.empty()) return false;
    return root_end_ == 0 ||
           text_.find_first_not_of(" \t\r\n", root_end_) == std::string_view::npos;
  }

 private:
  bool Byte(std::size_t i) {
    char c = text_[i];
    if (in_string_) {
      if (escaped_) {
        escaped_ = false;
      } else if (c == '\\') {
        escaped_ = true;
      } else if (c == '"') {
        in_string_ = false;
      }
      return true;
    }
    if (c == '"') {
      in_string_ = true;
      return true;
    }
    return (c != '{' && c != '[' && c != '}' && c != ']') || Bracket(i);
  }

  bool Bracket(std::size_t i) {
    char c = text_[i];
    if (c == '{' || c == '[') {
      open_.push_back(c == '{' ? '}' : ']');
      return open_.size() <= max_depth_;
    }
    if (open_.empty() || open_.back() != c) return false;
    open_.pop_back();
    if (open_.empty() && root_end_ == 0) root_end_ = i + 1;
    return true;
  }

  std::string_view text_;
  std::size_t max_depth_;
  std::vector<char> open_;
  bool in_string_ = false;
  bool escaped_ = false;
  std::size_t root_end_ = 0;
};

}  // namespace

bool JsonNestingIsSound(std::string_view text, std::size_t max_depth) {
  return FastCheck(text, max_depth).Sound();
}

std::optional<Diagnostic> DiagnoseJsonNesting(std::string_view text, std::size_t max_depth) {
  return Scanner{text, max_depth, {}, false, 0}.Run();
}

std::optional<Diagnostic> CheckJsonNesting(std::string_view text, std::size_t max_depth) {
  if (JsonNestingIsSound(text, max_depth)) return std::nullopt;
  return DiagnoseJsonNesting(text, max_depth);
}

}  // namespace craft::sbom::parse
