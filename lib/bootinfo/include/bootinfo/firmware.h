// SPDX-License-Identifier: MIT
// Which firmware started the machine, for the entries whose loader does not say.
//
// The Linux protocol (efi_info), Multiboot 2 (EFI tags), the EFI entry and Xen's entries tell
// the firmware outright. PVH, Multiboot 1 and the Linux protocol without efi_info do not; for
// them the firmware is told by what a PC BIOS promises and leaves behind: the BIOS data area at
// 0x400 (IBM PC/AT Technical Reference; Linux arch/x86/kernel/ebda.c reads the same fields).
// SeaBIOS sets it up; qboot and direct-boot VMMs do not.
#pragma once

#include <cstdint>

#include "abi/boot-descriptor.h"
#include "bootinfo/physical-memory.h"

namespace bootinfo {

// The BDA fields a kernel needs: the EBDA segment and the base memory size in KiB.
inline constexpr uint64_t kBdaEbdaSegment = 0x40e;
inline constexpr uint64_t kBdaBaseMemoryKib = 0x413;

struct BiosDataArea {
  uint32_t ebda_address;     // the EBDA segment << 4
  uint32_t base_memory_kib;  // conventional memory below the EBDA
};

/// The BDA's fields, or nothing readable (zeroes) when 0x400 lies outside `memory`.
BiosDataArea ReadBiosDataArea(const PhysicalMemory& memory);

/// Conventional memory ends at 640 KiB at most (the IBM PC's map).
inline constexpr uint32_t kMostBaseMemoryKib = 640;

/// Whether the BDA gives a base memory size of 1..640 KiB.
bool HasBaseMemorySize(const BiosDataArea& bda);

/// A plausible BDA names an EBDA below 640 KiB and a base memory size of 1..640 KiB.
bool IsPlausible(const BiosDataArea& bda);

/// The BIOS areas' scan for a firmware structure (the ACPI RSDP, the MP floating pointer):
/// the first address in [start, end), on an `align`-byte boundary, where `size` bytes begin
/// with the 4 bytes of `signature` and `valid` accepts them; 0 when there is none. The areas
/// are scanned on many boots, 16 bytes at a time: when the whole area is readable, one bounds
/// check serves every step and each step compares the signature as one word.
uint64_t ScanBiosArea(const PhysicalMemory& memory, uint64_t start, uint64_t end, uint64_t align,
                      const char* signature, uint64_t size, bool (*valid)(const PhysicalMemory&, uint64_t));

/// kBios when a plausible BDA is there, else kNone.
bootabi::Firmware LegacyFirmware(const PhysicalMemory& memory);

}  // namespace bootinfo
