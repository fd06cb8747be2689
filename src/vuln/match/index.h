#pragma once
// An in-memory index of advisories for matching: OSV affected packages by ecosystem and normalised
// package name, NVD configurations by CPE vendor and product. Pure data structure: no I/O. Adding
// is not thread-safe; once built, any number of threads may read it concurrently.

#include <cstddef>
#include <memory>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "vuln/advisory/model.h"

namespace craft::vuln::match {

// One `affected[]` entry of an indexed advisory.
struct PackageEntry {
  const advisory::Advisory* advisory = nullptr;
  std::size_t affected_index = 0;
};

// One NVD configuration of an indexed advisory that names a vendor:product in a vulnerable
// cpeMatch.
struct CpeEntry {
  const advisory::Advisory* advisory = nullptr;
  std::size_t configuration_index = 0;
};

class AdvisoryIndex {
 public:
  AdvisoryIndex();
  ~AdvisoryIndex();
  AdvisoryIndex(AdvisoryIndex&&) noexcept;
  AdvisoryIndex& operator=(AdvisoryIndex&&) noexcept;

  // Adds an advisory, replacing one with the same id (an incremental import re-adds what changed).
  // A withdrawn advisory removes the one with its id and is not indexed: it produces no findings.
  // Affected entries without a package (GIT-only) and NVD cpeMatch criteria that are not CPE 2.3
  // names are kept with the advisory but not indexed. The `versions[]` lists of an indexed
  // advisory are kept sorted bytewise (a set in OSV: their order carries no meaning), so that
  // matching can search them by bisection. Pointers and spans obtained from the index stay valid
  // until the next Add.
  void Add(advisory::Advisory advisory);

  // The advisory with this id, or null.
  const advisory::Advisory* Find(std::string_view id) const;

  // Advisories currently indexed (replaced and withdrawn ones not counted).
  std::size_t size() const { return by_id_.size(); }

  // The affected entries for a package: `ecosystem_base` is the part of the ecosystem before ":"
  // ("Debian"), `normalized_name` the name as NormalizePackageName gives it for that ecosystem.
  // Entries of every release of the ecosystem are returned; callers filter with EcosystemApplies.
  std::span<const PackageEntry> LookupPackage(std::string_view ecosystem_base,
                                              std::string_view normalized_name) const;

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

  void Remove(const advisory::Advisory& old);

  KeyMap<std::unique_ptr<advisory::Advisory>> by_id_;  // owns the advisories
  KeyMap<std::vector<PackageEntry>> packages_;         // "<base>\n<normalised name>"
  KeyMap<std::vector<CpeEntry>> cpes_;                 // "<vendor>:<product>"
  std::set<std::string, std::less<>> bases_;
};

}  // namespace craft::vuln::match
