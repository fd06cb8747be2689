#include "sbom/write/mapping.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>

#include "core/digest.h"
#include "sbom/license/expression.h"

namespace craft::sbom::write {
namespace {

struct HashName {
  std::string_view key;  // uppercase, without '-' and '_'
  std::string_view cyclonedx;
  std::string_view spdx;
};

constexpr std::array<HashName, 17> kHashNames = {{
    {"MD2", "", "MD2"},
    {"MD4", "", "MD4"},
    {"MD5", "MD5", "MD5"},
    {"MD6", "", "MD6"},
    {"SHA1", "SHA-1", "SHA1"},
    {"SHA224", "", "SHA224"},
    {"SHA256", "SHA-256", "SHA256"},
    {"SHA384", "SHA-384", "SHA384"},
    {"SHA512", "SHA-512", "SHA512"},
    {"SHA3256", "SHA3-256", "SHA3-256"},
    {"SHA3384", "SHA3-384", "SHA3-384"},
    {"SHA3512", "SHA3-512", "SHA3-512"},
    {"BLAKE2B256", "BLAKE2b-256", "BLAKE2b-256"},
    {"BLAKE2B384", "BLAKE2b-384", "BLAKE2b-384"},
    {"BLAKE2B512", "BLAKE2b-512", "BLAKE2b-512"},
    {"BLAKE3", "BLAKE3", "BLAKE3"},
    {"ADLER32", "", "ADLER32"},
}};

const HashName* FindHash(std::string_view algorithm) {
  std::string key;
  for (char c : algorithm) {
    if (c == '-' || c == '_' || c == ' ') continue;
    key += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  for (const auto& h : kHashNames) {
    if (h.key == key) return &h;
  }
  return nullptr;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads `n` digits at `pos`; false when they are not all digits.
bool Digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (!IsDigit(s[i])) return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

struct DateTime {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  int offset_minutes = 0;
};

std::optional<DateTime> ParseDateTime(std::string_view s) {
  DateTime t;
  if (s.size() < 20 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') ||
      s[13] != ':' || s[16] != ':')
    return std::nullopt;
  if (!Digits(s, 0, 4, t.year) || !Digits(s, 5, 2, t.month) || !Digits(s, 8, 2, t.day) ||
      !Digits(s, 11, 2, t.hour) || !Digits(s, 14, 2, t.minute) || !Digits(s, 17, 2, t.second))
    return std::nullopt;
  if (t.month < 1 || t.month > 12 || t.day < 1 || t.day > 31 || t.hour > 23 || t.minute > 59 ||
      t.second > 60)
    return std::nullopt;
  std::size_t pos = 19;
  if (s[pos] == '.') {
    ++pos;
    std::size_t start = pos;
    while (pos < s.size() && IsDigit(s[pos])) ++pos;
    if (pos == start) return std::nullopt;
  }
  std::string_view zone = s.substr(pos);
  if (zone == "Z" || zone == "z") return t;
  int h = 0, m = 0;
  if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':' ||
      !Digits(zone, 1, 2, h) || !Digits(zone, 4, 2, m))
    return std::nullopt;
  t.offset_minutes = (zone[0] == '-' ? -1 : 1) * (h * 60 + m);
  return t;
}

}  // namespace

std::string CycloneDxHashAlgorithm(std::string_view algorithm) {
  const HashName* h = FindHash(algorithm);
  return h ? std::string(h->cyclonedx) : std::string();
}

std::string SpdxHashAlgorithm(std::string_view algorithm) {
  const HashName* h = FindHash(algorithm);
  return h ? std::string(h->spdx) : std::string();
}

bool IsCycloneDxHashContent(std::string_view value) {
  const auto n = value.size();
  if (n != 32 && n != 40 && n != 64 && n != 96 && n != 128) return false;
  for (char c : value) {
    if (!IsDigit(c) && !(c >= 'a' && c <= 'f') && !(c >= 'A' && c <= 'F')) return false;
  }
  return true;
}

std::optional<std::string> ListedLicenseId(std::string_view text) {
  if (text.empty()) return std::nullopt;
  const LicenseExpression e = ParseLicenseExpression(text);
  if (!e.Valid() || e.terms.size() != 1) return std::nullopt;
  const LicenseTerm& t = e.terms.front();
  if (!t.on_list || t.or_later || !t.exception.empty()) return std::nullopt;
  return t.id;
}

bool IsLicenseExpression(std::string_view text) {
  return !text.empty() && ParseLicenseExpression(text).root != nullptr;
}

std::string SpdxIdCharacters(std::string_view text) {
  std::string out;
  for (char c : text) {
    const bool ok =
        IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' || c == '-';
    out += ok ? c : '-';
  }
  return out;
}

bool IsSpdxId(std::string_view text) {
  constexpr std::string_view kPrefix = "SPDXRef-";
  if (!text.starts_with(kPrefix) || text.size() == kPrefix.size()) return false;
  return SpdxIdCharacters(text.substr(kPrefix.size())) == text.substr(kPrefix.size());
}

SpdxIds::SpdxIds() { taken_.insert("SPDXRef-DOCUMENT"); }

std::string SpdxIds::Allocate(const std::string& ref, const std::string& fallback) {
  std::string base;
  if (IsSpdxId(ref)) {
    base = ref;
  } else {
    std::string text = ref.empty() ? fallback : ref;
    if (text.starts_with("SPDXRef-")) text = text.substr(8);
    base = "SPDXRef-" + (text.empty() ? std::string("Package") : SpdxIdCharacters(text));
  }
  std::string id = base;
  for (int n = 2; !taken_.insert(id).second; ++n) id = base + "-" + std::to_string(n);
  if (!ref.empty()) by_ref_.emplace(ref, id);
  return id;
}

const std::string* SpdxIds::Find(const std::string& ref) const {
  auto it = by_ref_.find(ref);
  return it == by_ref_.end() ? nullptr : &it->second;
}

std::string CycloneDxAggregate(std::string_view aggregate) {
  static constexpr std::array<std::string_view, 10> kAggregates = {
      "complete",
      "incomplete",
      "incomplete_first_party_only",
      "incomplete_first_party_proprietary_only",
      "incomplete_first_party_opensource_only",
      "incomplete_third_party_only",
      "incomplete_third_party_proprietary_only",
      "incomplete_third_party_opensource_only",
      "unknown",
      "not_specified"};
  std::string lower;
  for (char c : aggregate) lower += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  if (std::find(kAggregates.begin(), kAggregates.end(), lower) != kAggregates.end()) return lower;
  return lower == "noassertion" ? "not_specified" : "unknown";
}

bool IsRfc3339(std::string_view text) { return ParseDateTime(text).has_value(); }

std::optional<std::string> ToSpdxTimestamp(std::string_view text) {
  auto t = ParseDateTime(text);
  if (!t) return std::nullopt;
  using namespace std::chrono;
  const sys_days day = year_month_day{year{t->year}, month{static_cast<unsigned>(t->month)},
                                      std::chrono::day{static_cast<unsigned>(t->day)}};
  const auto instant = day + hours{t->hour} + minutes{t->minute - t->offset_minutes} +
                       seconds{std::min(t->second, 59)};
  const auto utc_day = floor<days>(instant);
  const year_month_day ymd{utc_day};
  const hh_mm_ss hms{instant - utc_day};
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02dZ", int(ymd.year()),
                unsigned(ymd.month()), unsigned(ymd.day()), int(hms.hours().count()),
                int(hms.minutes().count()), int(hms.seconds().count()));
  return std::string(buffer);
}

std::string ContentUuid(std::string_view content) {
  std::string h = core::Sha256Hex(content).substr(0, 32);
  h[12] = '8';
  static constexpr char kVariant[] = "89ab";
  h[16] = kVariant[(h[16] >= 'a' ? h[16] - 'a' + 10 : h[16] - '0') & 3];
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) +
         "-" + h.substr(20, 12);
}

void Warn(std::vector<Diagnostic>* warnings, std::string location, std::string message) {
  if (!warnings) return;
  warnings->push_back({Diagnostic::Severity::kWarning, std::move(location), std::move(message)});
}

}  // namespace craft::sbom::write
