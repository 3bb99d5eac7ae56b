// SPDX-License-Identifier: MIT
// Finding the ACPI RSDP for entries whose loader did not hand it over: in an EFI system
// table's configuration table, or where a BIOS leaves it. Every candidate is checked
// (signature, checksums, length) before it is believed.
#pragma once

#include <cstdint>

#include "base/result.h"
#include "bootinfo/physical-memory.h"

namespace bootinfo {

/// Whether a valid RSDP is at `address`: signature, the 20-byte checksum and, for revision 2
/// and later, a length of at least 36 and the extended checksum.
bool ValidRsdp(const PhysicalMemory& memory, uint64_t address);

/// The RSDP an EFI system table lists (the ACPI 2.0 GUID first, then ACPI 1.0), 0 when none;
/// an error when the table or its configuration table lies outside `memory` or lists more
/// entries than any firmware does.
base::Result<uint64_t> FindRsdpInEfiSystemTable(const PhysicalMemory& memory, uint64_t system_table);

/// The BIOS way: 16-byte boundaries in the first KiB of the EBDA (the segment at 0x40E), then
/// in 0xE0000-0xFFFFF; 0 when none is valid.
uint64_t FindRsdpInBiosAreas(const PhysicalMemory& memory);

struct Handoff;

/// The last step of every converter: keeps an RSDP the loader gave (an error when none is
/// valid there), or finds one: in the EFI system table `efi_system_table` (0: none), else where
/// a BIOS leaves it; a boot that finds none records the MP floating pointer (0: none) in the
/// descriptor. Records the EFI system table in the descriptor.
base::Result<> SettleFirmwareTables(const PhysicalMemory& memory, const Handoff& handoff, uint64_t efi_system_table,
                                    const char* field);

}  // namespace bootinfo
