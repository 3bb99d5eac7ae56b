// SPDX-License-Identifier: MIT
// What an ELF loader needs from a kernel's ELF file in memory: its entry point and the
// segments to copy to their physical addresses, checked (System V gABI). Loaders of this kind
// enter e_entry: kexec-tools' Multiboot 2 loader in 32-bit mode with the Multiboot 2 magic,
// VMMs without PVH (crosvm, Firecracker before 1.12, rust-vmm linux-loader) in 64-bit mode
// with %rsi = a zero page.
#pragma once

#include <cstdint>

#include "base/result.h"
#include "bootinfo/physical-memory.h"

namespace loader {

inline constexpr uint32_t kMaxElfSegments = 8;

struct ElfSegment {
  uint64_t file_address;  // where the segment's bytes lie in the file image
  uint64_t paddr;
  uint64_t filesz;
  uint64_t memsz;
};

struct ElfKernel {
  uint64_t entry;
  uint32_t segment_count;
  ElfSegment segments[kMaxElfSegments];
};

/// Whether the image at `address` starts with the ELF magic.
bool IsElf(const bootinfo::PhysicalMemory& memory, uint64_t address, uint64_t size);

/// Checks the ELF at [address, address + size): 64-bit little-endian x86-64 executable, program
/// headers and PT_LOAD segments inside the file, memsz >= filesz, no address overflow, the
/// entry inside a segment.
base::Result<ElfKernel> ParseElfKernel(const bootinfo::PhysicalMemory& memory, uint64_t address, uint64_t size);

}  // namespace loader
