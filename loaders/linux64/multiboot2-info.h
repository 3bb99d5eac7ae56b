// SPDX-License-Identifier: MIT
// The Multiboot 2 boot information an ELF loader of the kexec-tools kind hands over (Multiboot2
// 1.0, 3.6): the command line, the loader's name, basic memory information, the memory map
// and the modules, then the end tag.
#pragma once

#include <cstdint>

#include "abi/boot-descriptor.h"
#include "abi/e820.h"
#include "base/result.h"

namespace loader {

struct MultibootModule {
  uint64_t start;
  uint64_t size;
};

/// Writes the information into `buffer` (`capacity` bytes, 8-byte aligned); its size, or an
/// error when it does not fit or a module lies above 4 GiB (the tag's fields are 32-bit).
base::Result<uint32_t> BuildMultiboot2Info(uint8_t* buffer, uint32_t capacity, const char* command_line,
                                           const bootabi::boot_e820_entry* map, uint32_t map_count,
                                           const MultibootModule* modules, uint32_t module_count);

}  // namespace loader
