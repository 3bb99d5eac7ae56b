// SPDX-License-Identifier: MIT
// A set of indices [0, capacity) with Insert and PopLowest, over caller-owned words: a bitmap
// with a summary bitmap above it (one summary bit per bitmap word), so PopLowest finds the
// lowest member with two count-trailing-zeros instead of sifting a heap. For the init plan's
// "lowest ready table index next".
#pragma once

#include <cstddef>
#include <cstdint>

namespace base {

class IndexSet {
 public:
  /// Words of storage a set of `capacity` indices needs.
  static constexpr size_t WordsFor(size_t capacity) {
    const size_t bitmap = (capacity + 31) / 32;
    return bitmap + (bitmap + 31) / 32;
  }

  /// Uses words[0..WordsFor(capacity)), which it clears.
  IndexSet(uint32_t* words, size_t capacity)
      : bitmap_(words), bitmap_words_((capacity + 31) / 32), summary_(words + bitmap_words_),
        summary_words_((bitmap_words_ + 31) / 32) {
    for (size_t i = 0; i < bitmap_words_ + summary_words_; ++i) words[i] = 0;
    first_summary_ = summary_words_;
  }

  bool empty() const { return first_summary_ == summary_words_; }

  /// Adds `index` (< capacity).
  void Insert(uint32_t index) {
    const size_t word = index / 32;
    bitmap_[word] |= uint32_t{1} << (index % 32);
    summary_[word / 32] |= uint32_t{1} << (word % 32);
    if (word / 32 < first_summary_) first_summary_ = word / 32;
  }

  /// Removes and returns the lowest member; call only when not empty().
  uint32_t PopLowest() {
    const size_t word = first_summary_ * 32 + static_cast<size_t>(__builtin_ctz(summary_[first_summary_]));
    const uint32_t bit = static_cast<uint32_t>(__builtin_ctz(bitmap_[word]));
    bitmap_[word] &= bitmap_[word] - 1;
    if (bitmap_[word] == 0) {
      summary_[word / 32] &= ~(uint32_t{1} << (word % 32));
      while (first_summary_ < summary_words_ && summary_[first_summary_] == 0) ++first_summary_;
    }
    return static_cast<uint32_t>(word * 32 + bit);
  }

 private:
  uint32_t* bitmap_;
  size_t bitmap_words_;
  uint32_t* summary_;
  size_t summary_words_;
  size_t first_summary_;  // no summary word below this one has a bit set
};

}  // namespace base
