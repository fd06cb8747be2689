#pragma once
// An in-memory index of advisories for matching: OSV affected packages by ecosystem and normalised
// package name, NVD configurations by CPE vendor and product. Pure data structure: no I/O. Adding
// is not thread-safe; once built, any number of threads may read it concurrently.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "vuln/advisory/model.h"
#include "vuln/version/compare.h"

namespace craft::vuln::match {

// A set of version strings in one block of memory (an OSV `versions[]` list), for exact lookups.
// Lists of hundreds of versions are common (PyPI, Ubuntu); one string per version would cost more
// than the versions themselves.
class VersionSet {
 public:
  VersionSet() = default;
  explicit VersionSet(const std::vector<std::string>& versions);
  bool Contains(std::string_view version) const;
  std::size_t size() const { return count_; }

 private:
  std::string data_;  // each version: its length as a base-128 varint, then its bytes
  std::size_t count_ = 0;
};

// What the index keeps of an `affected[]` entry: what matching reads.
struct IndexedAffected {
  std::string ecosystem;                        // as in the record ("Debian:12")
  std::string name;                             // as in the record
  std::vector<advisory::AffectedRange> ranges;  // SEMVER and ECOSYSTEM ranges; GIT ones are never
                                                // evaluated and are not kept
  VersionSet versions;
  version::Scheme scheme = version::Scheme::kGeneric;  // the ecosystem's version ordering
};

// What the index keeps of an advisory: its identity and what matching reads. Texts, severity,
// references and the other fields stay with the caller (the store): a data set of 500,000 OSV
// records would otherwise take gigabytes.
struct IndexedAdvisory {
  std::string id;
  std::vector<std::string> aliases;
  std::vector<IndexedAffected> affected;  // entries with a package only
  std::vector<advisory::CpeConfiguration> configurations;
};

// One `affected[]` entry of an indexed advisory.
struct PackageEntry {
  const IndexedAdvisory* advisory = nullptr;
  const IndexedAffected* affected = nullptr;  // one of advisory->affected
  // The entry's ecosystem (EcosystemName gives the string): lets a matcher filter releases
  // without reading the advisory.
  std::uint32_t ecosystem_id = 0;
};

// One NVD configuration of an indexed advisory that names a vendor:product in a vulnerable
// cpeMatch.
struct CpeEntry {
  const IndexedAdvisory* advisory = nullptr;
  std::size_t configuration_index = 0;
};

class AdvisoryIndex {
 public:
  AdvisoryIndex();
  ~AdvisoryIndex();
  AdvisoryIndex(AdvisoryIndex&&) noexcept;
  AdvisoryIndex& operator=(AdvisoryIndex&&) noexcept;

  // Adds an advisory, replacing one with the same source and id (an incremental import re-adds
  // what changed); an OSV and an NVD record of one id are both kept. A withdrawn advisory removes
  // the one with its source and id and is not indexed: it produces no findings.
  // Only what matching reads is kept (IndexedAdvisory); affected entries without a package
  // (GIT-only) are left out, and NVD cpeMatch criteria that are not CPE 2.3 names are kept but not
  // indexed. Pointers and spans obtained from the index stay valid until the next Add.
  void Add(advisory::Advisory advisory);

  // The advisory with this id (the OSV record when there are two), or null.
  const IndexedAdvisory* Find(std::string_view id) const;

  // Advisories currently indexed (replaced and withdrawn ones not counted).
  std::size_t size() const { return by_id_.size(); }

  // The affected entries for a package: `ecosystem_base` is the part of the ecosystem before ":"
  // ("Debian"), `normalized_name` the name as NormalizePackageName gives it for that ecosystem.
  // Entries of every release of the ecosystem are returned; callers filter with EcosystemApplies.
  std::span<const PackageEntry> LookupPackage(std::string_view ecosystem_base,
                                              std::string_view normalized_name) const;

  // The entries LookupPackage gives, in the same order, with each entry's ranges compiled into one
  // contiguous block (`code`, at `offsets[i]` for entries[i]), for the matcher to scan in one pass
  // (see match/compiled_affected.h). Valid until the next Add.
  struct PackageScan {
    std::span<const PackageEntry> entries;
    std::span<const std::uint32_t> offsets;
    std::string_view code;
  };
  PackageScan ScanPackage(std::string_view ecosystem_base, std::string_view normalized_name) const;

  // The distinct ecosystem strings of indexed entries ("Debian:12"), by PackageEntry::ecosystem_id.
  std::size_t EcosystemCount() const { return ecosystem_names_.size(); }
  std::string_view EcosystemName(std::uint32_t id) const { return ecosystem_names_[id]; }

  // The ecosystem bases that have entries (to match a component whose ecosystem is unknown).
  std::vector<std::string> EcosystemBases() const;

  // The configurations naming vendor:product (lower case, as ParseCpe23 gives them).
  std::span<const CpeEntry> LookupCpe(std::string_view vendor, std::string_view product) const;

 private:
  struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const {
      return std::hash<std::string_view>{}(key);
    }
  };
  template <class T>
  using KeyMap = std::unordered_map<std::string, T, KeyHash, std::equal_to<>>;

  // A package's entries and their compiled ranges. Removing an entry leaves its block in `code`
  // as garbage until the garbage outweighs the rest; then the blocks are copied together.
  struct PackageBucket {
    std::vector<PackageEntry> entries;
    std::vector<std::uint32_t> offsets;  // parallel to entries
    std::string code;
    std::size_t garbage = 0;
  };

  void Remove(const IndexedAdvisory& old);

  KeyMap<std::unique_ptr<IndexedAdvisory>> by_id_;  // "<source>\n<id>"; owns the advisories
  KeyMap<PackageBucket> packages_;                  // "<base>\n<normalised name>"
  KeyMap<std::vector<CpeEntry>> cpes_;              // "<vendor>:<product>"
  std::set<std::string, std::less<>> bases_;
  std::vector<std::string> ecosystem_names_;
  KeyMap<std::uint32_t> ecosystem_ids_;
};

}  // namespace craft::vuln::match
