// SPDX-License-Identifier: MIT
// Multiboot 1 and Multiboot 2 boot information -> the handoff's boot_params.
//
// The command line goes to boot_params exactly as the loader passed it. QEMU's Multiboot 1
// loader puts the -kernel file name first (argv[0]-style); GRUB 2.06 passes only the words
// after the path. The converter cannot tell a path from an argument, so it keeps what it got
// and the boot report shows it unchanged (docs/serial-format.md).
#pragma once

#include <cstdint>

#include "abi/boot-descriptor.h"
#include "base/result.h"
#include "bootinfo/e820.h"
#include "bootinfo/handoff.h"
#include "bootinfo/physical-memory.h"

namespace bootinfo {

/// The largest Multiboot 2 information structure accepted: a bound on garbage sizes.
inline constexpr uint32_t kMultiboot2MaxInfoSize = 1u << 20;

/// Multiboot 1 (%eax = magic, %ebx = info): reads only what `flags` vouches for; the memory
/// map is walked by each entry's size field within mmap_length; without a map, mem_lower and
/// mem_upper give one; modules (the first becomes the initrd), loader name, framebuffer.
base::Result<> ConvertMultiboot1(const PhysicalMemory& memory, uint32_t magic, uint64_t info_address,
                                 const Handoff& handoff, E820Scratch& scratch);

/// Multiboot 2: walks the tag list with 8-byte alignment, size and total-size checks and
/// requires the end tag; takes the command line, loader name, modules, basic memory info,
/// memory map (entry size and version checked), ACPI RSDP (the new one over the old one)
/// and framebuffer; unknown tags are skipped and counted.
base::Result<> ConvertMultiboot2(const PhysicalMemory& memory, uint32_t magic, uint64_t info_address,
                                 const Handoff& handoff, E820Scratch& scratch);

}  // namespace bootinfo
