// SPDX-License-Identifier: MIT
// The typed physical memory map a kernel author gets: the sanitised firmware map with the
// memory that is in use at KernelMain carved out of RAM (the kernel image, the framework's own
// data, the modules), so that counting "usable" never counts a module or the boot stack.
#pragma once

#include <cstdint>

#include "abi/e820.h"

namespace bootinfo {

enum class MemoryType : uint8_t {
  kUsable,           // RAM nothing uses
  kKernel,           // the kernel image: code, data, .bss
  kFramework,        // unientry's own data: page tables, handoff area, stub scratch, boot stack
  kModule,           // a module (the initrd is module 0)
  kAcpiReclaimable,  // E820 type 3: ACPI tables, RAM once they are read
  kAcpiNvs,          // E820 type 4: firmware's, kept across sleep
  kReserved,         // E820 type 2 and any type this map does not know
  kBad,              // E820 type 5: unusable
  kPersistent,       // E820 type 7 (and 12, legacy PRAM): persistent memory
  kLoader,           // the loader's data that stays in use: a Xen PV guest's frame list, start info, page tables
};

const char* MemoryTypeName(MemoryType type);

inline constexpr uint64_t kPageSize = 4096;

/// A range of the map. Ranges are byte-exact, not page-aligned: the firmware's map and the
/// in-use carve-outs (the handoff area, modules) end where they end. Count pages with
/// FirstWholePage() and WholePages(), never size / 4096.
struct MemoryRange {
  uint64_t base;
  uint64_t size;
  MemoryType type;
  uint32_t firmware_type;  // the E820 type the firmware gave this memory

  /// One past the last byte, saturated at 2^64 - 1.
  constexpr uint64_t end() const { return size > ~uint64_t{0} - base ? ~uint64_t{0} : base + size; }
  /// The address of the first 4 KiB page wholly inside the range (meaningful when WholePages() > 0).
  constexpr uint64_t FirstWholePage() const { return (base / kPageSize + (base % kPageSize != 0)) * kPageSize; }
  /// How many 4 KiB pages lie wholly inside the range.
  constexpr uint64_t WholePages() const {
    // In page numbers, so a range that reaches 2^64 neither wraps nor counts past it.
    constexpr uint64_t kPagesInAddressSpace = ~uint64_t{0} / kPageSize + 1;
    const uint64_t offset = base % kPageSize;
    const uint64_t first = base / kPageSize + (offset != 0);
    uint64_t last = size > ~uint64_t{0} - offset ? kPagesInAddressSpace : base / kPageSize + (offset + size) / kPageSize;
    if (last > kPagesInAddressSpace) last = kPagesInAddressSpace;
    return last > first ? last - first : 0;
  }
};

/// Memory in use at KernelMain, to be carved out of RAM.
struct InUseRange {
  uint64_t base;
  uint64_t size;
  MemoryType type;  // kKernel, kFramework, kModule or kLoader
};

struct TypedMapResult {
  uint32_t count;    // ranges written
  uint32_t dropped;  // ranges that did not fit in the capacity
};

/// Builds the typed map from a sanitised E820 table (sorted, no overlaps: SanitizeE820's
/// output) and the in-use ranges, which may come in any order and may overlap each other (the
/// first listed wins where they do). In-use memory is marked only where the firmware says RAM;
/// outside RAM the firmware's type stands. `scratch` holds TypedMapScratchWords(used_count)
/// words. Ranges are in address order, adjacent ranges of one type merged.
TypedMapResult BuildTypedMap(const bootabi::boot_e820_entry* e820, uint32_t e820_count, const InUseRange* used,
                             uint32_t used_count, uint64_t* scratch, MemoryRange* out, uint32_t capacity);

constexpr uint32_t TypedMapScratchWords(uint32_t used_count) { return 2 * used_count + 2; }

}  // namespace bootinfo
