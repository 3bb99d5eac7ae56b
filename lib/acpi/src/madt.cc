// SPDX-License-Identifier: MIT
#include "acpi/madt.h"

#include "abi/acpi.h"
#include "acpi/tables.h"

namespace acpi {
namespace {

// The least length of each entry type the framework reads (ACPI 6.5, 5.2.12).
uint32_t MinimumLength(uint8_t type) {
  switch (type) {
    case bootabi::kAcpiMadtLocalApic: return sizeof(bootabi::acpi_madt_local_apic);
    case bootabi::kAcpiMadtIoApic: return sizeof(bootabi::acpi_madt_io_apic);
    case bootabi::kAcpiMadtInterruptSourceOverride: return sizeof(bootabi::acpi_madt_interrupt_source_override);
    case bootabi::kAcpiMadtLocalApicAddressOverride: return sizeof(bootabi::acpi_madt_local_apic_address_override);
    case bootabi::kAcpiMadtLocalX2Apic: return sizeof(bootabi::acpi_madt_local_x2apic);
    default: return sizeof(bootabi::acpi_madt_entry_header);
  }
}

void AddCpu(Madt& madt, uint32_t apic_id, uint32_t uid, uint32_t flags, bool x2apic) {
  // Neither enabled nor online-capable: the firmware says the processor is not there.
  if ((flags & (bootabi::kAcpiMadtEnabled | bootabi::kAcpiMadtOnlineCapable)) == 0) {
    ++madt.cpus_absent;
    return;
  }
  if (madt.cpu_count == kMaxCpus) {
    ++madt.cpus_dropped;
    return;
  }
  madt.cpus[madt.cpu_count++] = Cpu{apic_id, uid, (flags & bootabi::kAcpiMadtEnabled) != 0,
                                    (flags & bootabi::kAcpiMadtEnabled) == 0, x2apic};
}

}  // namespace

base::Result<> ParseMadt(const bootinfo::PhysicalMemory& memory, uint64_t address, Madt& madt) {
  madt = Madt{};
  const auto header = TRY(CheckTable(memory, address, "madt"));
  if (header.length < sizeof(bootabi::acpi_madt)) {
    return base::MakeError("MADT shorter than its fixed part", "madt.length", sizeof(bootabi::acpi_madt), header.length);
  }
  const auto table = TRY(memory.Read<bootabi::acpi_madt>(address, "madt"));
  madt.local_apic_address = table.local_apic_address;
  madt.pcat_compat = (table.flags & bootabi::kAcpiMadtPcatCompat) != 0;
  const uint64_t end = address + header.length;
  int64_t index = 0;
  for (uint64_t at = address + sizeof(bootabi::acpi_madt); at < end; ++index) {
    if (end - at < sizeof(bootabi::acpi_madt_entry_header)) {
      return base::AtIndex(base::MakeError("entry header cut by the end of the table", "madt.entry", 2, end - at),
                           index);
    }
    const auto entry = TRY(memory.Read<bootabi::acpi_madt_entry_header>(at, "madt.entry"));
    if (entry.length < MinimumLength(entry.type)) {
      return base::AtIndex(base::MakeError("entry shorter than its type", "madt.entry.length",
                                           MinimumLength(entry.type), entry.length),
                           index);
    }
    if (entry.length > end - at) {
      return base::AtIndex(base::MakeError("entry runs past the end of the table", "madt.entry.length", end - at,
                                           entry.length),
                           index);
    }
    switch (entry.type) {
      case bootabi::kAcpiMadtLocalApic: {
        const auto cpu = TRY(memory.Read<bootabi::acpi_madt_local_apic>(at, "madt.local_apic"));
        AddCpu(madt, cpu.apic_id, cpu.acpi_processor_uid, cpu.flags, false);
        break;
      }
      case bootabi::kAcpiMadtLocalX2Apic: {
        const auto cpu = TRY(memory.Read<bootabi::acpi_madt_local_x2apic>(at, "madt.local_x2apic"));
        AddCpu(madt, cpu.x2apic_id, cpu.acpi_processor_uid, cpu.flags, true);
        break;
      }
      case bootabi::kAcpiMadtIoApic: {
        const auto io = TRY(memory.Read<bootabi::acpi_madt_io_apic>(at, "madt.io_apic"));
        if (io.io_apic_address == 0) {
          return base::AtIndex(base::MakeError("I/O APIC at address 0", "madt.io_apic.io_apic_address"), index);
        }
        if (madt.io_apic_count == kMaxIoApics) {
          ++madt.io_apics_dropped;
        } else {
          madt.io_apics[madt.io_apic_count++] = IoApic{io.io_apic_id, io.io_apic_address, io.global_system_interrupt_base};
        }
        break;
      }
      case bootabi::kAcpiMadtInterruptSourceOverride: {
        const auto over = TRY(memory.Read<bootabi::acpi_madt_interrupt_source_override>(at, "madt.override"));
        if (over.bus != 0) {
          return base::AtIndex(base::MakeError("interrupt source override not for the ISA bus", "madt.override.bus",
                                               0, over.bus),
                               index);
        }
        if (madt.override_count == kMaxOverrides) {
          ++madt.overrides_dropped;
        } else {
          madt.overrides[madt.override_count++] = InterruptOverride{over.source, over.global_system_interrupt, over.flags};
        }
        break;
      }
      case bootabi::kAcpiMadtLocalApicAddressOverride: {
        const auto over = TRY(memory.Read<bootabi::acpi_madt_local_apic_address_override>(at, "madt.lapic_override"));
        madt.local_apic_address = over.local_apic_address;
        break;
      }
      default:
        ++madt.other_entries;
        break;
    }
    at += entry.length;
  }
  if (madt.local_apic_address == 0) return base::MakeError("local APIC at address 0", "madt.local_apic_address");
  return base::Ok{};
}

}  // namespace acpi
