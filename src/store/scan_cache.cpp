#include "store/scan_cache.h"

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
  cves_.clear();
}

void ScanCache::Load(Store& store, const KeyList& package_keys, const KeyList& cpe_keys) {
  try {
    if (generation_ &&
        (records_held_ > max_advisories_ || store.AdvisoryGeneration() != *generation_))
      Reset();
    // A second Fetch only when an import committed between the check above and the first one's
    // snapshot; it starts from an empty cache and so cannot fail.
    if (!Fetch(store, package_keys, cpe_keys)) {
      Reset();
      Fetch(store, package_keys, cpe_keys);
    }
  } catch (...) {
    Reset();  // a key half read would otherwise pass for held
    throw;
  }
  ++stamp_;
  Stamp(packages_, 'p', package_keys);
  Stamp(cpes_, 'c', cpe_keys);
}

bool ScanCache::Fetch(Store& store, const KeyList& package_keys, const KeyList& cpe_keys) {
  KeyList missing_packages, missing_cpes;
  std::unordered_set<std::string> new_keys;
  for (const auto& [base, name] : package_keys) {
    if (packages_.try_emplace(KeyName('p', base, name)).second) {
      missing_packages.emplace_back(base, name);
      new_keys.insert(KeyName('p', base, name));
    }
  }
  for (const auto& [vendor, product] : cpe_keys) {
    if (cpes_.try_emplace(KeyName('c', vendor, product)).second) {
      missing_cpes.emplace_back(vendor, product);
      new_keys.insert(KeyName('c', vendor, product));
    }
  }
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
  Record& record = a.source == vuln::advisory::Source::kNvd ? entry.nvd : entry.osv;
  const AdvisoryKeys keys = KeysOf(a);
  for (const auto& [base, name] : keys.packages) {
    std::string key = KeyName('p', base, name);
    if (new_keys.contains(key)) packages_[key].push_back(&record);
  }
  for (const auto& [vendor, product] : keys.cpes) {
    std::string key = KeyName('c', vendor, product);
    if (new_keys.contains(key)) cpes_[key].push_back(&record);
  }
  if (record.held) return;  // found before by another key
  record.held = true;
  ++records_held_;
  record.facts = FactsOf(a);
  index_.Add(std::move(a));
}

void ScanCache::Stamp(const KeyMap& keys, char kind, const KeyList& names) {
  for (const auto& [a, b] : names) {
    auto it = keys.find(KeyName(kind, a, b));
    if (it == keys.end()) continue;
    for (Record* record : it->second) record->stamp = stamp_;
  }
}

const AdvisoryFacts* ScanCache::FactsInScan(std::string_view id) const {
  auto it = entries_.find(id);
  if (it == entries_.end()) return nullptr;
  // The NVD record's first, as a scan without the cache takes the first of the store's (source,
  // id) order.
  for (const Record* record : {&it->second.nvd, &it->second.osv}) {
    if (record->held && record->stamp == stamp_) return &record->facts;
  }
  return nullptr;
}

const ScanCache::CveFacts& ScanCache::Cve(Store& store, const std::string& cve) {
  auto it = cves_.find(cve);
  if (it == cves_.end())
    it = cves_.emplace(cve, CveFacts{store.KevEntryFor(cve), store.EpssFor(cve)}).first;
  return it->second;
}

}  // namespace craft::store
