// SPDX-License-Identifier: MIT
// The one E820 memory map code every entry and the common path use: collecting a loader's
// entries into boot_params, and sanitising a map into sorted, non-overlapping ranges.
#pragma once

#include <cstdint>

#include "abi/boot-params.h"
#include "abi/e820.h"

namespace bootinfo {

/// Appends loader entries to a boot_e820_entry table, dropping what cannot be a range:
/// zero-length entries, entries whose end wraps past 2^64, and entries past the capacity.
class E820Builder {
 public:
  E820Builder(bootabi::boot_e820_entry* table, uint32_t capacity) : table_(table), capacity_(capacity) {}

  enum class AddResult { kAdded, kZeroLength, kWraps, kFull };
  AddResult Add(uint64_t addr, uint64_t size, uint32_t type);

  uint32_t count() const { return count_; }
  uint32_t dropped() const { return dropped_; }

 private:
  bootabi::boot_e820_entry* table_;
  uint32_t capacity_;
  uint32_t count_ = 0;
  uint32_t dropped_ = 0;
};

/// The memory map a loader implies when it gives only the BIOS sizes (Multiboot mem_lower and
/// mem_upper, in KiB): RAM from 0 and from 1 MiB.
void AddBasicMemory(E820Builder& builder, uint32_t mem_lower_kib, uint32_t mem_upper_kib);

/// The most entries SanitizeE820 takes in: more than boot_params holds, because firmware
/// maps (EFI) often list more ranges than 128 before adjacent ones are merged.
inline constexpr uint32_t kE820MaxInputEntries = 512;

/// A range's start or end, for the sanitiser's sweep.
struct E820Event {
  uint64_t address;
  uint32_t entry;  // index of the input entry
  bool is_end;
};

/// Scratch space for SanitizeE820: two events per entry, the covering ranges, the result.
struct E820Scratch {
  E820Event events[2 * kE820MaxInputEntries];
  uint32_t heap[kE820MaxInputEntries];  // each range is pushed once, when it starts
  bool covering[kE820MaxInputEntries];
  bootabi::boot_e820_entry output[2 * kE820MaxInputEntries];
};

struct SanitizeResult {
  uint32_t count;    // entries in the table now
  uint32_t dropped;  // ranges lost because the result exceeded the capacity
};

/// Rewrites entries[0..count) in place, in an array of `capacity` entries: sorted by address,
/// no overlaps (where entries overlap, the larger type value wins, so RAM never wins over a
/// reserved or firmware range), adjacent ranges of the same type merged, zero-length and
/// wrapping entries removed. Linux's e820__update_table has the same rule. Resolving overlaps
/// can produce more ranges than came in; what does not fit in `capacity` is dropped and
/// counted, as are input entries past the first kE820MaxInputEntries.
SanitizeResult SanitizeE820(bootabi::boot_e820_entry* entries, uint32_t count, uint32_t capacity,
                            E820Scratch& scratch);

/// The end of the highest RAM range among `count` entries (0 without RAM), saturated at
/// 2^64 - 1: how far the identity map must reach for the kernel to be given all of RAM.
uint64_t E820RamEnd(const bootabi::boot_e820_entry* entries, uint32_t count);

}  // namespace bootinfo
