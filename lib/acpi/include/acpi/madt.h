// SPDX-License-Identifier: MIT
// The MADT ("APIC"): the processors with their enabled / online-capable flags, the I/O APICs
// and the interrupt source overrides, from entries checked one by one (a length of 0, one
// shorter than its type, or one past the table is an error naming the entry).
#pragma once

#include <cstdint>

#include "base/result.h"
#include "bootinfo/physical-memory.h"

namespace acpi {

inline constexpr uint32_t kMaxCpus = 256;
inline constexpr uint32_t kMaxIoApics = 16;
inline constexpr uint32_t kMaxOverrides = 24;

struct Cpu {
  uint32_t apic_id;         // the local APIC's (x2APIC) ID
  uint32_t processor_uid;
  bool enabled;             // usable now
  bool online_capable;      // not enabled, but may be brought online (ACPI 6.3 and later)
  bool x2apic;              // listed as a local x2APIC entry
};

struct IoApic {
  uint8_t id;
  uint64_t address;
  uint32_t gsi_base;
};

struct InterruptOverride {
  uint8_t source;       // the ISA IRQ
  uint32_t gsi;         // the global system interrupt it arrives on
  uint16_t flags;       // polarity (bits 0-1), trigger mode (bits 2-3)
};

struct Madt {
  uint64_t local_apic_address = 0;  // the table's, or its 64-bit override
  bool pcat_compat = false;         // 8259 PICs present (to be masked)
  bool imcr_present = false;        // from an MP table: the IMCR must select the APIC mode
  // Bit N: ISA IRQ N reaches no usable I/O APIC. A MADT leaves it 0 (an IRQ without an override
  // is GSI N); an MP table lists every connected IRQ, so one it leaves out is not connected.
  uint16_t isa_irqs_unconnected = 0;
  uint32_t cpu_count = 0, cpus_dropped = 0;
  uint32_t cpus_absent = 0;         // entries neither enabled nor online-capable: not there
  Cpu cpus[kMaxCpus] = {};
  uint32_t io_apic_count = 0, io_apics_dropped = 0;
  IoApic io_apics[kMaxIoApics] = {};
  uint32_t override_count = 0, overrides_dropped = 0;
  InterruptOverride overrides[kMaxOverrides] = {};
  uint32_t other_entries = 0;       // entry types the framework does not use (NMI sources, ...)
};

/// Parses the MADT at `address` (its header, length and checksum checked first) into `madt`.
base::Result<> ParseMadt(const bootinfo::PhysicalMemory& memory, uint64_t address, Madt& madt);

}  // namespace acpi
