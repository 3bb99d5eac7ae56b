// SPDX-License-Identifier: MIT
// Where linux64-loader puts the kernel: at pref_address, as a loader that ignores
// relocatable_kernel does, or, for a relocatable kernel, where the loader's own command line
// says (linux64-loader.load=0xADDRESS, or =top for the highest aligned place in RAM below
// 4 GiB, as kexec's bzImage64 loader places it top-down). Every choice is checked: aligned as
// the header asks, inside one RAM range, clear of the loader and of the modules.
#pragma once

#include <cstdint>

#include "abi/boot-params.h"
#include "abi/e820.h"
#include "base/result.h"

namespace loader {

struct Busy {
  uint64_t base;
  uint64_t size;
};

struct PlacementRequest {
  enum class Kind { kPreferred, kAddress, kTop } kind = Kind::kPreferred;
  uint64_t address = 0;
};

/// Reads and removes every word of `line` that starts with `prefix`, leaving the last one's
/// value in `value` (NUL-terminated, `capacity` bytes); false if there is none.
base::Result<bool> TakeLoaderWord(char* line, const char* prefix, char* value, uint64_t capacity);

/// Whether [address, address + size) lies inside one RAM range of `map`, below `limit` and clear
/// of every busy range.
bool FreeRam(uint64_t address, uint64_t size, const bootabi::boot_e820_entry* map, uint32_t map_count,
             const Busy* busy, uint32_t busy_count, uint64_t limit);

/// Reads and removes the loader's own `linux64-loader.load=` word from `command_line` (a NUL-
/// terminated string edited in place); an unreadable value is an error.
base::Result<PlacementRequest> TakePlacementRequest(char* command_line);

/// The load address for a kernel of `header` under `request`.
base::Result<uint64_t> PlaceKernel(const bootabi::setup_header& header, const PlacementRequest& request,
                                   const bootabi::boot_e820_entry* map, uint32_t map_count, const Busy* busy,
                                   uint32_t busy_count, uint64_t limit);

}  // namespace loader
