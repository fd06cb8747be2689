#pragma once
// An in-memory index of advisories for matching: OSV affected packages by ecosystem and normalised
// package name, NVD configurations by CPE vendor and product. Pure data structure: no I/O. Adding
// is not thread-safe; once built, any number of threads may read it concurrently.

#include <cstddef>
#include <memory>
#include <set>
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
  // names are kept with the advisory but not indexed.
  void Add(advisory::Advisory advisory);

  // The advisory with this id, or null.
  const advisory::Advisory* Find(std::string_view id) const;

  // Advisories currently indexed (replaced and withdrawn ones not counted).
  std::size_t size() const { return live_; }

  // The affected entries for a package: `ecosystem_base` is the part of the ecosystem before ":"
  // ("Debian"), `normalized_name` the name as NormalizePackageName gives it for that ecosystem.
  // Entries of every release of the ecosystem are returned; callers filter with EcosystemApplies.
  std::vector<PackageEntry> LookupPackage(std::string_view ecosystem_base,
                                          std::string_view normalized_name) const;

  // The ecosystem bases that have entries (to match a component whose ecosystem is unknown).
  std::vector<std::string> EcosystemBases() const;

  // The configurations naming vendor:product (lower case, as ParseCpe23 gives them).
  std::vector<CpeEntry> LookupCpe(std::string_view vendor, std::string_view product) const;

 private:
  struct Slot;
  std::vector<std::unique_ptr<Slot>> slots_;
  std::unordered_map<std::string, std::size_t> by_id_;  // id -> slot
  std::unordered_map<std::string, std::vector<std::pair<std::size_t, std::size_t>>> packages_;
  std::unordered_map<std::string, std::vector<std::pair<std::size_t, std::size_t>>> cpes_;
  std::set<std::string, std::less<>> bases_;
  std::size_t live_ = 0;
};

}  // namespace craft::vuln::match
