// SPDX-License-Identifier: MIT
// Finding the MP floating pointer (Intel MP Specification 1.4, 4.0) on a boot without an
// RSDP: the machine's processors and interrupt routes are then in the MP configuration table
// it names (read by lib/acpi's mp-table in the common path).
#pragma once

#include <cstdint>

#include "bootinfo/physical-memory.h"

namespace bootinfo {

/// Whether a valid MP floating pointer is at `address`: its signature, a length of one
/// paragraph, its checksum and a specification revision of 1 (1.1) or 4 (1.4).
bool ValidMpFloatingPointer(const PhysicalMemory& memory, uint64_t address);

/// Where a BIOS leaves it, on 16-byte boundaries: the first KiB of the EBDA, the last KiB of
/// base memory (the BDA's size; 639-640 KiB without a BDA), then the BIOS ROM at
/// 0xF0000-0xFFFFF; 0 when none is valid.
uint64_t FindMpFloatingPointer(const PhysicalMemory& memory);

}  // namespace bootinfo
