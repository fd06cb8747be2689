#pragma once
// A cache of the reads every API request makes (organisation, product, version, API key, document
// types), in front of the database. Any committed change empties it, so a reader never sees data
// older than the last change it could know of: the store calls Invalidate() after each commit of
// its own and whenever it notices a commit by another process.
//
// A reader that misses takes generation() before querying the database and hands it to Put():
// a value read while a change was committing is then dropped instead of cached.
// Thread-safe; a hit costs one mutex acquisition and a hash lookup.

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "core/model.h"
#include "store/store.h"

namespace craft::store {

class ReadCache {
 public:
  using Value = std::variant<core::Organisation, core::Product, core::Version, Principal,
                             VersionEvidence, std::vector<core::DocumentType>>;

  explicit ReadCache(std::size_t max_entries = 20000) : max_entries_(max_entries) {}

  std::uint64_t generation() const { return generation_.load(std::memory_order_acquire); }

  // The cached value of type T under `key`, if any.
  template <typename T>
  std::optional<T> Get(const std::string& key) const {
    std::shared_ptr<const Value> found;
    {
      std::lock_guard lock(mutex_);
      const auto it = entries_.find(key);
      if (it == entries_.end()) return std::nullopt;
      found = it->second;
    }
    if (const T* value = std::get_if<T>(found.get())) return *value;
    return std::nullopt;
  }

  // Caches `value` unless a change was committed since `seen` was taken. When full, starts over.
  void Put(const std::string& key, Value value, std::uint64_t seen);

  // Forgets everything (after a committed change).
  void Invalidate();

 private:
  const std::size_t max_entries_;
  mutable std::mutex mutex_;
  std::atomic<std::uint64_t> generation_{0};
  std::unordered_map<std::string, std::shared_ptr<const Value>> entries_;
};

}  // namespace craft::store
