#include "vuln/match/simple_version.h"

namespace craft::vuln::match::simple {

std::optional<SimpleVersion> Read(std::string_view v) {
  SimpleVersion out;
  std::size_t at = 0;
  while (true) {
    const std::size_t start = at;
    std::uint64_t n = 0;
    while (at < v.size() && v[at] >= '0' && v[at] <= '9') n = n * 10 + (v[at++] - '0');
    const std::size_t digits = at - start;
    if (digits == 0 || digits > 18 || (digits > 1 && v[start] == '0')) return std::nullopt;
    if (out.count == kMaxNumbers) return std::nullopt;
    out.numbers[out.count++] = n;
    if (at == v.size()) return out;
    if (v[at] != '.') return std::nullopt;
    ++at;
  }
}

SimpleOrder OrderOf(version::Scheme scheme) {
  using version::Scheme;
  switch (scheme) {
    case Scheme::kSemVer:
    case Scheme::kPyPI:
    case Scheme::kMaven:
    case Scheme::kNuGet:
    case Scheme::kRubyGems:
    case Scheme::kPub:
      return SimpleOrder::kPadded;
    case Scheme::kDebian:
    case Scheme::kRpm:
    case Scheme::kPackagist:
    case Scheme::kCran:
    case Scheme::kHackage:
    case Scheme::kGeneric:
      return SimpleOrder::kLonger;
    case Scheme::kAlpine:  // a later number of "0" reads as a decimal fraction: "0.0" == "0"
      return SimpleOrder::kNone;
  }
  return SimpleOrder::kNone;
}

int Compare(SimpleOrder order, const SimpleVersion& a, const SimpleVersion& b) {
  const std::size_t common = a.count < b.count ? a.count : b.count;
  for (std::size_t i = 0; i < common; ++i) {
    if (a.numbers[i] != b.numbers[i]) return a.numbers[i] < b.numbers[i] ? -1 : 1;
  }
  if (a.count == b.count) return 0;
  if (order == SimpleOrder::kLonger) return a.count < b.count ? -1 : 1;
  // Padded: the longer one is later when any of its further numbers is not zero.
  const SimpleVersion& longer = a.count > b.count ? a : b;
  for (std::size_t i = common; i < longer.count; ++i) {
    if (longer.numbers[i] != 0) return a.count > b.count ? 1 : -1;
  }
  return 0;
}

void Append(const std::optional<SimpleVersion>& version, std::string& out) {
  if (!version) {
    out.push_back(0);
    return;
  }
  out.push_back(static_cast<char>(version->count));
  for (std::size_t i = 0; i < version->count; ++i) {
    for (std::uint64_t n = version->numbers[i];; n >>= 7) {
      out.push_back(static_cast<char>((n & 0x7f) | (n >= 0x80 ? 0x80 : 0)));
      if (n < 0x80) break;
    }
  }
}

std::optional<SimpleVersion> Load(const char*& at) {
  const auto count = static_cast<std::uint8_t>(*at++);
  if (count == 0) return std::nullopt;
  SimpleVersion out;
  out.count = count;
  for (std::size_t i = 0; i < count; ++i) {
    std::uint64_t n = 0;
    for (int shift = 0;; shift += 7) {
      const auto byte = static_cast<std::uint8_t>(*at++);
      n |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) break;
    }
    out.numbers[i] = n;
  }
  return out;
}

}  // namespace craft::vuln::match::simple
