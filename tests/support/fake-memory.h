// SPDX-License-Identifier: MIT
// A buffer standing in for guest physical memory at a chosen address, for building loader
// structures in tests, fuzzers and benchmarks.
#pragma once

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "bootinfo/physical-memory.h"

namespace testing_support {

class FakeMemory {
 public:
  explicit FakeMemory(uint64_t base = 0x10000, size_t size = 64 * 1024)
      : base_(base), bytes_(size, 0) {}

  bootinfo::PhysicalMemory View() const {
    return bootinfo::PhysicalMemory(base_, bytes_.size(), reinterpret_cast<uintptr_t>(bytes_.data()));
  }
  uint64_t base() const { return base_; }
  uint64_t end() const { return base_ + bytes_.size(); }

  /// Copies `size` bytes to the next free address aligned to `align`; returns that address.
  uint64_t PlaceBytes(const void* data, size_t size, size_t align = 8) {
    next_ = (next_ + align - 1) / align * align;
    if (next_ + size > bytes_.size()) throw std::length_error("FakeMemory full");
    std::memcpy(bytes_.data() + next_, data, size);
    const uint64_t address = base_ + next_;
    next_ += size;
    return address;
  }
  template <typename T>
  uint64_t Place(const T& value) {
    return PlaceBytes(&value, sizeof(T), alignof(T));
  }
  template <typename T>
  uint64_t PlaceArray(const std::vector<T>& values) {
    return PlaceBytes(values.data(), values.size() * sizeof(T), alignof(T));
  }
  uint64_t PlaceString(const char* text) { return PlaceBytes(text, std::strlen(text) + 1, 1); }

  /// Writes raw bytes at an absolute address inside the buffer.
  void WriteBytes(uint64_t address, const void* data, size_t size) {
    std::memcpy(bytes_.data() + (address - base_), data, size);
  }

 private:
  uint64_t base_;
  std::vector<uint8_t> bytes_;
  size_t next_ = 0;
};

}  // namespace testing_support
