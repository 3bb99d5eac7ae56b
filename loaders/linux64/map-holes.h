// SPDX-License-Identifier: MIT
// `linux64-loader.e820-holes=N`: the loader hands over a memory map with N reserved pages
// punched into the top of the highest RAM range, 2N ranges more than the machine's, as
// firmware with hundreds of ranges does (EFI maps list every runtime-services region). With
// N of 64 or more the map no longer fits the zero page's 128 entries, and the rest goes into a
// SETUP_E820_EXT node (boot.rst: "setup_data ... SETUP_E820_EXT"), as Linux's EFI stub passes
// a large map.
#pragma once

#include <cstdint>

#include "abi/e820.h"
#include "base/result.h"
#include "placement.h"

namespace loader {

/// The most holes the option takes: the kernel keeps 512 ranges (kBootMemoryMapMaxEntries).
inline constexpr uint32_t kMaxMapHoles = 200;

/// Reads and removes the `linux64-loader.e820-holes=` word (decimal); 0 without it.
base::Result<uint32_t> TakeMapHoles(char* command_line);

/// Copies `in` to `out` with `holes` reserved 4 KiB pages, each followed by a RAM page, at
/// the top of the highest RAM range; the count written, or an error when that range has too
/// few pages, the pages hold something busy (the kernel, a module) or `out` has too few
/// entries.
base::Result<uint32_t> PunchMapHoles(const bootabi::boot_e820_entry* in, uint32_t count, uint32_t holes,
                                     const Busy* busy, uint32_t busy_count, bootabi::boot_e820_entry* out,
                                     uint32_t capacity);

}  // namespace loader
