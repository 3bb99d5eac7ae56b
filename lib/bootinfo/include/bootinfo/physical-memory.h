// SPDX-License-Identifier: MIT
// Bounds-checked reads of loader-provided physical memory.
//
// An entry stub reads boot information at addresses the loader chose. Every read goes through
// a PhysicalMemory window that refuses addresses outside it and sizes whose end overflows, so
// a malformed pointer becomes an error naming the field, never a fault. In the kernel the
// window is the identity-mapped low memory; in tests it is a buffer standing at a chosen
// physical address.
//
// The window can also hold a reserved range: the kernel's own memory (image, .bss, handoff
// area, stack). Boot data a loader left there is being overwritten while the stub runs (the
// stack, the handoff copy) or will be by the common entry's .bss clear, so reading it would be
// trusting bytes that are no longer the loader's: every read that touches the range fails,
// naming the field and both ranges.
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

  /// The same window with [start, end) unreadable: the kernel's memory.
  constexpr PhysicalMemory ReservingKernel(uint64_t start, uint64_t end) const {
    PhysicalMemory memory = *this;
    memory.reserved_start_ = start;
    memory.reserved_end_ = end;
    return memory;
  }

  constexpr uint64_t base() const { return base_; }
  constexpr uint64_t size() const { return size_; }
  constexpr uint64_t reserved_start() const { return reserved_start_; }
  constexpr uint64_t reserved_end() const { return reserved_end_; }

  /// Whether [address, address + length) lies inside the window without overflow and clear of
  /// the reserved range.
  constexpr bool Contains(uint64_t address, uint64_t length) const {
    if (address < base_) return false;
    const uint64_t offset = address - base_;
    return offset <= size_ && length <= size_ - offset && !Reserved(address, length);
  }

  /// Whether [address, address + length) overlaps the reserved range.
  constexpr bool Reserved(uint64_t address, uint64_t length) const {
    return length != 0 && address < reserved_end_ && (address >= reserved_start_ || reserved_start_ - address < length);
  }

  /// How many bytes are readable from `address` to the window's end or the reserved range,
  /// whichever comes first (0 if outside or reserved).
  constexpr uint64_t ReadableFrom(uint64_t address) const {
    if (address < base_ || address - base_ >= size_ || Reserved(address, 1)) return 0;
    const uint64_t to_end = size_ - (address - base_);
    if (address < reserved_start_ && reserved_start_ - address < to_end) return reserved_start_ - address;
    return to_end;
  }

  /// The error for a read of [address, address + length) that Contains refused: it overlaps
  /// the kernel, or it leaves the window ("expected" the window's end, "got" the end the read
  /// would need, or the address when that end overflows).
  [[gnu::cold]] base::Error Unreadable(uint64_t address, uint64_t length, const char* field) const;

  /// The bytes at `address`; call only after Contains(address, length).
  const uint8_t* At(uint64_t address) const {
    return reinterpret_cast<const uint8_t*>(origin_ + static_cast<uintptr_t>(address - base_));
  }

  /// The sum of the bytes at [address, address + length) modulo 256: 0 for a firmware table
  /// whose checksum is right (ACPI, the MP specification); call only after Contains.
  uint8_t ByteSum(uint64_t address, uint64_t length) const {
    uint8_t sum = 0;
    const uint8_t* bytes = At(address);
    for (uint64_t i = 0; i < length; ++i) sum = static_cast<uint8_t>(sum + bytes[i]);
    return sum;
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
    if (!Contains(address, length)) return Unreadable(address, length, field);
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
      return Unreadable(address, count * element_size, field);
    }
    return base::Ok{};
  }

 private:
  uint64_t base_;
  uint64_t size_;
  uintptr_t origin_;
  uint64_t reserved_start_ = 0;
  uint64_t reserved_end_ = 0;
};

}  // namespace bootinfo
