#pragma once
// The candidate advisories of a store's scans, kept in memory from one scan to the next: a server
// scans every uploaded SBOM and every version on a rescan, and most of their components (and so
// most of their lookup keys) recur. A scan through the cache reads from the store only the keys no
// earlier scan read, instead of every candidate's record (a seek, a zstd frame and a JSON decode
// each), and matches against an index it does not rebuild.
//
// A scan through the cache finds exactly what a scan without it finds:
//  - the cache holds what the store held at one advisory generation (Store::AdvisoryGeneration),
//    checked at every scan, so an import by any process sharing the database empties it;
//  - a key is held completely or not at all, and matching only looks up the keys of the scan's
//    own components;
//  - a finding shows the facts (summary, severity, references) of an alias only when that alias
//    is a candidate of the scan's own keys, as a scan without the cache would (FactsOf).
// Past its budget of advisories the cache is emptied before the next scan: its memory is bounded
// by the budget plus one scan's candidates.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "store/advisory_facts.h"
#include "store/store.h"
#include "vuln/match/index.h"

namespace craft::store {

class ScanCache {
 public:
  using KeyList = std::vector<std::pair<std::string, std::string>>;

  // About 4 KB each (the indexed record, its facts, the key lists; 67,430 records took 280 MB in
  // bench/vuln/scan_bench.cpp): ~400 MB, so that a server stays under 1 GB with a scan in flight.
  static constexpr std::size_t kDefaultMaxAdvisories = 100000;

  explicit ScanCache(std::size_t max_advisories = kDefaultMaxAdvisories)
      : max_advisories_(max_advisories) {}
  // A cache for one scan (`craft vuln scan`, ScanComponents without a cache): it reads every key
  // once and files nothing for a next scan, which would cost the one-off scan ~10%.
  struct OneScan {};
  explicit ScanCache(OneScan) : max_advisories_(0), one_scan_(true) {}
  ScanCache(const ScanCache&) = delete;
  ScanCache& operator=(const ScanCache&) = delete;

  // Held by a scan from Load to its last finding: the scans of one cache take turns. While it is
  // held, the index and FactsOf may be used from several threads.
  std::mutex& mutex() { return mutex_; }

  // Makes the cache hold every candidate advisory (Store::ForEachCandidateAdvisory) of these
  // (ecosystem base, normalised name) and (vendor, product) keys, as of the store's current
  // advisory generation, and makes them the current scan's (FactsOf). Reads from the store only
  // the keys the cache does not hold.
  void Load(Store& store, const KeyList& package_keys, const KeyList& cpe_keys);

  // The held advisories, indexed for vuln::match.
  const vuln::match::AdvisoryIndex& index() const { return index_; }

  // The KEV entry and the EPSS score of a CVE.
  struct CveFacts {
    std::optional<vuln::advisory::KevEntry> kev;
    std::optional<vuln::advisory::EpssEntry> epss;
  };
  // What a finding shows of one of its ids (an advisory's id or alias): the facts of its record
  // when that record is a candidate of the last Load's keys (else null), and, for a CVE id, its
  // KEV entry and EPSS score, looked up once per generation (else null). Safe to call from several
  // threads while the scan holds mutex(). Every id and alias of a held record has an entry; for
  // any other id both are null.
  struct IdFacts {
    const AdvisoryFacts* facts = nullptr;
    const CveFacts* cve = nullptr;
  };
  IdFacts FactsOf(Store& store, std::string_view id, bool is_cve);

  std::size_t size() const { return records_held_; }  // advisory records held
  // Advisory records read from the store since the cache was made (all Loads).
  std::uint64_t records_read() const { return records_read_; }

 private:
  struct Record {  // one advisory record held
    AdvisoryFacts facts;
    std::uint64_t stamp = 0;  // the last Load whose keys found it
  };
  // One advisory id or alias (an OSV record and an NVD record may share an id). Most are aliases
  // without a record, and most ids are not CVEs: what they may hold is behind pointers.
  struct Entry {
    std::unique_ptr<Record> nvd;
    std::unique_ptr<Record> osv;
    std::once_flag cve_once;  // `cve` filled in by the first scan that needs it
    std::unique_ptr<CveFacts> cve;
  };
  // Kind ('p' package, 'c' CPE), then the key's two parts: the records found by that key.
  using KeyMap = std::unordered_map<std::string, std::vector<Record*>>;

  void Reset();
  // Reads the keys not held; false when the store's generation moved past the cache's meanwhile.
  // `found`: the records of each key.
  bool Fetch(Store& store, const KeyList& package_keys, const KeyList& cpe_keys,
             std::vector<const std::vector<Record*>*>& found);
  void Add(vuln::advisory::Advisory&& advisory, const std::unordered_set<std::string>& new_keys);
  // Files `record` under those of its keys that are being read (for the next scans' stamps).
  void FileUnderNewKeys(const vuln::advisory::Advisory& advisory, Record& record,
                        const std::unordered_set<std::string>& new_keys);

  std::mutex mutex_;
  std::size_t max_advisories_;
  bool one_scan_ = false;
  std::optional<std::int64_t> generation_;
  vuln::match::AdvisoryIndex index_;
  struct IdHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view id) const { return std::hash<std::string_view>{}(id); }
  };
  // By advisory id; node-based, so the keys' pointers stay valid.
  std::unordered_map<std::string, Entry, IdHash, std::equal_to<>> entries_;
  std::size_t records_held_ = 0;
  KeyMap packages_;
  KeyMap cpes_;
  std::uint64_t stamp_ = 0;
  std::uint64_t records_read_ = 0;
};

}  // namespace craft::store
