// SPDX-License-Identifier: MIT
#include "acpi/mp-table.h"

#include "abi/mp-table.h"
#include "bootinfo/mp-floating-pointer.h"

namespace acpi {
namespace {

// An I/O APIC's version register gives 1-256 inputs (its maximum redirection entry + 1); more
// than 240, the vectors an input can deliver (16-255), is no I/O APIC answering (all ones),
// as is 0 (the caller's word for an address it would not touch).
constexpr uint32_t kMostIoApicInputs = 240;
constexpr uint32_t kIsaIrqs = 16;
constexpr uint8_t kIsaCascadeIrq = 2;  // the PC/AT's second 8259, which reaches no I/O APIC input

// Each base table entry's length, fixed by its type (4.3, Table 4-3); 0: a type the
// specification does not define, whose length cannot be known.
uint32_t EntryLength(uint8_t type) {
  switch (type) {
    case bootabi::kMpEntryProcessor: return sizeof(bootabi::mp_processor_entry);
    case bootabi::kMpEntryBus: return sizeof(bootabi::mp_bus_entry);
    case bootabi::kMpEntryIoApic: return sizeof(bootabi::mp_io_apic_entry);
    case bootabi::kMpEntryIoInterrupt:
    case bootabi::kMpEntryLocalInterrupt: return sizeof(bootabi::mp_io_interrupt_entry);
    default: return 0;
  }
}

void AddCpu(Madt& madt, uint8_t apic_id, bool enabled) {
  if (!enabled) {
    ++madt.cpus_absent;  // EN clear: the processor is unusable (4.3.1)
  } else if (madt.cpu_count == kMaxCpus) {
    ++madt.cpus_dropped;
  } else {
    madt.cpus[madt.cpu_count++] = Cpu{apic_id, apic_id, true, false, false};
  }
}

void AddOverride(Madt& madt, uint8_t irq, uint32_t gsi, uint16_t flags) {
  if (madt.override_count == kMaxOverrides) {
    ++madt.overrides_dropped;
  } else {
    madt.overrides[madt.override_count++] = InterruptOverride{irq, gsi, flags};
  }
}

// Default configuration 5's machine (5.1, Table 5-1: ISA and PCI, integrated APICs): two
// processors, one I/O APIC at GSI 0 with IRQ 0 on INTIN2 and IRQ 2 (the cascade) on none.
void DefaultConfiguration(Madt& madt) {
  madt.local_apic_address = bootabi::kMpDefaultLocalApicAddress;
  AddCpu(madt, 0, true);
  AddCpu(madt, 1, true);
  madt.io_apics[madt.io_apic_count++] = IoApic{bootabi::kMpDefaultIoApicId, bootabi::kMpDefaultIoApicAddress, 0};
  AddOverride(madt, 0, bootabi::kMpDefaultIrq0Intin, 0);
  madt.isa_irqs_unconnected = 1u << kIsaCascadeIrq;
}

// "ISA" blank-padded (4.3.2, Table 4-8); NUL padding is taken too, as Linux compares the
// first three bytes.
bool IsIsaBus(const char (&type)[6]) {
  if (__builtin_memcmp(type, "ISA", 3) != 0) return false;
  for (int i = 3; i < 6; ++i) {
    if (type[i] != ' ' && type[i] != '\0') return false;
  }
  return true;
}

struct TableWalk {
  uint64_t address;
  uint64_t end;
};

// Calls `visit(at, type, index)` for each entry of the base table, after checking that its
// type is known and that it lies inside the table; returns how many there are. The table's
// length (checksummed) bounds the walk, not its entry_count, which some firmware leaves 0
// (qboot's), as Linux's smp_read_mpc walks by length too.
template <typename Visit>
base::Result<uint32_t> WalkEntries(const bootinfo::PhysicalMemory& memory, const TableWalk& table, Visit visit) {
  uint32_t index = 0;
  for (uint64_t at = table.address + sizeof(bootabi::mp_config_table_header); at < table.end; ++index) {
    const uint8_t type = memory.At(at)[0];
    const uint32_t length = EntryLength(type);
    if (length == 0) {
      return base::AtIndex(base::MakeError("entry type the specification does not define (its length is unknown)",
                                           "mp_config_table.entry_type", bootabi::kMpEntryLocalInterrupt, type),
                           index);
    }
    if (table.end - at < length) {
      return base::AtIndex(
          base::MakeError("entry runs past the end of the base table", "mp_config_table.entry", table.end - at, length),
          index);
    }
    TRY(visit(at, type, index));
    at += length;
  }
  return index;
}

}  // namespace

base::Result<MpTableInfo> ParseMpTable(const bootinfo::PhysicalMemory& memory, uint64_t floating_pointer,
                                       IoApicInputCount input_count, Madt& madt) {
  madt = Madt{};
  MpTableInfo info;
  if (!bootinfo::ValidMpFloatingPointer(memory, floating_pointer)) {
    return base::MakeError("no valid MP floating pointer there (signature, length, revision, checksum)",
                           "mp_floating_pointer", 0, floating_pointer);
  }
  const auto pointer = TRY(memory.Read<bootabi::mp_floating_pointer>(floating_pointer, "mp_floating_pointer"));
  info.spec_rev = pointer.spec_rev;
  madt.pcat_compat = true;  // an MP system is PC/AT compatible: its 8259s are there (1.3)
  madt.imcr_present = (pointer.feature2 & bootabi::kMpFeature2Imcrp) != 0;
  if (pointer.feature1 != 0) {
    if (pointer.feature1 != bootabi::kMpDefaultIsaPci) {
      return base::MakeError("default configuration other than 5 (1-4: the discrete 82489DX APIC; 6, 7: EISA and MCA "
                             "trigger modes, which the table would not give; 8 and up: reserved)",
                             "mp_floating_pointer.feature1", bootabi::kMpDefaultIsaPci, pointer.feature1);
    }
    info.default_config = pointer.feature1;
    DefaultConfiguration(madt);
    return info;
  }
  const uint64_t address = pointer.physical_address_pointer;
  if (address == 0) {
    return base::MakeError("neither a configuration table nor a default configuration",
                           "mp_floating_pointer.physical_address_pointer");
  }
  const auto header = TRY(memory.Read<bootabi::mp_config_table_header>(address, "mp_config_table"));
  if (__builtin_memcmp(header.signature, bootabi::kMpConfigTableSignature, 4) != 0) {
    return base::MakeError("not an MP configuration table (signature PCMP)", "mp_config_table.signature");
  }
  if (header.base_table_length < sizeof(header)) {
    return base::MakeError("base table shorter than its header", "mp_config_table.base_table_length", sizeof(header),
                           header.base_table_length);
  }
  if (!memory.Contains(address, header.base_table_length)) {
    return memory.Unreadable(address, header.base_table_length, "mp_config_table");
  }
  if (const uint8_t sum = memory.ByteSum(address, header.base_table_length); sum != 0) {
    return base::MakeError("bad checksum: the base table's bytes must sum to 0", "mp_config_table.checksum", 0, sum);
  }
  if (header.spec_rev != 1 && header.spec_rev != 4) {
    return base::MakeError("specification revision neither 1 (1.1) nor 4 (1.4)", "mp_config_table.spec_rev", 4,
                           header.spec_rev);
  }
  if (header.address_of_local_apic == 0) {
    return base::MakeError("local APIC at address 0", "mp_config_table.address_of_local_apic");
  }
  info.config_table = address;
  madt.local_apic_address = header.address_of_local_apic;
  const TableWalk table{address, address + header.base_table_length};
  info.entry_count_field = header.entry_count;

  // Processors, buses and I/O APICs first: the interrupt entries name the last two.
  bool isa_bus[256] = {};
  bool io_apic_listed[256] = {};
  uint32_t inputs[kMaxIoApics] = {};
  uint32_t next_gsi = 0;
  info.entries = TRY(WalkEntries(memory, table, [&](uint64_t at, uint8_t type, uint32_t index) -> base::Result<> {
    if (type == bootabi::kMpEntryProcessor) {
      const auto cpu = TRY(memory.Read<bootabi::mp_processor_entry>(at, "mp_processor"));
      AddCpu(madt, cpu.local_apic_id, (cpu.cpu_flags & bootabi::kMpCpuEnabled) != 0);
    } else if (type == bootabi::kMpEntryBus) {
      const auto bus = TRY(memory.Read<bootabi::mp_bus_entry>(at, "mp_bus"));
      isa_bus[bus.bus_id] = IsIsaBus(bus.bus_type_string);
    } else if (type == bootabi::kMpEntryIoApic) {
      const auto io = TRY(memory.Read<bootabi::mp_io_apic_entry>(at, "mp_io_apic"));
      io_apic_listed[io.io_apic_id] = true;
      if ((io.io_apic_flags & bootabi::kMpIoApicEnabled) == 0) {
        ++madt.other_entries;  // EN clear: unusable (4.3.3)
        return base::Ok{};
      }
      if (io.io_apic_address == 0) {
        return base::AtIndex(base::MakeError("I/O APIC at address 0", "mp_io_apic.io_apic_address"), index);
      }
      if (madt.io_apic_count == kMaxIoApics) {
        ++madt.io_apics_dropped;
        return base::Ok{};
      }
      const uint32_t count = input_count(io.io_apic_address);
      if (count == 0 || count > kMostIoApicInputs) {
        return base::AtIndex(base::MakeError("no I/O APIC answers there (0 or more than 240 inputs, or RAM)",
                                             "mp_io_apic.io_apic_address", kMostIoApicInputs, count),
                             index);
      }
      inputs[madt.io_apic_count] = count;
      madt.io_apics[madt.io_apic_count++] = IoApic{io.io_apic_id, io.io_apic_address, next_gsi};
      next_gsi += count;
    }
    return base::Ok{};
  }));

  // Then the ISA interrupts' routes (an IRQ listed twice: the first entry holds); other
  // interrupt entries (PCI's, NMI, SMI, the 8259's ExtINT, the local APICs' LINTs) have no
  // place in the view. An ISA IRQ no entry connects to a usable I/O APIC is not connected.
  uint16_t routed = 0;
  TRY(WalkEntries(memory, table, [&](uint64_t at, uint8_t type, uint32_t index) -> base::Result<> {
    if (type != bootabi::kMpEntryIoInterrupt && type != bootabi::kMpEntryLocalInterrupt) return base::Ok{};
    const auto entry = TRY(memory.Read<bootabi::mp_io_interrupt_entry>(at, "mp_io_interrupt"));
    if (type != bootabi::kMpEntryIoInterrupt || entry.interrupt_type != bootabi::kMpInterruptTypeInt ||
        !isa_bus[entry.source_bus_id]) {
      ++madt.other_entries;
      return base::Ok{};
    }
    if (entry.source_bus_irq >= kIsaIrqs) {
      return base::AtIndex(
          base::MakeError("ISA IRQ above 15", "mp_io_interrupt.source_bus_irq", kIsaIrqs - 1, entry.source_bus_irq),
          index);
    }
    uint32_t io_apic = madt.io_apic_count;
    for (uint32_t i = 0; i < madt.io_apic_count; ++i) {
      if (entry.destination_io_apic_id == bootabi::kMpAllIoApics || madt.io_apics[i].id == entry.destination_io_apic_id) {
        io_apic = i;
        break;
      }
    }
    if (io_apic == madt.io_apic_count) {
      if (entry.destination_io_apic_id != bootabi::kMpAllIoApics && !io_apic_listed[entry.destination_io_apic_id]) {
        return base::AtIndex(base::MakeError("names an I/O APIC the table does not list",
                                             "mp_io_interrupt.destination_io_apic_id", 0,
                                             entry.destination_io_apic_id),
                             index);
      }
      ++madt.other_entries;  // on an I/O APIC that is unusable or past the most kept
      return base::Ok{};
    }
    if (entry.destination_io_apic_intin >= inputs[io_apic]) {
      return base::AtIndex(base::MakeError("input past the I/O APIC's inputs", "mp_io_interrupt.destination_io_apic_intin",
                                           inputs[io_apic] - 1, entry.destination_io_apic_intin),
                           index);
    }
    if ((routed >> entry.source_bus_irq & 1) != 0) {
      ++madt.other_entries;
      return base::Ok{};
    }
    routed = static_cast<uint16_t>(routed | 1u << entry.source_bus_irq);
    const uint32_t gsi = madt.io_apics[io_apic].gsi_base + entry.destination_io_apic_intin;
    // IRQ N on GSI N, conforming to the ISA bus (active high, edge), is what no override means.
    if (gsi != entry.source_bus_irq || entry.io_interrupt_flag != 0) {
      AddOverride(madt, entry.source_bus_irq, gsi, entry.io_interrupt_flag);
    }
    return base::Ok{};
  }));
  madt.isa_irqs_unconnected = static_cast<uint16_t>(~routed);
  return info;
}

}  // namespace acpi
