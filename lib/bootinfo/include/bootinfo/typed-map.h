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
};

const char* MemoryTypeName(MemoryType type);

struct MemoryRange {
  uint64_t base;
  uint64_t size;
  MemoryType type;
  uint32_t firmware_type;  // the E820 type the firmware gave this memory
};

/// Memory in use at KernelMain, to be carved out of RAM.
struct InUseRange {
  uint64_t base;
  uint64_t size;
  MemoryType type;  // kKernel, kFramework or kModule
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
