// SPDX-License-Identifier: MIT
// The MultiProcessor Specification's tables (Intel MP Specification 1.4, chapter 4), with its
// field names: what a BIOS without ACPI (QEMU's microvm with acpi=off through qboot, SeaBIOS
// with ACPI off, Firecracker before its ACPI tables) says about processors and interrupts.
#pragma once

#include <cstddef>
#include <cstdint>

#include "abi/assert-layout.h"

namespace bootabi {

/// The MP Floating Pointer Structure (4.1, Table 4-1): 16 bytes on a 16-byte boundary whose
/// bytes sum to 0. `length` counts 16-byte paragraphs (1).
struct [[gnu::packed]] mp_floating_pointer {
  char signature[4];               // "_MP_"
  uint32_t physical_address_pointer;  // the MP configuration table; 0 when there is none
  uint8_t length;
  uint8_t spec_rev;                // 1: version 1.1, 4: version 1.4
  uint8_t checksum;
  uint8_t feature1;                // 0: a configuration table; 1-7: a default configuration
  uint8_t feature2;                // bit 7 IMCRP: the IMCR is present (the PIC mode)
  uint8_t feature3_5[3];
};
static_assert(AssertSize<mp_floating_pointer, 16>());
ABI_ASSERT_OFFSET(mp_floating_pointer, physical_address_pointer, 4);
ABI_ASSERT_OFFSET(mp_floating_pointer, checksum, 10);
ABI_ASSERT_OFFSET(mp_floating_pointer, feature1, 11);

inline constexpr char kMpFloatingPointerSignature[5] = "_MP_";
inline constexpr uint8_t kMpFeature2Imcrp = 1u << 7;
/// Where it lies (4.0): the first KiB of the EBDA, or the last KiB of base memory when there is
/// no EBDA, or the BIOS ROM at 0xF0000-0xFFFFF; on a 16-byte boundary.
inline constexpr uint64_t kMpSearchBytes = 1024;
inline constexpr uint64_t kMpBiosRomStart = 0xf0000;
inline constexpr uint64_t kMpBiosRomEnd = 0x100000;
inline constexpr uint64_t kMpAlign = 16;

/// The MP Configuration Table Header (4.2, Table 4-2): the base table (header and entries)
/// is `base_table_length` bytes whose sum is 0.
struct [[gnu::packed]] mp_config_table_header {
  char signature[4];  // "PCMP"
  uint16_t base_table_length;
  uint8_t spec_rev;
  uint8_t checksum;
  char oem_id[8];
  char product_id[12];
  uint32_t oem_table_pointer;
  uint16_t oem_table_size;
  uint16_t entry_count;
  uint32_t address_of_local_apic;
  uint16_t extended_table_length;
  uint8_t extended_table_checksum;
  uint8_t reserved;
};
static_assert(AssertSize<mp_config_table_header, 44>());
ABI_ASSERT_OFFSET(mp_config_table_header, base_table_length, 4);
ABI_ASSERT_OFFSET(mp_config_table_header, checksum, 7);
ABI_ASSERT_OFFSET(mp_config_table_header, entry_count, 34);
ABI_ASSERT_OFFSET(mp_config_table_header, address_of_local_apic, 36);

inline constexpr char kMpConfigTableSignature[5] = "PCMP";

/// Base table entry types (4.3, Table 4-3), each of a fixed length: a processor's is 20
/// bytes, every other 8.
inline constexpr uint8_t kMpEntryProcessor = 0;
inline constexpr uint8_t kMpEntryBus = 1;
inline constexpr uint8_t kMpEntryIoApic = 2;
inline constexpr uint8_t kMpEntryIoInterrupt = 3;
inline constexpr uint8_t kMpEntryLocalInterrupt = 4;

/// Processor Entry (4.3.1, Table 4-4).
struct [[gnu::packed]] mp_processor_entry {
  uint8_t entry_type;
  uint8_t local_apic_id;
  uint8_t local_apic_version;
  uint8_t cpu_flags;  // bit 0 EN (usable), bit 1 BP (the bootstrap processor)
  uint32_t cpu_signature;
  uint32_t feature_flags;
  uint32_t reserved[2];
};
static_assert(AssertSize<mp_processor_entry, 20>());
ABI_ASSERT_OFFSET(mp_processor_entry, cpu_flags, 3);

inline constexpr uint8_t kMpCpuEnabled = 1u << 0;
inline constexpr uint8_t kMpCpuBootstrap = 1u << 1;

/// Bus Entry (4.3.2, Table 4-5): `bus_type_string` is blank-padded, "ISA   " or "PCI   ".
struct [[gnu::packed]] mp_bus_entry {
  uint8_t entry_type;
  uint8_t bus_id;
  char bus_type_string[6];
};
static_assert(AssertSize<mp_bus_entry, 8>());

/// I/O APIC Entry (4.3.3, Table 4-6).
struct [[gnu::packed]] mp_io_apic_entry {
  uint8_t entry_type;
  uint8_t io_apic_id;
  uint8_t io_apic_version;
  uint8_t io_apic_flags;  // bit 0 EN: usable
  uint32_t io_apic_address;
};
static_assert(AssertSize<mp_io_apic_entry, 8>());
ABI_ASSERT_OFFSET(mp_io_apic_entry, io_apic_address, 4);

inline constexpr uint8_t kMpIoApicEnabled = 1u << 0;

/// I/O Interrupt Assignment Entry (4.3.4, Table 4-7); the Local Interrupt Assignment Entry
/// (4.3.5) has the same layout, naming a local APIC and its LINTIN#. `io_interrupt_flag`
/// holds polarity (bits 0-1) and trigger mode (bits 2-3), encoded as ACPI's MPS INTI flags.
struct [[gnu::packed]] mp_io_interrupt_entry {
  uint8_t entry_type;
  uint8_t interrupt_type;  // 0 INT (vectored), 1 NMI, 2 SMI, 3 ExtINT (the 8259's)
  uint16_t io_interrupt_flag;
  uint8_t source_bus_id;
  uint8_t source_bus_irq;
  uint8_t destination_io_apic_id;  // 0xFF: every I/O APIC
  uint8_t destination_io_apic_intin;
};
static_assert(AssertSize<mp_io_interrupt_entry, 8>());
ABI_ASSERT_OFFSET(mp_io_interrupt_entry, source_bus_irq, 5);

inline constexpr uint8_t kMpInterruptTypeInt = 0;
inline constexpr uint8_t kMpAllIoApics = 0xff;

/// Default configurations (chapter 5): feature1 1-7 stands for a table that is not there. Types
/// 5-7 have integrated local APICs (5: ISA and PCI, 6: EISA and PCI, 7: MCA and PCI); 1-4 the
/// discrete 82489DX, which no 64-bit CPU pairs with. Each has two processors (local APIC IDs 0
/// and 1) and one I/O APIC (ID 2) at the default addresses, with IRQ 0 on INTIN2 (5.1).
inline constexpr uint8_t kMpDefaultIsaPci = 5;
inline constexpr uint64_t kMpDefaultLocalApicAddress = 0xfee00000;
inline constexpr uint64_t kMpDefaultIoApicAddress = 0xfec00000;
inline constexpr uint8_t kMpDefaultIoApicId = 2;
inline constexpr uint8_t kMpDefaultIrq0Intin = 2;

/// The Interrupt Mode Configuration Register (3.6.2.1): present where feature2's IMCRP is set,
/// it routes the 8259's INTR to the BSP directly (PIC mode) until the OS selects it through
/// port 0x22 and writes 1 through port 0x23 (the APIC mode).
inline constexpr uint16_t kImcrSelectPort = 0x22;
inline constexpr uint16_t kImcrDataPort = 0x23;
inline constexpr uint8_t kImcrSelect = 0x70;
inline constexpr uint8_t kImcrApicMode = 0x01;

}  // namespace bootabi
