// SPDX-License-Identifier: MIT
// Xen PV start_info -> the handoff's boot_params (hardware_subarch XEN, as Linux's PV entry).
#pragma once

#include <cstdint>

#include "base/result.h"
#include "bootinfo/e820.h"
#include "bootinfo/handoff.h"
#include "bootinfo/physical-memory.h"

namespace bootinfo {

/// The most memory a PV start info may claim: 2^46 bytes (64 TiB), the x86-64 PV limit.
inline constexpr uint64_t kXenPvMaxPages = uint64_t{1} << 34;

/// Checks the magic ("xen-3.0-x86_64"), makes the memory map one RAM range of nr_pages
/// (which must be non-zero and sane), copies the command line (it must end inside its
/// 1024-byte field), takes the module (initrd) when there is one and it lies in `memory`, and
/// records the start info in the descriptor.
base::Result<> ConvertXenPv(const PhysicalMemory& memory, uint64_t start_info_address,
                            const Handoff& handoff, E820Scratch& scratch);

}  // namespace bootinfo
