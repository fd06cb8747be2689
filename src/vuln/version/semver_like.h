#pragma once
// The reading of "semver-like" versions shared by SemVer, NuGet, Pub and Hackage: an optional
// leading "v", numeric components separated by ".", then a pre-release and build metadata.
// Internal to src/vuln/version; defined in semver.cpp.

#include <string_view>

namespace craft::vuln::version {

struct SemverLike {
  std::string_view numbers;     // the digit runs and dots at the front ("1.02.3" of "1.02.3-rc")
  std::string_view prerelease;  // after the numbers up to "+", one leading "-" removed
  std::string_view build;       // after the first "+" that follows the numbers
  std::string_view rest;        // everything after the numbers, untouched
};

// Reads any string: digit runs separated by "." form the numbers until the first other character
// ("1..2" has numbers 1 and 2, "x" has none).
SemverLike ParseSemverLike(std::string_view text);

// Compares the digit runs of two `numbers` fields one by one as decimal numbers, a missing one
// counting as 0 (so "1.0" equals "1.0.0").
int CompareNumbers(std::string_view a, std::string_view b);

// Compares dot-separated identifier lists as SemVer 2.0.0 item 11.4 compares pre-releases:
// numeric identifiers as numbers and below alphanumeric ones, alphanumeric ones bytewise (ASCII
// case folded when fold_case), and a list that is a prefix of the other first.
int CompareIdentifiers(std::string_view a, std::string_view b, bool fold_case);

// Strict SemVer 2.0.0 (https://semver.org/#backusnaur-form-grammar-for-valid-semver-versions)
// without a leading "v", except that the number of numeric components may be anywhere from
// min_numbers to max_numbers (3 and 3 for SemVer) and that numbers and numeric pre-release
// identifiers may have leading zeros when allow_leading_zeros.
bool IsStrictSemver(std::string_view text, int min_numbers, int max_numbers,
                    bool allow_leading_zeros);

}  // namespace craft::vuln::version
