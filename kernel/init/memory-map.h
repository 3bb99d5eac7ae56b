// SPDX-License-Identifier: MIT
// The kernel's memory map: the descriptor's whole map (boot_params' E820 table holds only its
// first 128 ranges), sanitised again by the one sanitiser (a stub sanitises what it
// translates, but the common path trusts no producer).
#pragma once

#include <cstdint>

#include "abi/boot-descriptor.h"
#include "abi/e820.h"
#include "inittab/init-entry.h"

namespace memory {

/// What is carved out of RAM for the typed map: the page tables, the image, the handoff area,
/// each module and each loader range.
inline constexpr uint32_t kMaxInUse = 3 + bootabi::kBootDescriptorMaxModules + bootabi::kBootDescriptorMaxLoaderRanges;
/// The typed map's capacity: each in-use range can split a range in two, adding two.
inline constexpr uint32_t kMaxTypedRanges = bootabi::kBootMemoryMapMaxEntries + 2 * kMaxInUse;

struct Map {
  bool valid;
  uint32_t count;
  bootabi::boot_e820_entry entries[bootabi::kBootMemoryMapMaxEntries];
  uint64_t ram_bytes;
};

const Map& CurrentMap();
/// Whether [address, address + size) lies entirely inside RAM ranges.
bool IsRam(uint64_t address, uint64_t size);

}  // namespace memory

extern const inittab::InitEntry gMemoryMapInit;
