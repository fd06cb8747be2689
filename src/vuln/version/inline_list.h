#pragma once
// Internal to src/vuln/version: a list that keeps its first N items in place and only allocates
// beyond them, so that reading an ordinary version allocates nothing. The parts of a version the
// comparators collect (numbers, suffixes, labels) are few; the list still takes any number.

#include <cstddef>
#include <vector>

namespace craft::vuln::version {

template <class T, std::size_t N>
class InlineList {
 public:
  void clear() {
    size_ = 0;
    more_.clear();
  }
  void push_back(const T& item) {
    if (size_ < N) {
      inline_[size_] = item;
    } else {
      more_.push_back(item);
    }
    ++size_;
  }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const T& operator[](std::size_t i) const { return i < N ? inline_[i] : more_[i - N]; }
  T& operator[](std::size_t i) { return i < N ? inline_[i] : more_[i - N]; }
  const T& back() const { return (*this)[size_ - 1]; }

 private:
  T inline_[N] = {};
  std::vector<T> more_;
  std::size_t size_ = 0;
};

}  // namespace craft::vuln::version
