#include "vuln/match/index.h"

#include <algorithm>
#include <set>

#include "vuln/advisory/ecosystem.h"
#include "vuln/match/compiled_affected.h"
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

// An advisory's key: its source and id. An OSV record and an NVD record may carry one id (a CVE)
// and are different records, each with its own packages or configurations: both are indexed.
std::string RecordKey(advisory::Source source, std::string_view id) {
  std::string key(advisory::SourceName(source));
  key.push_back('\n');
  key.append(id);
  return key;
}

template <class Entry>
void Erase(std::vector<Entry>& entries, const IndexedAdvisory* advisory) {
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

IndexedAdvisory Compact(advisory::Advisory&& a) {
  IndexedAdvisory out{std::move(a.id), std::move(a.aliases), {}, std::move(a.configurations)};
  for (auto& affected : a.affected) {
    auto& package = affected.package;
    if (package.ecosystem.empty() || package.name.empty()) continue;
    std::erase_if(affected.ranges, [](const advisory::AffectedRange& r) {
      return r.type == advisory::AffectedRange::Type::kGit;
    });
    affected.ranges.shrink_to_fit();
    auto scheme =
        version::SchemeForEcosystem(package.ecosystem).value_or(version::Scheme::kGeneric);
    out.affected.push_back({std::move(package.ecosystem), std::move(package.name),
                            std::move(affected.ranges), VersionSet(affected.versions), scheme});
  }
  out.aliases.shrink_to_fit();
  return out;
}

}  // namespace

VersionSet::VersionSet(const std::vector<std::string>& versions) : count_(versions.size()) {
  std::size_t bytes = 0;
  for (const auto& v : versions) bytes += v.size() + 1;
  data_.reserve(bytes);
  for (const auto& v : versions) {
    for (std::size_t n = v.size();; n >>= 7) {
      data_.push_back(static_cast<char>((n & 0x7f) | (n >= 0x80 ? 0x80 : 0)));
      if (n < 0x80) break;
    }
    data_.append(v);
  }
}

bool VersionSet::Contains(std::string_view version) const {
  std::size_t at = 0;
  while (at < data_.size()) {
    std::size_t length = 0;
    for (int shift = 0; at < data_.size(); shift += 7) {
      auto byte = static_cast<unsigned char>(data_[at++]);
      length |= static_cast<std::size_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) break;
    }
    if (length == version.size() && data_.compare(at, length, version) == 0) return true;
    at += length;
  }
  return false;
}

AdvisoryIndex::AdvisoryIndex() = default;
AdvisoryIndex::~AdvisoryIndex() = default;
AdvisoryIndex::AdvisoryIndex(AdvisoryIndex&&) noexcept = default;
AdvisoryIndex& AdvisoryIndex::operator=(AdvisoryIndex&&) noexcept = default;

void AdvisoryIndex::Remove(const IndexedAdvisory& old) {
  for (const auto& affected : old.affected) {
    auto base = advisory::EcosystemBase(affected.ecosystem);
    auto name = advisory::NormalizePackageName(affected.ecosystem, affected.name);
    auto it = packages_.find(Key(base, '\n', name));
    if (it == packages_.end()) continue;
    PackageBucket& bucket = it->second;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < bucket.entries.size(); ++i) {
      if (bucket.entries[i].advisory == &old) {
        bucket.garbage +=
            compiled::BlockSize(std::string_view(bucket.code).substr(bucket.offsets[i]));
        continue;
      }
      bucket.entries[kept] = bucket.entries[i];
      bucket.offsets[kept] = bucket.offsets[i];
      ++kept;
    }
    bucket.entries.resize(kept);
    bucket.offsets.resize(kept);
    if (bucket.garbage > 0 && bucket.garbage * 2 >= bucket.code.size()) {
      std::string code;
      code.reserve(bucket.code.size() - bucket.garbage);
      for (auto& offset : bucket.offsets) {
        const std::string_view block = std::string_view(bucket.code).substr(offset);
        const std::size_t size = compiled::BlockSize(block);
        offset = static_cast<std::uint32_t>(code.size());
        code.append(block.substr(0, size));
      }
      bucket.code = std::move(code);
      bucket.garbage = 0;
    }
  }
  for (const auto& configuration : old.configurations) {
    for (const auto& key : CpeKeys(configuration)) {
      if (auto it = cpes_.find(key); it != cpes_.end()) Erase(it->second, &old);
    }
  }
}

void AdvisoryIndex::Add(advisory::Advisory advisory) {
  const std::string record_key = RecordKey(advisory.source, advisory.id);
  if (auto existing = by_id_.find(record_key); existing != by_id_.end()) {
    Remove(*existing->second);
    by_id_.erase(existing);
  }
  if (advisory.IsWithdrawn()) return;
  std::vector<std::string> keys;  // the package keys, from the names normalised on import
  // The versions[] lists of the kept entries, for the filters of the compiled blocks: Compact
  // copies them into VersionSets and leaves the vectors where they are.
  std::vector<const std::vector<std::string>*> lists;
  for (const auto& affected : advisory.affected) {
    const auto& package = affected.package;
    if (package.ecosystem.empty() || package.name.empty()) continue;
    keys.emplace_back(
        Key(advisory::EcosystemBase(package.ecosystem), '\n', package.normalized_name));
    lists.push_back(&affected.versions);
  }
  auto owned = std::make_unique<IndexedAdvisory>(Compact(std::move(advisory)));
  const IndexedAdvisory* a = owned.get();
  by_id_.emplace(record_key, std::move(owned));
  for (std::size_t i = 0; i < a->affected.size(); ++i) {
    const auto& ecosystem = a->affected[i].ecosystem;
    auto base = advisory::EcosystemBase(ecosystem);
    if (bases_.find(base) == bases_.end()) bases_.emplace(base);
    auto id = ecosystem_ids_.find(ecosystem);
    if (id == ecosystem_ids_.end()) {
      id = ecosystem_ids_.emplace(ecosystem, static_cast<std::uint32_t>(ecosystem_names_.size()))
               .first;
      ecosystem_names_.push_back(ecosystem);
    }
    auto it = packages_.find(keys[i]);
    if (it == packages_.end()) it = packages_.emplace(keys[i], PackageBucket{}).first;
    PackageBucket& bucket = it->second;
    bucket.entries.push_back({a, &a->affected[i], id->second});
    bucket.offsets.push_back(static_cast<std::uint32_t>(bucket.code.size()));
    compiled::Append(a->affected[i], *lists[i], bucket.code);
  }
  for (std::size_t c = 0; c < a->configurations.size(); ++c) {
    for (const auto& key : CpeKeys(a->configurations[c])) cpes_[key].push_back({a, c});
  }
}

const IndexedAdvisory* AdvisoryIndex::Find(std::string_view id) const {
  for (auto source : {advisory::Source::kOsv, advisory::Source::kNvd}) {
    if (auto it = by_id_.find(RecordKey(source, id)); it != by_id_.end()) return it->second.get();
  }
  return nullptr;
}

std::span<const PackageEntry> AdvisoryIndex::LookupPackage(std::string_view ecosystem_base,
                                                           std::string_view normalized_name) const {
  auto it = packages_.find(Key(ecosystem_base, '\n', normalized_name));
  if (it == packages_.end()) return {};
  return it->second.entries;
}

AdvisoryIndex::PackageScan AdvisoryIndex::ScanPackage(std::string_view ecosystem_base,
                                                      std::string_view normalized_name) const {
  auto it = packages_.find(Key(ecosystem_base, '\n', normalized_name));
  if (it == packages_.end()) return {};
  const PackageBucket& bucket = it->second;
  return {bucket.entries, bucket.offsets, bucket.code};
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
