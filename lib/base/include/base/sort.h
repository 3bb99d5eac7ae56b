// SPDX-License-Identifier: MIT
// The sorts and the priority queue of the freestanding libraries: no allocation, and no
// quadratic worst case an adversarial memory map or init table could reach (boot information
// is untrusted). Sort is an in-place heap sort, O(n log n); RadixSortByKey is stable and O(n)
// for 32-bit keys, with a buffer.
#pragma once

#include <cstddef>
#include <cstdint>

namespace base {

/// A binary heap over caller-owned storage: Top() is an element that no other element is
/// `before` (a min-heap when `before` is "less than").
template <typename T, typename Before>
class Heap {
 public:
  Heap(T* storage, size_t capacity, Before before) : items_(storage), capacity_(capacity), before_(before) {}

  bool empty() const { return size_ == 0; }
  size_t size() const { return size_; }
  const T& Top() const { return items_[0]; }

  /// Returns false (and adds nothing) when the storage is full.
  bool Push(const T& item) {
    if (size_ == capacity_) return false;
    size_t at = size_++;
    items_[at] = item;
    while (at > 0) {
      const size_t parent = (at - 1) / 2;
      if (!before_(items_[at], items_[parent])) break;
      Swap(items_[at], items_[parent]);
      at = parent;
    }
    return true;
  }

  void Pop() {
    items_[0] = items_[--size_];
    SiftDown(items_, size_, 0, before_);
  }

  /// Restores the heap order of items[at..] below `at` in a heap of `count` items.
  static void SiftDown(T* items, size_t count, size_t at, Before& before) {
    for (;;) {
      const size_t left = 2 * at + 1;
      if (left >= count) return;
      size_t first = left;
      if (left + 1 < count && before(items[left + 1], items[left])) first = left + 1;
      if (!before(items[first], items[at])) return;
      Swap(items[first], items[at]);
      at = first;
    }
  }

  static void Swap(T& a, T& b) {
    T moved = a;
    a = b;
    b = moved;
  }

 private:
  T* items_;
  size_t capacity_;
  size_t size_ = 0;
  Before before_;
};

/// Sorts items[0..count) so that no element is `less` than the one before it (heap sort:
/// not stable; callers that need a stable order break ties themselves, e.g. by index).
template <typename T, typename Less>
void Sort(T* items, size_t count, Less less) {
  // Short arrays (a boot's memory map cuts, a few init entries) by insertion: bounded at 16
  // elements, so still no quadratic worst case, and far fewer instructions than a heap.
  if (count <= 16) {
    for (size_t i = 1; i < count; ++i) {
      T item = items[i];
      size_t at = i;
      for (; at > 0 && less(item, items[at - 1]); --at) items[at] = items[at - 1];
      items[at] = item;
    }
    return;
  }
  // A max-heap under `less`, then repeatedly move its top behind the shrinking heap.
  auto after = [&less](const T& a, const T& b) { return less(b, a); };
  using MaxHeap = Heap<T, decltype(after)>;
  for (size_t at = count / 2; at-- > 0;) MaxHeap::SiftDown(items, count, at, after);
  for (size_t end = count; end > 1; --end) {
    MaxHeap::Swap(items[0], items[end - 1]);
    MaxHeap::SiftDown(items, end - 1, 0, after);
  }
}

/// Sorts items[0..count) by a 32-bit key, stably (equal keys keep their order), in O(n): four
/// passes of one byte each through `buffer` (count elements). `key(item)` must be cheap.
template <typename T, typename Key>
void RadixSortByKey(T* items, T* buffer, size_t count, Key key) {
  T* from = items;
  T* to = buffer;
  for (uint32_t shift = 0; shift < 32; shift += 8) {
    size_t start[257] = {};
    for (size_t i = 0; i < count; ++i) ++start[((key(from[i]) >> shift) & 0xff) + 1];
    for (size_t digit = 0; digit < 256; ++digit) start[digit + 1] += start[digit];
    for (size_t i = 0; i < count; ++i) to[start[(key(from[i]) >> shift) & 0xff]++] = from[i];
    T* swap = from;
    from = to;
    to = swap;
  }
  // Four passes: the result is back in `items`.
}

}  // namespace base
