#pragma once
// RefTable: a hash table from strings of a Document (component refs, PURLs) to a value, for the
// look-ups of the summary and the quality checks. Internal to craft_sbom. Keys are views: the
// strings must outlive the table. One flat array (open addressing), no allocation per entry: the
// node-based std::unordered_set allocated and chased a pointer for each of the 200,000 refs of a
// 100,000-component SBOM's dependency graph.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>
#include <utility>
#include <vector>

namespace craft::sbom {

template <class Value>
class RefTable {
 public:
  // Room for `expected` keys before the table grows.
  explicit RefTable(std::size_t expected = 0) { Rehash(CapacityFor(expected)); }

  // Adds `key` with `value` unless present; returns its value and whether it was added. The
  // pointer is valid until the next insertion.
  std::pair<Value*, bool> TryEmplace(std::string_view key, Value value = {}) {
    if (2 * (size_ + 1) > slots_.size()) Rehash(2 * slots_.size());
    const std::uint64_t hash = Hash(key);
    Slot* slot = Locate(key, hash);
    if (slot->used) return {&slot->value, false};
    *slot = Slot{hash, key, std::move(value), true};
    ++size_;
    return {&slot->value, true};
  }

  bool Insert(std::string_view key) { return TryEmplace(key).second; }

  // The value of `key`, or nullptr.
  const Value* Find(std::string_view key) const {
    const Slot* slot = const_cast<RefTable*>(this)->Locate(key, Hash(key));
    return slot->used ? &slot->value : nullptr;
  }

  bool Contains(std::string_view key) const { return Find(key) != nullptr; }
  std::size_t size() const { return size_; }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::string_view key;
    Value value{};
    bool used = false;
  };

  static std::uint64_t Hash(std::string_view key) { return std::hash<std::string_view>{}(key); }

  static std::size_t CapacityFor(std::size_t expected) {
    std::size_t capacity = 16;
    while (capacity < 2 * expected) capacity *= 2;
    return capacity;
  }

  // The slot holding `key`, or the empty slot where it would go.
  Slot* Locate(std::string_view key, std::uint64_t hash) {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t at = hash & mask;; at = (at + 1) & mask) {
      Slot& slot = slots_[at];
      if (!slot.used || (slot.hash == hash && slot.key == key)) return &slot;
    }
  }

  void Rehash(std::size_t capacity) {
    std::vector<Slot> old(capacity);
    old.swap(slots_);
    for (Slot& slot : old) {
      if (slot.used) *Locate(slot.key, slot.hash) = std::move(slot);
    }
  }

  std::vector<Slot> slots_;
  std::size_t size_ = 0;
};

// A set of strings of a Document.
using RefSet = RefTable<bool>;

}  // namespace craft::sbom
