// SPDX-License-Identifier: MIT
// Xen PVH (HVMlite) start info -> boot_params.
#pragma once

#include <cstdint>

#include "base/result.h"
#include "bootinfo/e820.h"
#include "bootinfo/handoff.h"
#include "bootinfo/physical-memory.h"

namespace bootinfo {

/// Translates the hvm_start_info at `start_info_address` into the handoff:
/// - checks the magic; reads 40 bytes for version 0 and 56 for version 1 or later (later
///   versions only append fields, so they are read as version 1);
/// - takes the memory map only when the version has one and it is non-empty, drops
///   zero-length and wrapping entries, keeps at most 128, then sanitises it;
/// - copies the command line with a bound (truncation is recorded, a string that runs off the
///   readable memory is an error);
/// - records every module (the first becomes the initrd) and the RSDP; an address of 0 is
///   "absent" everywhere.
/// hardware_subarch stays PC, as Linux does for PVH.
base::Result<> ConvertPvh(const PhysicalMemory& memory, uint64_t start_info_address,
                          const Handoff& handoff, E820Scratch& scratch);

}  // namespace bootinfo
