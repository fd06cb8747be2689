#include "http/multipart.h"

#include <cstring>
#include <optional>

#include "http/uri.h"

namespace craft::http {

namespace {

constexpr std::size_t kBufferSize = 64 * 1024;
constexpr std::size_t kMaxPaddingBytes = 256;

ProblemError Truncated() { return ProblemError(400, "multipart body truncated"); }

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// A header value of the form `token *( ";" name "=" ( token / quoted-string ) )`, as used by
// Content-Type and Content-Disposition. Parameter names are lower-cased; values unquoted.
struct HeaderValue {
  std::string token;
  std::vector<std::pair<std::string, std::string>> parameters;

  std::optional<std::string> Parameter(std::string_view name) const {
    for (const auto& [key, value] : parameters) {
      if (key == name) return value;
    }
    return std::nullopt;
  }
};

// Reads a quoted-string starting after the opening quote; a backslash escapes only '"' and '\'
// (browsers send Windows paths with bare backslashes).
std::string ReadQuoted(std::string_view& text) {
  std::string value;
  while (!text.empty() && text.front() != '"') {
    if (text.front() == '\\' && text.size() > 1 && (text[1] == '"' || text[1] == '\\')) {
      text.remove_prefix(1);
    }
    value.push_back(text.front());
    text.remove_prefix(1);
  }
  if (!text.empty()) text.remove_prefix(1);  // closing quote
  return value;
}

HeaderValue ParseHeaderValue(std::string_view text) {
  HeaderValue result;
  std::size_t semicolon = text.find(';');
  result.token = std::string(Trim(text.substr(0, semicolon)));
  ToLowerAscii(result.token);
  text = semicolon == std::string_view::npos ? std::string_view() : text.substr(semicolon + 1);
  while (!text.empty()) {
    std::size_t stop = text.find_first_of("=;");
    std::string name(Trim(text.substr(0, stop)));
    ToLowerAscii(name);
    std::string value;
    if (stop != std::string_view::npos && text[stop] == '=') {
      text = Trim(text.substr(stop + 1));
      if (!text.empty() && text.front() == '"') {
        text.remove_prefix(1);
        value = ReadQuoted(text);
      } else {
        value = std::string(Trim(text.substr(0, text.find(';'))));
      }
      stop = text.find(';');
    }
    text = stop == std::string_view::npos ? std::string_view() : text.substr(stop + 1);
    if (!name.empty()) result.parameters.emplace_back(std::move(name), std::move(value));
  }
  return result;
}

// RFC 2046: 1 to 70 of DIGIT / ALPHA / "'()+_,-./:=? " and space, not ending in a space.
bool IsValidBoundary(std::string_view boundary) {
  if (boundary.empty() || boundary.size() > 70 || boundary.back() == ' ') return false;
  for (char c : boundary) {
    bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!alnum && std::strchr("'()+_,-./:=? ", c) == nullptr) return false;
  }
  return true;
}

// RFC 5987 ext-value: charset "'" [language] "'" percent-encoded bytes. UTF-8 is returned as is,
// ISO-8859-1 is converted to UTF-8; anything else is nullopt.
std::optional<std::string> DecodeExtValue(std::string_view text) {
  std::size_t first = text.find('\'');
  if (first == std::string_view::npos) return std::nullopt;
  std::size_t second = text.find('\'', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  std::string_view charset = text.substr(0, first);
  auto bytes = PercentDecode(text.substr(second + 1));
  if (!bytes) return std::nullopt;
  if (EqualsIgnoreCase(charset, "UTF-8")) return bytes;
  if (!EqualsIgnoreCase(charset, "ISO-8859-1")) return std::nullopt;
  std::string utf8;
  for (unsigned char c : *bytes) {
    if (c < 0x80) {
      utf8.push_back(static_cast<char>(c));
    } else {
      utf8.push_back(static_cast<char>(0xC0 | (c >> 6)));
      utf8.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return utf8;
}

void ApplyHeader(PartHeaders& part, const std::string& name, const std::string& value) {
  if (name == "content-type") {
    part.content_type = value;
  } else if (name == "content-disposition") {
    HeaderValue disposition = ParseHeaderValue(value);
    part.name = disposition.Parameter("name").value_or("");
    std::optional<std::string> extended;
    if (auto raw = disposition.Parameter("filename*")) extended = DecodeExtValue(*raw);
    part.filename = extended ? *extended : disposition.Parameter("filename").value_or("");
  }
}

}  // namespace

MultipartReader::MultipartReader(BodyReader& body, std::string_view content_type) : body_(body) {
  HeaderValue type = ParseHeaderValue(content_type);
  if (type.token != "multipart/form-data") {
    throw ProblemError(415, "expected a multipart/form-data body");
  }
  auto boundary = type.Parameter("boundary");
  if (!boundary || !IsValidBoundary(*boundary)) {
    throw ProblemError(400, "multipart boundary missing");
  }
  delimiter_ = "\r\n--" + *boundary;
  buffer_.resize(kBufferSize);
  // The first delimiter may open the body without the CRLF that belongs to every other one.
  buffer_[0] = '\r';
  buffer_[1] = '\n';
  end_ = 2;
}

bool MultipartReader::Fill() {
  if (body_ended_) return false;
  if (begin_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    scanned_ = scanned_ > begin_ ? scanned_ - begin_ : 0;
    begin_ = 0;
  }
  if (end_ == buffer_.size()) return true;  // full: the caller consumes first
  std::size_t n = body_.Read(buffer_.data() + end_, buffer_.size() - end_);
  if (n == 0) {
    body_ended_ = true;
    return false;
  }
  end_ += n;
  return true;
}

void MultipartReader::Ensure(std::size_t size) {
  while (end_ - begin_ < size) {
    if (!Fill()) throw Truncated();
  }
}

void MultipartReader::Scan() {
  const char* data = buffer_.data();
  const std::size_t length = delimiter_.size();
  if (end_ - scanned_ >= length) {
    const void* hit = memmem(data + scanned_, end_ - scanned_, delimiter_.data(), length);
    if (hit != nullptr) {
      scanned_ = static_cast<const char*>(hit) - data;
      at_delimiter_ = true;
      return;
    }
    scanned_ = end_ - length + 1;
  }
  // Hold back only a tail that could be the start of a delimiter.
  while (scanned_ < end_) {
    const void* cr = std::memchr(data + scanned_, '\r', end_ - scanned_);
    if (cr == nullptr) {
      scanned_ = end_;
    } else {
      scanned_ = static_cast<const char*>(cr) - data;
      if (std::memcmp(data + scanned_, delimiter_.data(), end_ - scanned_) == 0) return;
      ++scanned_;
    }
  }
}

std::size_t MultipartReader::SafeContent() {
  while (true) {
    if (!at_delimiter_) Scan();
    if (at_delimiter_ || scanned_ > begin_) return scanned_ - begin_;
    if (!Fill()) throw Truncated();
  }
}

void MultipartReader::ConsumeDelimiter() {
  begin_ += delimiter_.size();
  scanned_ = begin_;
  at_delimiter_ = false;
  state_ = State::kAfterDelimiter;
}

void MultipartReader::SkipContent() {
  while (std::size_t safe = SafeContent()) begin_ += safe;
  ConsumeDelimiter();
}

bool MultipartReader::ReadDelimiterLine() {
  Ensure(2);
  if (buffer_[begin_] == '-' && buffer_[begin_ + 1] == '-') {
    begin_ += 2;
    return false;
  }
  for (std::size_t padding = 0;; ++padding) {
    Ensure(1);
    char c = buffer_[begin_];
    if (c != ' ' && c != '\t') break;
    if (padding == kMaxPaddingBytes) throw ProblemError(400, "multipart delimiter line malformed");
    ++begin_;
  }
  Ensure(2);
  if (buffer_[begin_] != '\r' || buffer_[begin_ + 1] != '\n') {
    throw ProblemError(400, "multipart delimiter line malformed");
  }
  return true;
}

void MultipartReader::ReadHeaders(PartHeaders& part) {
  // The block runs from the delimiter line's CRLF (at begin_) to the first CRLF CRLF.
  std::size_t searched = begin_;
  std::size_t end_of_block;
  while (true) {
    const char* data = buffer_.data();
    const void* hit =
        end_ - searched >= 4 ? memmem(data + searched, end_ - searched, "\r\n\r\n", 4) : nullptr;
    if (hit != nullptr) {
      end_of_block = static_cast<const char*>(hit) - data;
      break;
    }
    if (end_ - begin_ > kMaxPartHeaderBytes + 4) {
      throw ProblemError(
          400, "multipart part headers exceed " + std::to_string(kMaxPartHeaderBytes) + " bytes");
    }
    searched = end_ >= begin_ + 3 ? end_ - 3 : begin_;
    std::size_t offset = searched - begin_;
    if (!Fill()) throw Truncated();
    searched = begin_ + offset;
  }
  if (end_of_block - begin_ > kMaxPartHeaderBytes) {
    throw ProblemError(
        400, "multipart part headers exceed " + std::to_string(kMaxPartHeaderBytes) + " bytes");
  }
  part = PartHeaders{};
  std::string_view block(buffer_.data() + begin_ + 2,
                         end_of_block > begin_ ? end_of_block - begin_ - 2 : 0);
  begin_ = end_of_block + 4;
  scanned_ = begin_;
  while (!block.empty()) {
    std::size_t eol = block.find("\r\n");
    std::string_view line = block.substr(0, eol);
    block = eol == std::string_view::npos ? std::string_view() : block.substr(eol + 2);
    if (line.empty()) continue;
    if ((line.front() == ' ' || line.front() == '\t') && !part.headers.empty()) {
      part.headers.back().second += ' ';
      part.headers.back().second += Trim(line);  // obsolete line folding
      continue;
    }
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) {
      throw ProblemError(400, "multipart part header malformed");
    }
    std::string name(Trim(line.substr(0, colon)));
    ToLowerAscii(name);
    part.headers.emplace_back(std::move(name), std::string(Trim(line.substr(colon + 1))));
  }
  for (const auto& [name, value] : part.headers) ApplyHeader(part, name, value);
}

void MultipartReader::DrainEpilogue() {
  begin_ = end_ = scanned_ = 0;
  while (!body_ended_) {
    if (body_.Read(buffer_.data(), buffer_.size()) == 0) body_ended_ = true;
  }
}

bool MultipartReader::NextPart(PartHeaders& part) {
  if (state_ == State::kDone) return false;
  if (state_ != State::kAfterDelimiter) SkipContent();
  if (!ReadDelimiterLine()) {
    state_ = State::kDone;
    DrainEpilogue();
    return false;
  }
  if (++parts_ > kMaxParts) {
    throw ProblemError(400, "multipart body has more than " + std::to_string(kMaxParts) + " parts");
  }
  ReadHeaders(part);
  state_ = State::kContent;
  return true;
}

std::size_t MultipartReader::ReadPart(char* buffer, std::size_t size) {
  if (state_ != State::kContent || size == 0) return 0;
  std::size_t safe = SafeContent();
  if (safe == 0) {
    ConsumeDelimiter();
    return 0;
  }
  std::size_t n = std::min(safe, size);
  std::memcpy(buffer, buffer_.data() + begin_, n);
  begin_ += n;
  return n;
}

}  // namespace craft::http
