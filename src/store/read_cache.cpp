#include "store/read_cache.h"

namespace craft::store {

void ReadCache::Put(const std::string& key, Value value, std::uint64_t seen) {
  auto shared = std::make_shared<const Value>(std::move(value));
  std::lock_guard lock(mutex_);
  if (generation_.load(std::memory_order_acquire) != seen) return;
  if (entries_.size() >= max_entries_) entries_.clear();
  entries_.insert_or_assign(key, std::move(shared));
}

void ReadCache::Invalidate() {
  std::unordered_map<std::string, std::shared_ptr<const Value>> dropped;
  {
    std::lock_guard lock(mutex_);
    generation_.fetch_add(1, std::memory_order_acq_rel);
    dropped.swap(entries_);
  }  // the values are freed outside the lock
}

}  // namespace craft::store
