#pragma once
// Internal to src/vuln/match: an `affected[]` entry's SEMVER and ECOSYSTEM ranges written into a
// byte block, so that the matcher scans the entries of a package in one pass over contiguous
// memory instead of following pointers into every advisory (with 500,000 records indexed, those
// cache misses were most of the matching time). The block holds only what decides whether a
// version is affected; the findings themselves are still built from the IndexedAffected.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "vuln/match/index.h"
#include "vuln/match/simple_version.h"

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
  // With `detailed`, when the range's events are ranked: the events of fixed_above in the order
  // SortFixedVersions would give their versions (equal versions once), `fixed_count` of them.
  bool fixed_sorted = false;
  std::uint8_t fixed_count = 0;
  std::uint8_t fixed[64];
  bool maybe_listed = false;  // not in a range, and possibly in versions[] (the filter passed)
};

// A component's version as the blocks are evaluated against it: read once per scheme (the first
// time a range of that scheme asks), with the hash of the string to look for in versions[]
// (VersionHash of ListedVersion). Holds views: `version` must outlive it.
class VersionQuery {
 public:
  VersionQuery(std::string_view version, std::uint64_t listed_hash)
      : version_(version), listed_hash_(listed_hash) {}
  std::string_view version() const { return version_; }
  std::uint64_t listed_hash() const { return listed_hash_; }
  const version::PreparedVersion& Prepared(version::Scheme scheme) {
    auto& slot = prepared_[static_cast<std::size_t>(scheme) % kSlots];
    if (!slot || slot->scheme() != scheme) slot.emplace(scheme, version_);
    return *slot;
  }
  // The version's numbers when it is made only of numbers (simple::Read), read once.
  const std::optional<simple::SimpleVersion>& Numbers() {
    if (!numbers_read_) {
      numbers_ = simple::Read(version_);
      numbers_read_ = true;
    }
    return numbers_;
  }

 private:
  static constexpr std::size_t kSlots = 16;
  std::string_view version_;
  std::uint64_t listed_hash_;
  bool numbers_read_ = false;
  std::optional<simple::SimpleVersion> numbers_;
  std::optional<version::PreparedVersion> prepared_[kSlots];
};

// Evaluates the block's ranges for the query's version exactly as EvaluateAffected does (the same
// comparisons, the same deciding event), and checks the versions[] filter when no range affects
// it.
Screen Evaluate(std::string_view block, VersionQuery& query);

}  // namespace craft::vuln::match::compiled
