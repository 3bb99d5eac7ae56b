// SPDX-License-Identifier: MIT
// What a 64-bit boot protocol loader needs from a bzImage in memory: its setup header,
// checked, and where its protected-mode kernel lies (Documentation/arch/x86/boot.rst).
#pragma once

#include <cstdint>

#include "abi/boot-params.h"
#include "base/result.h"
#include "bootinfo/physical-memory.h"

namespace loader {

struct BzImage {
  bootabi::setup_header header;  // as in the file
  uint64_t header_length;        // bytes of setup header the file defines (from 0x1f1)
  uint64_t kernel_address;       // where the protected-mode kernel lies in the file image
  uint64_t kernel_size;
};

/// Checks the image at [address, address + size): boot sector signature, "HdrS", protocol
/// 2.12 or later with XLF_KERNEL_64, sizes within the file.
base::Result<BzImage> ParseBzImage(const bootinfo::PhysicalMemory& memory, uint64_t address,
                                   uint64_t size);

}  // namespace loader
