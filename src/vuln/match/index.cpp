#include "vuln/match/index.h"

#include <algorithm>
#include <set>

#include "vuln/advisory/ecosystem.h"
#include "vuln/match/cpe.h"

namespace craft::vuln::match {

struct AdvisoryIndex::Slot {
  advisory::Advisory advisory;
  bool live = true;
};

namespace {

std::string PackageKey(std::string_view base, std::string_view name) {
  std::string key;
  key.reserve(base.size() + 1 + name.size());
  key.append(base).push_back('\n');
  key.append(name);
  return key;
}

std::string CpeKey(std::string_view vendor, std::string_view product) {
  std::string key;
  key.reserve(vendor.size() + 1 + product.size());
  key.append(vendor).push_back(':');
  key.append(product);
  return key;
}

}  // namespace

AdvisoryIndex::AdvisoryIndex() = default;
AdvisoryIndex::~AdvisoryIndex() = default;
AdvisoryIndex::AdvisoryIndex(AdvisoryIndex&&) noexcept = default;
AdvisoryIndex& AdvisoryIndex::operator=(AdvisoryIndex&&) noexcept = default;

void AdvisoryIndex::Add(advisory::Advisory advisory) {
  auto existing = by_id_.find(advisory.id);
  if (existing != by_id_.end()) {
    slots_[existing->second]->live = false;
    --live_;
    by_id_.erase(existing);
  }
  if (advisory.IsWithdrawn()) return;
  std::size_t slot = slots_.size();
  slots_.push_back(std::make_unique<Slot>(Slot{std::move(advisory), true}));
  const auto& a = slots_.back()->advisory;
  by_id_.emplace(a.id, slot);
  ++live_;
  for (std::size_t i = 0; i < a.affected.size(); ++i) {
    const auto& package = a.affected[i].package;
    if (package.ecosystem.empty() || package.name.empty()) continue;
    auto base = advisory::EcosystemBase(package.ecosystem);
    if (bases_.find(base) == bases_.end()) bases_.emplace(base);
    packages_[PackageKey(base, package.normalized_name)].emplace_back(slot, i);
  }
  for (std::size_t c = 0; c < a.configurations.size(); ++c) {
    std::set<std::string> keys;  // one entry per vendor:product and configuration
    for (const auto& node : a.configurations[c].nodes) {
      for (const auto& match : node.cpe_match) {
        if (!match.vulnerable) continue;
        if (auto cpe = ParseCpe23(match.criteria))
          keys.insert(CpeKey(cpe->vendor(), cpe->product()));
      }
    }
    for (const auto& key : keys) cpes_[key].emplace_back(slot, c);
  }
}

const advisory::Advisory* AdvisoryIndex::Find(std::string_view id) const {
  auto it = by_id_.find(std::string(id));
  return it == by_id_.end() ? nullptr : &slots_[it->second]->advisory;
}

std::vector<PackageEntry> AdvisoryIndex::LookupPackage(std::string_view ecosystem_base,
                                                       std::string_view normalized_name) const {
  std::vector<PackageEntry> out;
  auto it = packages_.find(PackageKey(ecosystem_base, normalized_name));
  if (it == packages_.end()) return out;
  out.reserve(it->second.size());
  for (auto [slot, affected] : it->second) {
    if (slots_[slot]->live) out.push_back({&slots_[slot]->advisory, affected});
  }
  return out;
}

std::vector<std::string> AdvisoryIndex::EcosystemBases() const {
  return {bases_.begin(), bases_.end()};
}

std::vector<CpeEntry> AdvisoryIndex::LookupCpe(std::string_view vendor,
                                               std::string_view product) const {
  std::vector<CpeEntry> out;
  auto it = cpes_.find(CpeKey(vendor, product));
  if (it == cpes_.end()) return out;
  for (auto [slot, configuration] : it->second) {
    if (slots_[slot]->live) out.push_back({&slots_[slot]->advisory, configuration});
  }
  return out;
}

}  // namespace craft::vuln::match
