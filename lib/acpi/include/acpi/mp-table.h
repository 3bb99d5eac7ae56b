// SPDX-License-Identifier: MIT
// The MP specification's configuration table (Intel MP Specification 1.4, chapter 4) into the
// same view the MADT gives (acpi::Madt), for a BIOS without ACPI: its processors (EN flag: usable
// or not there), its I/O APICs and its ISA interrupt routes (those that differ from IRQ N on
// GSI N, active high, edge: as the MADT's overrides). Every field is checked: the floating
// pointer and the table's signature, checksum, length and revision, each entry's type (which
// fixes its length) and its place inside the table, the I/O APICs and inputs that interrupt
// entries name. A default configuration (no table: 5.1) gives its fixed machine.
#pragma once

#include <cstdint>

#include "acpi/madt.h"
#include "base/result.h"
#include "bootinfo/physical-memory.h"

namespace acpi {

struct MpTableInfo {
  uint64_t config_table = 0;    // the configuration table's address; 0 for a default configuration
  uint8_t spec_rev = 0;         // 1 (1.1) or 4 (1.4)
  uint8_t default_config = 0;   // 5-7: a default configuration; 0 otherwise
  uint32_t entries = 0;         // base table entries read (its length bounds them)
  uint16_t entry_count_field = 0;  // what the header's entry_count says (qboot leaves it 0)
};

/// How many inputs the I/O APIC at `address` has (its version register's maximum redirection
/// entry + 1), 0 when none answers there: an MP table gives no I/O APIC a GSI base, which are
/// its predecessors' inputs counted (as Linux's mp_register_ioapic does).
using IoApicInputCount = uint32_t (*)(uint64_t address);

/// Reads the MP tables the floating pointer at `floating_pointer` names into `madt`.
base::Result<MpTableInfo> ParseMpTable(const bootinfo::PhysicalMemory& memory, uint64_t floating_pointer,
                                       IoApicInputCount input_count, Madt& madt);

}  // namespace acpi
