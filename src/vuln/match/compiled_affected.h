#pragma once
// Internal to src/vuln/match: an `affected[]` entry's SEMVER and ECOSYSTEM ranges written into a
// byte block, so that the matcher scans the entries of a package in one pass over contiguous
// memory instead of following pointers into every advisory (with 500,000 records indexed, those
// cache misses were most of the matching time). The block holds only what decides whether a
// version is affected; the findings themselves are still built from the IndexedAffected.

#include <cstdint>
#include <string>
#include <string_view>

#include "vuln/match/index.h"

namespace craft::vuln::match::compiled {

// The hash of a version for the filter of an entry's versions[] list: a Bloom filter with one
// hash, of one 64-bit word for lists of up to kSmallList versions and of kLargeWords words for
// longer ones (Ubuntu and PyPI records list hundreds), so that most versions not in the list are
// turned away without reading it.
std::uint64_t VersionHash(std::string_view version);
inline constexpr std::size_t kSmallList = 24;
inline constexpr std::size_t kLargeWords = 8;
inline constexpr std::size_t kNone = static_cast<std::size_t>(-1);

// Appends the block of an entry to `out`: its scheme, whether it has a versions[] list and the
// filter of that list (from `versions`, the list as the record had it), then each range with its
// events in record order.
void Append(const IndexedAffected& affected, const std::vector<std::string>& versions,
            std::string& out);

// The size in bytes of the block that starts at `block` (Skip over it).
std::size_t BlockSize(std::string_view block);

// What the block says of a version.
struct Screen {
  bool in_range = false;  // one of the ranges affects the version (EvaluateRange's `affected`)
  std::size_t range_index = 0;  // with in_range: the first range that does
  // With in_range, when `detailed` (ranges of up to 64 events): what EvaluateRange and
  // EvaluateAffected would give for that range, as indices into its events: the deciding event,
  // the bound (kNone when open-ended), and the fixed events above the version (bit i: event i).
  bool detailed = false;
  version::Scheme scheme = version::Scheme::kGeneric;  // the range's scheme
  std::size_t deciding = 0;
  std::size_t bound = 0;
  std::uint64_t fixed_above = 0;
  bool maybe_listed = false;  // not in a range, and possibly in versions[] (the filter passed)
};

// Evaluates the block's ranges for `version` exactly as EvaluateAffected does (the same
// comparisons, the same deciding event), and checks the versions[] filter with `listed_hash`
// (VersionHash of ListedVersion of the version) when no range affects it.
Screen Evaluate(std::string_view block, std::string_view version, std::uint64_t listed_hash);

}  // namespace craft::vuln::match::compiled
