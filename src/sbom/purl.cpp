#include "sbom/purl.h"

#include <vector>

#include "sbom/purl_types.h"

namespace craft::sbom {
namespace {

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUnreserved(char c) {
  return IsAlpha(c) || IsDigit(c) || c == '.' || c == '-' || c == '_' || c == '~';
}

char ToLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string Lowered(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ToLower(c);
  return out;
}

// Percent-encodes `s`: everything but the unreserved characters and ':' (and '/' when
// `keep_slash`) becomes %XX with uppercase hex digits.
void Encode(std::string& out, std::string_view s, bool keep_slash) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (char c : s) {
    if (IsUnreserved(c) || c == ':' || (keep_slash && c == '/')) {
      out += c;
    } else {
      auto b = static_cast<unsigned char>(c);
      out += '%';
      out += kHex[b >> 4];
      out += kHex[b & 0xF];
    }
  }
}

int HexValue(char c) {
  if (IsDigit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The parse state: the input, and the first error met (with its byte offset).
struct Reader {
  std::string_view text;
  PurlResult result;

  std::size_t Offset(std::string_view part) const {
    return static_cast<std::size_t>(part.data() - text.data());
  }
  bool Fail(std::string_view at, std::string message) {
    if (result.error.empty()) {
      result.position = Offset(at);
      result.error = std::move(message);
    }
    return false;
  }
  // Percent-decodes `part` into `out`; a '%' not followed by two hex digits is an error.
  bool Decode(std::string_view part, std::string& out) {
    out.clear();
    for (std::size_t i = 0; i < part.size(); ++i) {
      if (part[i] != '%') {
        out += part[i];
        continue;
      }
      bool room = i + 2 < part.size();
      int hi = room ? HexValue(part[i + 1]) : -1;
      int lo = room ? HexValue(part[i + 2]) : -1;
      if (hi < 0 || lo < 0) {
        return Fail(part.substr(i), "'%' must be followed by two hexadecimal digits");
      }
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    }
    return true;
  }
};

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  while (true) {
    auto at = s.find(sep);
    parts.push_back(s.substr(0, at));
    if (at == std::string_view::npos) return parts;
    s.remove_prefix(at + 1);
  }
}

std::string CheckType(std::string_view type) {
  if (type.empty()) return "the type is missing";
  if (!IsAlpha(type[0])) return "the type '" + std::string(type) + "' must start with a letter";
  for (char c : type) {
    if (!IsAlpha(c) && !IsDigit(c) && c != '.' && c != '-') {
      return "the type '" + std::string(type) + "' may contain only letters, digits, '.' and '-'";
    }
  }
  return {};
}

// A qualifier key, lowercased: letters, digits, '.', '-', '_', starting with a letter.
std::string CheckKey(std::string_view key) {
  if (key.empty()) return "a qualifier key is empty";
  if (!IsAlpha(key[0]))
    return "the qualifier key '" + std::string(key) + "' must start with a letter";
  for (char c : key) {
    if (!IsAlpha(c) && !IsDigit(c) && c != '.' && c != '-' && c != '_') {
      return "the qualifier key '" + std::string(key) +
             "' may contain only letters, digits, '.', '-' and '_'";
    }
  }
  return {};
}

bool TypeDefinesKey(std::string_view type, std::string_view key) {
  const PurlTypeRule* rule = FindPurlTypeRule(type);
  if (rule == nullptr) return false;
  for (auto k : Split(rule->qualifier_keys, ' ')) {
    if (k == key) return true;
  }
  return false;
}

bool ReadQualifiers(Reader& r, std::string_view query, PurlStrictness strictness, PackageUrl& p) {
  for (std::string_view pair : Split(query, '&')) {
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    if (eq == std::string_view::npos)
      return r.Fail(pair, "the qualifier '" + std::string(pair) + "' has no '='");
    std::string_view raw_key = pair.substr(0, eq);
    if (auto e = CheckKey(raw_key); !e.empty()) return r.Fail(pair, e);
    std::string key = Lowered(raw_key);
    if (key != raw_key && strictness == PurlStrictness::kConformant &&
        TypeDefinesKey(p.type, key)) {
      return r.Fail(pair, "the qualifier key '" + std::string(raw_key) + "' must be lowercase ('" +
                              key + "')");
    }
    std::string value;
    if (!r.Decode(pair.substr(eq + 1), value)) return false;
    if (value.empty()) continue;
    if (!p.qualifiers.emplace(key, std::move(value)).second) {
      return r.Fail(pair, "the qualifier key '" + key + "' appears more than once");
    }
  }
  return true;
}

// Subpath segments: empty, '.' and '..' segments are dropped; the rest decoded. A segment that
// decodes to something containing '/' is refused, as in the namespace: it could not be written
// back as one segment.
bool ReadSubpath(Reader& r, std::string_view fragment, std::string& out) {
  std::string segment;
  for (std::string_view part : Split(fragment, '/')) {
    if (!r.Decode(part, segment)) return false;
    if (segment.empty() || segment == "." || segment == "..") continue;
    if (segment.find('/') != std::string::npos)
      return r.Fail(part, "a subpath segment must not contain '/'");
    if (!out.empty()) out += '/';
    out += segment;
  }
  return true;
}

// "namespace/name@version" after the type.
bool ReadPath(Reader& r, std::string_view path, PackageUrl& p) {
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  while (!path.empty() && path.front() == '/') path.remove_prefix(1);
  auto last_slash = path.rfind('/');
  std::string_view last = last_slash == std::string_view::npos ? path : path.substr(last_slash + 1);
  std::string_view ns =
      last_slash == std::string_view::npos ? std::string_view{} : path.substr(0, last_slash);
  auto at = last.rfind('@');
  std::string_view name = last.substr(0, at);
  if (at != std::string_view::npos && !r.Decode(last.substr(at + 1), p.version)) return false;
  if (name.empty()) return r.Fail(name, "the name is missing");
  if (!r.Decode(name, p.name)) return false;
  std::string segment;
  for (std::string_view part : Split(ns, '/')) {
    if (part.empty()) continue;
    if (!r.Decode(part, segment)) return false;
    if (segment.find('/') != std::string::npos)
      return r.Fail(part, "a namespace segment must not contain '/'");
    if (!p.namespace_.empty()) p.namespace_ += '/';
    p.namespace_ += segment;
  }
  return true;
}

bool ReadPurl(Reader& r, PurlStrictness strictness, PackageUrl& p) {
  std::string_view s = r.text;
  auto colon = s.find(':');
  if (colon == std::string_view::npos || Lowered(s.substr(0, colon)) != "pkg") {
    return r.Fail(s, "a purl must start with the scheme 'pkg:'");
  }
  s.remove_prefix(colon + 1);
  while (!s.empty() && s.front() == '/') s.remove_prefix(1);
  auto hash = s.find('#');
  std::string_view fragment =
      hash == std::string_view::npos ? std::string_view{} : s.substr(hash + 1);
  s = s.substr(0, hash);
  auto question = s.find('?');
  std::string_view query =
      question == std::string_view::npos ? std::string_view{} : s.substr(question + 1);
  s = s.substr(0, question);
  auto slash = s.find('/');
  std::string_view type = s.substr(0, slash);
  if (auto e = CheckType(type); !e.empty()) return r.Fail(type, e);
  if (slash == std::string_view::npos)
    return r.Fail(s.substr(s.size()), "a name must follow the type after '/'");
  p.type = Lowered(type);
  return ReadPath(r, s.substr(slash + 1), p) && ReadQualifiers(r, query, strictness, p) &&
         ReadSubpath(r, fragment, p.subpath);
}

}  // namespace

std::string PackageUrl::ToString() const {
  std::string out = "pkg:";
  out += type;
  out += '/';
  if (!namespace_.empty()) {
    Encode(out, namespace_, /*keep_slash=*/true);
    out += '/';
  }
  Encode(out, name, /*keep_slash=*/type == "git");
  if (!version.empty()) {
    out += '@';
    Encode(out, version, false);
  }
  char sep = '?';
  for (const auto& [key, value] : qualifiers) {
    out += sep;
    out += key;
    out += '=';
    Encode(out, value, false);
    sep = '&';
  }
  if (!subpath.empty()) {
    out += '#';
    Encode(out, subpath, /*keep_slash=*/true);
  }
  return out;
}

PurlResult ParsePurl(std::string_view text, PurlStrictness strictness) {
  Reader r{text, {}};
  PackageUrl p;
  if (!ReadPurl(r, strictness, p)) return std::move(r.result);
  if (auto e = NormaliseForType(p); !e.empty()) {
    r.Fail(text, e);
    return std::move(r.result);
  }
  r.result.purl = std::move(p);
  return std::move(r.result);
}

PurlResult BuildPurl(const PurlComponents& c) {
  PurlResult result;
  auto fail = [&result](std::string message) {
    result.error = std::move(message);
    return std::move(result);
  };
  if (!c.type) return fail("the type is missing");
  if (auto e = CheckType(*c.type); !e.empty()) return fail(e);
  PackageUrl p;
  p.type = Lowered(*c.type);
  if (c.namespace_) {
    for (std::string_view part : Split(*c.namespace_, '/')) {
      if (part.empty()) continue;
      if (!p.namespace_.empty()) p.namespace_ += '/';
      p.namespace_ += part;
    }
  }
  std::string_view name = c.name ? std::string_view(*c.name) : std::string_view{};
  while (!name.empty() && name.front() == '/') name.remove_prefix(1);
  while (!name.empty() && name.back() == '/') name.remove_suffix(1);
  if (name.empty()) return fail("the name is missing");
  p.name = name;
  if (c.version) p.version = *c.version;
  if (c.qualifiers) {
    for (const auto& [key, value] : *c.qualifiers) {
      if (auto e = CheckKey(key); !e.empty()) return fail(e);
      if (!value.empty()) p.qualifiers[Lowered(key)] = value;
    }
  }
  if (c.subpath) {
    for (std::string_view part : Split(*c.subpath, '/')) {
      if (part.empty() || part == "." || part == "..") continue;
      if (!p.subpath.empty()) p.subpath += '/';
      p.subpath += part;
    }
  }
  if (auto e = NormaliseForType(p); !e.empty()) return fail(e);
  result.purl = std::move(p);
  return result;
}

std::optional<std::string> CanonicalPurl(std::string_view text) {
  auto r = ParsePurl(text, PurlStrictness::kLenient);
  if (!r.purl) return std::nullopt;
  return r.purl->ToString();
}

}  // namespace craft::sbom
