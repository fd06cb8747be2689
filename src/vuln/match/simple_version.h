#pragma once
// Internal to src/vuln/match: versions made only of numbers ("1.2.3", "4.17.21", "2.0"), read once
// into their numbers so that the matcher orders them without parsing either string again. Most
// versions of the language registries are of this form. For such versions every scheme's order
// reduces to one of two rules (SimpleOrder); versions of any other form, and schemes where even
// plain numbers follow other rules, are left to version::Compare. Pure; never throws.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "vuln/version/compare.h"

namespace craft::vuln::match::simple {

inline constexpr std::size_t kMaxNumbers = 6;

// 1 to kMaxNumbers decimal numbers of 1 to 18 digits, separated by single dots, none with a
// leading zero (but "0" itself).
struct SimpleVersion {
  std::uint8_t count = 0;
  std::uint64_t numbers[kMaxNumbers] = {};
};

// The version's numbers, or nullopt when it is not of that form ("1.2.3-rc1", "v1.2", "1.02",
// "1..2", "" are not).
std::optional<SimpleVersion> Read(std::string_view version);

// How a scheme orders two simple versions: number by number, and when one runs out first,
// kPadded: as if it went on with zeros (SemVer, PEP 440, Maven, NuGet, RubyGems, Pub: "1.2" ==
// "1.2.0"); kLonger: the longer is later (dpkg, rpm, Packagist, CRAN, Hackage, generic: "1.2" <
// "1.2.0"). kNone: not used for the scheme (apk, where a later number "0" reads as a decimal
// fraction: "0.0" == "0").
enum class SimpleOrder { kNone, kPadded, kLonger };
SimpleOrder OrderOf(version::Scheme scheme);

// version::Compare(scheme, a, b) for two simple versions under a scheme whose OrderOf is not kNone.
int Compare(SimpleOrder order, const SimpleVersion& a, const SimpleVersion& b);

// The numbers as bytes to keep in a compiled block (a count byte, 0 for a version that is not
// simple, then each number as a base-128 varint), and read back from there; `at` is left after
// them.
void Append(const std::optional<SimpleVersion>& version, std::string& out);
std::optional<SimpleVersion> Load(const char*& at);

}  // namespace craft::vuln::match::simple
