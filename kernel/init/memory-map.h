// SPDX-License-Identifier: MIT
// The kernel's memory map: boot_params' E820 table, sanitised again by the one sanitiser
// (a stub sanitises what it translates, but the common path trusts no producer).
#pragma once

#include <cstdint>

#include "abi/e820.h"
#include "inittab/init-entry.h"

namespace memory {

struct Map {
  bool valid;
  uint32_t count;
  bootabi::boot_e820_entry entries[bootabi::kE820MaxEntriesZeroPage];
  uint64_t ram_bytes;
};

const Map& CurrentMap();
/// Whether [address, address + size) lies entirely inside RAM ranges.
bool IsRam(uint64_t address, uint64_t size);

}  // namespace memory

extern const inittab::InitEntry gMemoryMapInit;
