#include "store/scan_cache.h"

#include <stdexcept>

#include "store/advisory_keys.h"

namespace craft::store {
namespace {

std::string KeyName(char kind, const std::string& a, const std::string& b) {
  std::string name;
  name.reserve(a.size() + b.size() + 2);
  name.push_back(kind);
  name.append(a).push_back('\n');
  name.append(b);
  return name;
}

}  // namespace

void ScanCache::Reset() {
  generation_.reset();
  index_ = vuln::match::AdvisoryIndex();
  entries_.clear();
  records_held_ = 0;
  packages_.clear();
  cpes_.clear();
}

void ScanCache::Load(Store& store, const KeyList& package_keys, const KeyList& cpe_keys) {
  try {
    if (generation_ &&
        (records_held_ > max_advisories_ || store.AdvisoryGeneration() != *generation_))
      Reset();
    // A second Fetch only when an import committed between the check above and the first one's
    // snapshot; it starts from an empty cache and so cannot fail.
    std::vector<const std::vector<Record*>*> found;  // by each of the scan's keys
    if (!Fetch(store, package_keys, cpe_keys, found)) {
      Reset();
      Fetch(store, package_keys, cpe_keys, found);
    }
    ++stamp_;
    for (const auto* records : found) {
      for (Record* record : *records) record->stamp = stamp_;
    }
  } catch (...) {
    Reset();  // a key half read would otherwise pass for held
    throw;
  }
}

bool ScanCache::Fetch(Store& store, const KeyList& package_keys, const KeyList& cpe_keys,
                      std::vector<const std::vector<Record*>*>& found) {
  if (one_scan_) {  // every record read is the scan's: stamped as it is added
    if (generation_) throw std::logic_error("a ScanCache for one scan was used for a second");
    generation_ = store.ForEachCandidateAdvisory(
        package_keys, cpe_keys, [&](vuln::advisory::Advisory&& a) { Add(std::move(a), {}); });
    return true;
  }
  KeyList missing_packages, missing_cpes;
  std::unordered_set<std::string> new_keys;
  found.clear();
  const auto look_up = [&](KeyMap& map, char kind, const auto& key, KeyList& missing) {
    auto [at, added] = map.try_emplace(KeyName(kind, key.first, key.second));
    found.push_back(&at->second);
    if (!added) return;
    missing.push_back(key);
    new_keys.insert(at->first);
  };
  for (const auto& key : package_keys) look_up(packages_, 'p', key, missing_packages);
  for (const auto& key : cpe_keys) look_up(cpes_, 'c', key, missing_cpes);
  if (new_keys.empty()) return true;
  const std::int64_t generation = store.ForEachCandidateAdvisory(
      missing_packages, missing_cpes,
      [&](vuln::advisory::Advisory&& a) { Add(std::move(a), new_keys); });
  if (generation_ && generation != *generation_) return false;
  generation_ = generation;
  return true;
}

void ScanCache::Add(vuln::advisory::Advisory&& a, const std::unordered_set<std::string>& new_keys) {
  ++records_read_;
  Entry& entry = entries_.try_emplace(a.id).first->second;
  std::unique_ptr<Record>& held = a.source == vuln::advisory::Source::kNvd ? entry.nvd : entry.osv;
  const bool new_record = held == nullptr;
  if (new_record) held = std::make_unique<Record>();
  Record& record = *held;
  if (one_scan_) {
    record.stamp = stamp_ + 1;  // the stamp Load is about to give the scan
  } else {
    FileUnderNewKeys(a, record, new_keys);
  }
  if (!new_record) return;  // found before by another key
  ++records_held_;
  record.facts = store::FactsOf(a);
  for (const auto& alias : a.aliases) entries_.try_emplace(alias);
  index_.Add(std::move(a));
}

void ScanCache::FileUnderNewKeys(const vuln::advisory::Advisory& a, Record& record,
                                 const std::unordered_set<std::string>& new_keys) {
  const AdvisoryKeys keys = KeysOf(a);
  for (const auto& [base, name] : keys.packages) {
    std::string key = KeyName('p', base, name);
    if (new_keys.contains(key)) packages_[key].push_back(&record);
  }
  for (const auto& [vendor, product] : keys.cpes) {
    std::string key = KeyName('c', vendor, product);
    if (new_keys.contains(key)) cpes_[key].push_back(&record);
  }
}

ScanCache::IdFacts ScanCache::FactsOf(Store& store, std::string_view id, bool is_cve) {
  auto it = entries_.find(id);
  if (it == entries_.end()) return {};
  Entry& entry = it->second;
  IdFacts out;
  // The NVD record's first, as a scan without the cache takes the first of the store's (source,
  // id) order.
  for (const Record* record : {entry.nvd.get(), entry.osv.get()}) {
    if (record != nullptr && record->stamp == stamp_) {
      out.facts = &record->facts;
      break;
    }
  }
  if (is_cve) {
    std::call_once(entry.cve_once, [&] {
      const std::string cve(id);
      entry.cve = std::make_unique<CveFacts>(CveFacts{store.KevEntryFor(cve), store.EpssFor(cve)});
    });
    out.cve = entry.cve.get();
  }
  return out;
}

}  // namespace craft::store
