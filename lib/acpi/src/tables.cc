// SPDX-License-Identifier: MIT
#include "acpi/tables.h"

#include <cstddef>

#include "bootinfo/rsdp.h"

namespace acpi {
namespace {

bool SameSignature(const char* a, const char* b) { return __builtin_memcmp(a, b, 4) == 0; }

}  // namespace

base::Result<bootabi::acpi_table_header> CheckTable(const bootinfo::PhysicalMemory& memory, uint64_t address,
                                                    const char* field) {
  if (address == 0) return base::MakeError("table address is 0", field);
  const auto header = TRY(memory.Read<bootabi::acpi_table_header>(address, field));
  if (header.length < sizeof(bootabi::acpi_table_header)) {
    return base::MakeError("table shorter than its header", field, sizeof(bootabi::acpi_table_header), header.length);
  }
  if (!memory.Contains(address, header.length)) return memory.Unreadable(address, header.length, field);
  if (const uint8_t sum = memory.ByteSum(address, header.length); sum != 0) {
    return base::MakeError("bad checksum: the table's bytes must sum to 0", field, 0, sum);
  }
  return header;
}

base::Result<TableSet> ReadTables(const bootinfo::PhysicalMemory& memory, uint64_t rsdp_address) {
  if (!bootinfo::ValidRsdp(memory, rsdp_address)) {
    return base::MakeError("no valid RSDP there (signature, checksums, length)", "rsdp", 0, rsdp_address);
  }
  const auto rsdp = TRY(memory.ReadBytes<bootabi::acpi_rsdp>(
      rsdp_address,
      memory.At(rsdp_address)[offsetof(bootabi::acpi_rsdp, revision)] >= 2 ? sizeof(bootabi::acpi_rsdp)
                                                                          : bootabi::kAcpiRsdpV1Size,
      "rsdp"));
  TableSet tables;
  tables.xsdt = rsdp.revision >= 2 && rsdp.xsdt_address != 0;
  tables.root_address = tables.xsdt ? rsdp.xsdt_address : rsdp.rsdt_address;
  const char* root_field = tables.xsdt ? "xsdt" : "rsdt";
  const auto root = TRY(CheckTable(memory, tables.root_address, root_field));
  tables.root_signature_wrong = !SameSignature(root.signature, tables.xsdt ? "XSDT" : "RSDT");
  const uint32_t entry_size = tables.xsdt ? 8 : 4;
  const uint32_t entries = (root.length - static_cast<uint32_t>(sizeof(root))) / entry_size;
  if ((root.length - sizeof(root)) % entry_size != 0) {
    return base::MakeError("root table length is not a header and whole entries", root_field,
                           sizeof(root) + entries * entry_size, root.length);
  }
  for (uint32_t i = 0; i < entries; ++i) {
    const uint64_t at = tables.root_address + sizeof(root) + uint64_t{i} * entry_size;
    uint64_t address = 0;
    if (tables.xsdt) {
      address = TRY(memory.Read<uint64_t>(at, root_field));
    } else {
      address = TRY(memory.Read<uint32_t>(at, root_field));
    }
    const auto header = CheckTable(memory, address, tables.xsdt ? "xsdt.entry" : "rsdt.entry");
    if (header.is_error()) return base::AtIndex(header.error(), i);
    if (tables.count == kMaxTables) {
      ++tables.dropped;
      continue;
    }
    tables.address[tables.count] = address;
    __builtin_memcpy(tables.signature[tables.count], header.value().signature, 4);
    ++tables.count;
  }
  return tables;
}

uint64_t Find(const TableSet& tables, const char (&signature)[5]) {
  for (uint32_t i = 0; i < tables.count; ++i) {
    if (SameSignature(tables.signature[i], signature)) return tables.address[i];
  }
  return 0;
}

base::Result<Hpet> ParseHpet(const bootinfo::PhysicalMemory& memory, uint64_t address) {
  const auto header = TRY(CheckTable(memory, address, "hpet"));
  if (header.length < sizeof(bootabi::acpi_hpet)) {
    return base::MakeError("HPET table too short", "hpet.length", sizeof(bootabi::acpi_hpet), header.length);
  }
  const auto table = TRY(memory.Read<bootabi::acpi_hpet>(address, "hpet"));
  if (table.base_address.address_space_id != bootabi::kAcpiAddressSpaceMemory) {
    return base::MakeError("HPET registers not in system memory", "hpet.base_address.address_space_id",
                           bootabi::kAcpiAddressSpaceMemory, table.base_address.address_space_id);
  }
  if (table.base_address.address == 0 || table.base_address.address % 8 != 0) {
    return base::MakeError("HPET register block at 0 or not 8-byte aligned", "hpet.base_address.address", 8,
                           table.base_address.address);
  }
  Hpet hpet;
  hpet.address = table.base_address.address;
  hpet.number = table.hpet_number;
  hpet.comparators = static_cast<uint8_t>(((table.event_timer_block_id >> 8) & 0x1f) + 1);
  hpet.minimum_tick = table.minimum_clock_tick;
  return hpet;
}

base::Result<Fadt> ParseFadt(const bootinfo::PhysicalMemory& memory, uint64_t address) {
  const auto header = TRY(CheckTable(memory, address, "fadt"));
  Fadt fadt;
  if (header.length >= bootabi::kAcpiFadtSciIntOffset + 2) {
    fadt.sci_interrupt = TRY(memory.Read<uint16_t>(address + bootabi::kAcpiFadtSciIntOffset, "fadt.sci_int"));
  }
  // ACPI 1.0 tables end before the flags' reset bit and the reset register.
  if (header.length < bootabi::kAcpiFadtResetValueOffset + 1) return fadt;
  const uint32_t flags = TRY(memory.Read<uint32_t>(address + bootabi::kAcpiFadtFlagsOffset, "fadt.flags"));
  fadt.reset_register = TRY(memory.Read<bootabi::acpi_generic_address>(
      address + bootabi::kAcpiFadtResetRegisterOffset, "fadt.reset_reg"));
  fadt.reset_value = TRY(memory.Read<uint8_t>(address + bootabi::kAcpiFadtResetValueOffset, "fadt.reset_value"));
  const uint8_t space = fadt.reset_register.address_space_id;
  fadt.reset_supported = (flags & bootabi::kAcpiFadtResetRegisterSupported) != 0 &&
                         (space == bootabi::kAcpiAddressSpaceMemory || space == bootabi::kAcpiAddressSpaceIo) &&
                         fadt.reset_register.address != 0;
  return fadt;
}

}  // namespace acpi
