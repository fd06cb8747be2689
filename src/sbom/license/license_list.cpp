#include "sbom/license/license_list.h"

#include <algorithm>
#include <span>
#include <vector>

namespace craft::sbom {
namespace {

char Fold(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool LessFolded(std::string_view a, std::string_view b) {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                      [](char x, char y) { return Fold(x) < Fold(y); });
}

bool EqualFolded(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return Fold(x) == Fold(y); });
}

// The entries of a table ordered case-insensitively, built once.
class FoldedIndex {
 public:
  explicit FoldedIndex(std::span<const SpdxListEntry> entries) {
    for (const auto& e : entries) sorted_.push_back(&e);
    std::stable_sort(
        sorted_.begin(), sorted_.end(),
        [](const SpdxListEntry* a, const SpdxListEntry* b) { return LessFolded(a->id, b->id); });
  }
  const SpdxListEntry* Find(std::string_view id) const {
    auto it = std::lower_bound(
        sorted_.begin(), sorted_.end(), id,
        [](const SpdxListEntry* e, std::string_view key) { return LessFolded(e->id, key); });
    return it != sorted_.end() && EqualFolded((*it)->id, id) ? *it : nullptr;
  }

 private:
  std::vector<const SpdxListEntry*> sorted_;
};

}  // namespace

const SpdxListEntry* FindSpdxLicense(std::string_view id) {
  static const FoldedIndex index({license_data::kLicenses, license_data::kLicenseCount});
  return index.Find(id);
}

const SpdxListEntry* FindSpdxException(std::string_view id) {
  static const FoldedIndex index({license_data::kExceptions, license_data::kExceptionCount});
  return index.Find(id);
}

std::string_view SpdxListSource() { return license_data::kLicenseListSource; }

}  // namespace craft::sbom
