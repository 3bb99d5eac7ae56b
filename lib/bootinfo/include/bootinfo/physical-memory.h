// SPDX-License-Identifier: MIT
// Bounds-checked reads of loader-provided physical memory.
//
// An entry stub reads boot information at addresses the loader chose. Every read goes through
// a PhysicalMemory window that refuses addresses outside it and sizes whose end overflows, so
// a malformed pointer becomes an error naming the field, never a fault. In the kernel the
// window is the identity-mapped low memory; in tests it is a buffer standing at a chosen
// physical address.
#pragma once

#include <cstddef>
#include <cstdint>

#include "base/result.h"

namespace bootinfo {

class PhysicalMemory {
 public:
  /// Physical addresses [base, base + size) are readable at host address `origin`.
  constexpr PhysicalMemory(uint64_t base, uint64_t size, uintptr_t origin)
      : base_(base), size_(size), origin_(origin) {}

  constexpr uint64_t base() const { return base_; }
  constexpr uint64_t size() const { return size_; }

  /// Whether [address, address + length) lies inside the window without overflow.
  constexpr bool Contains(uint64_t address, uint64_t length) const {
    if (address < base_) return false;
    const uint64_t offset = address - base_;
    return offset <= size_ && length <= size_ - offset;
  }

  /// How many bytes are readable from `address` to the window's end (0 if outside).
  constexpr uint64_t ReadableFrom(uint64_t address) const {
    if (address < base_ || address - base_ >= size_) return 0;
    return size_ - (address - base_);
  }

  /// The bytes at `address`; call only after Contains(address, length).
  const uint8_t* At(uint64_t address) const {
    return reinterpret_cast<const uint8_t*>(origin_ + static_cast<uintptr_t>(address - base_));
  }

  /// Reads a T at any alignment, or fails with "field: outside readable memory".
  template <typename T>
  base::Result<T> Read(uint64_t address, const char* field) const {
    return ReadBytes<T>(address, sizeof(T), field);
  }

  /// Reads the first `length` (<= sizeof(T)) bytes of a T; the rest stays zero. Used for
  /// versioned structures whose older versions are shorter.
  template <typename T>
  base::Result<T> ReadBytes(uint64_t address, size_t length, const char* field) const {
    if (!Contains(address, length)) return OutsideError(address, length, field);
    T value{};
    __builtin_memcpy(&value, At(address), length);
    return value;
  }

  /// Checks that `count` elements of `element_size` bytes at `address` are readable.
  base::Result<> CheckArray(uint64_t address, uint64_t count, uint64_t element_size,
                            const char* field) const {
    if (count != 0 && element_size > UINT64_MAX / count) {
      return base::MakeError("element count overflows the address space", field,
                             UINT64_MAX / element_size, count);
    }
    if (!Contains(address, count * element_size)) {
      return OutsideError(address, count * element_size, field);
    }
    return base::Ok{};
  }

 private:
  base::Error OutsideError(uint64_t address, uint64_t length, const char* field) const {
    // "expected" is the window's end, "got" the end the read would need (or the address when
    // that end overflows).
    const uint64_t end = address + length < address ? address : address + length;
    return base::MakeError("outside readable memory", field, base_ + size_, end);
  }

  uint64_t base_;
  uint64_t size_;
  uintptr_t origin_;
};

}  // namespace bootinfo
