// SPDX-License-Identifier: MIT
// ACPI tables as untrusted input: the RSDP's root table (XSDT, else RSDT) and the tables it
// lists, each with its header, length and checksum checked before a byte of it is used, and
// the few tables the framework reads (MADT in acpi/madt.h, HPET and FADT here). Every error
// names the table, the field, what was expected and what was there. Reads go through a
// bootinfo::PhysicalMemory window, so the same code runs in the kernel and over test bytes.
#pragma once

#include <cstdint>

#include "abi/acpi.h"
#include "base/result.h"
#include "bootinfo/physical-memory.h"

namespace acpi {

/// More tables than any firmware lists (QEMU: 8, real machines: 30-40) are dropped, counted.
inline constexpr uint32_t kMaxTables = 64;

struct TableSet {
  uint64_t root_address = 0;  // the XSDT's or the RSDT's
  bool xsdt = false;
  // The root table's signature is not "XSDT" / "RSDT" although its length and checksum hold
  // (Xen 4.17 builds a PVH dom0's XSDT from the host's, and on a host whose RSDP is revision
  // 0 takes the header from address 0): the RSDP's pointer is trusted, and this is reported.
  bool root_signature_wrong = false;
  uint32_t count = 0;
  uint32_t dropped = 0;
  uint64_t address[kMaxTables] = {};
  char signature[kMaxTables][4] = {};
};

/// The RSDP at `rsdp_address` (signature and checksums), its XSDT (revision 2 and later, when
/// the address is not 0) or RSDT, and every table the root lists: each readable, at least a
/// header long, within readable memory and with a good checksum. A bad listed table is an
/// error naming its entry. A root table with a wrong signature but a good length and checksum
/// is taken, flagged (root_signature_wrong).
base::Result<TableSet> ReadTables(const bootinfo::PhysicalMemory& memory, uint64_t rsdp_address);

/// The first table with `signature` ("APIC", "HPET", "FACP"), or 0.
uint64_t Find(const TableSet& tables, const char (&signature)[5]);

/// A table's header once its length and checksum are good; `field` names it in errors.
base::Result<bootabi::acpi_table_header> CheckTable(const bootinfo::PhysicalMemory& memory, uint64_t address,
                                                    const char* field);

struct Hpet {
  uint64_t address = 0;      // the register block, in system memory
  uint8_t number = 0;
  uint8_t comparators = 0;   // from the event timer block ID
  uint16_t minimum_tick = 0;
};
/// The HPET table at `address`: its block in system memory, at a non-zero, 8-byte aligned
/// address.
base::Result<Hpet> ParseHpet(const bootinfo::PhysicalMemory& memory, uint64_t address);

struct Fadt {
  uint16_t sci_interrupt = 0;
  bool reset_supported = false;  // RESET_REG_SUP, a table long enough and a memory or I/O register
  bootabi::acpi_generic_address reset_register = {};
  uint8_t reset_value = 0;
};
base::Result<Fadt> ParseFadt(const bootinfo::PhysicalMemory& memory, uint64_t address);

}  // namespace acpi
