#include "vuln/match/index.h"

#include <algorithm>
#include <set>

#include "vuln/advisory/ecosystem.h"
#include "vuln/match/cpe.h"

namespace craft::vuln::match {

namespace {

// The key of a package (or CPE) in this thread's buffer: no allocation per lookup.
std::string_view Key(std::string_view first, char separator, std::string_view second) {
  thread_local std::string key;
  key.assign(first).push_back(separator);
  key.append(second);
  return key;
}

template <class Entry>
void Erase(std::vector<Entry>& entries, const advisory::Advisory* advisory) {
  std::erase_if(entries, [&](const Entry& e) { return e.advisory == advisory; });
}

std::set<std::string> CpeKeys(const advisory::CpeConfiguration& configuration) {
  std::set<std::string> keys;  // one entry per vendor:product and configuration
  for (const auto& node : configuration.nodes) {
    for (const auto& match : node.cpe_match) {
      if (!match.vulnerable) continue;
      if (auto cpe = ParseCpe23(match.criteria)) {
        keys.insert(std::string(Key(cpe->vendor(), ':', cpe->product())));
      }
    }
  }
  return keys;
}

}  // namespace

AdvisoryIndex::AdvisoryIndex() = default;
AdvisoryIndex::~AdvisoryIndex() = default;
AdvisoryIndex::AdvisoryIndex(AdvisoryIndex&&) noexcept = default;
AdvisoryIndex& AdvisoryIndex::operator=(AdvisoryIndex&&) noexcept = default;

void AdvisoryIndex::Remove(const advisory::Advisory& old) {
  for (const auto& affected : old.affected) {
    const auto& package = affected.package;
    if (package.ecosystem.empty() || package.name.empty()) continue;
    auto key = Key(advisory::EcosystemBase(package.ecosystem), '\n', package.normalized_name);
    if (auto it = packages_.find(key); it != packages_.end()) Erase(it->second, &old);
  }
  for (const auto& configuration : old.configurations) {
    for (const auto& key : CpeKeys(configuration)) {
      if (auto it = cpes_.find(key); it != cpes_.end()) Erase(it->second, &old);
    }
  }
}

void AdvisoryIndex::Add(advisory::Advisory advisory) {
  if (auto existing = by_id_.find(advisory.id); existing != by_id_.end()) {
    Remove(*existing->second);
    by_id_.erase(existing);
  }
  if (advisory.IsWithdrawn()) return;
  for (auto& affected : advisory.affected) {
    std::sort(affected.versions.begin(), affected.versions.end());
  }
  auto owned = std::make_unique<advisory::Advisory>(std::move(advisory));
  const advisory::Advisory* a = owned.get();
  by_id_.emplace(a->id, std::move(owned));
  for (std::size_t i = 0; i < a->affected.size(); ++i) {
    const auto& package = a->affected[i].package;
    if (package.ecosystem.empty() || package.name.empty()) continue;
    auto base = advisory::EcosystemBase(package.ecosystem);
    if (bases_.find(base) == bases_.end()) bases_.emplace(base);
    auto key = Key(base, '\n', package.normalized_name);
    auto it = packages_.find(key);
    if (it == packages_.end())
      it = packages_.emplace(std::string(key), std::vector<PackageEntry>{}).first;
    it->second.push_back({a, i});
  }
  for (std::size_t c = 0; c < a->configurations.size(); ++c) {
    for (const auto& key : CpeKeys(a->configurations[c])) cpes_[key].push_back({a, c});
  }
}

const advisory::Advisory* AdvisoryIndex::Find(std::string_view id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : it->second.get();
}

std::span<const PackageEntry> AdvisoryIndex::LookupPackage(std::string_view ecosystem_base,
                                                           std::string_view normalized_name) const {
  auto it = packages_.find(Key(ecosystem_base, '\n', normalized_name));
  if (it == packages_.end()) return {};
  return it->second;
}

std::vector<std::string> AdvisoryIndex::EcosystemBases() const {
  return {bases_.begin(), bases_.end()};
}

std::span<const CpeEntry> AdvisoryIndex::LookupCpe(std::string_view vendor,
                                                   std::string_view product) const {
  auto it = cpes_.find(Key(vendor, ':', product));
  if (it == cpes_.end()) return {};
  return it->second;
}

}  // namespace craft::vuln::match
