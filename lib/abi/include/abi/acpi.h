// SPDX-License-Identifier: MIT
// ACPI structures the boot reads, with the specification's names (ACPI 6.5, 5.2.5).
#pragma once

#include <cstddef>
#include <cstdint>

#include "abi/assert-layout.h"

namespace bootabi {

/// The Root System Description Pointer. Revision 0 (ACPI 1.0) ends after rsdt_address: its
/// checksum covers the first 20 bytes; revision 2 and later add the rest, covered by
/// extended_checksum over `length` bytes.
struct [[gnu::packed]] acpi_rsdp {
  char signature[8];  // "RSD PTR "
  uint8_t checksum;
  char oem_id[6];
  uint8_t revision;
  uint32_t rsdt_address;
  uint32_t length;
  uint64_t xsdt_address;
  uint8_t extended_checksum;
  uint8_t reserved[3];
};
static_assert(AssertSize<acpi_rsdp, 36>());
ABI_ASSERT_OFFSET(acpi_rsdp, revision, 15);
ABI_ASSERT_OFFSET(acpi_rsdp, length, 20);
ABI_ASSERT_OFFSET(acpi_rsdp, extended_checksum, 32);

inline constexpr size_t kAcpiRsdpV1Size = 20;
inline constexpr char kAcpiRsdpSignature[9] = "RSD PTR ";
/// Where a PC BIOS leaves it (ACPI 6.5, 5.2.5.1): the first KiB of the EBDA, or 0xE0000-0xFFFFF,
/// on a 16-byte boundary.
inline constexpr uint64_t kAcpiRsdpBiosAreaStart = 0xe0000;
inline constexpr uint64_t kAcpiRsdpBiosAreaEnd = 0x100000;
inline constexpr uint64_t kAcpiRsdpEbdaBytes = 1024;
inline constexpr uint64_t kAcpiRsdpAlign = 16;

/// Every system description table's header (ACPI 6.5, 5.2.6); `length` counts the header and
/// `checksum` makes the bytes of the whole table sum to 0.
struct [[gnu::packed]] acpi_table_header {
  char signature[4];
  uint32_t length;
  uint8_t revision;
  uint8_t checksum;
  char oem_id[6];
  char oem_table_id[8];
  uint32_t oem_revision;
  uint32_t creator_id;
  uint32_t creator_revision;
};
static_assert(AssertSize<acpi_table_header, 36>());
ABI_ASSERT_OFFSET(acpi_table_header, length, 4);
ABI_ASSERT_OFFSET(acpi_table_header, checksum, 9);

/// The Generic Address Structure (ACPI 6.5, 5.2.3.2).
struct [[gnu::packed]] acpi_generic_address {
  uint8_t address_space_id;  // 0 system memory, 1 system I/O
  uint8_t register_bit_width;
  uint8_t register_bit_offset;
  uint8_t access_size;
  uint64_t address;
};
static_assert(AssertSize<acpi_generic_address, 12>());
inline constexpr uint8_t kAcpiAddressSpaceMemory = 0;
inline constexpr uint8_t kAcpiAddressSpaceIo = 1;

/// The MADT, "APIC" (ACPI 6.5, 5.2.12): the header, then interrupt controller structures.
struct [[gnu::packed]] acpi_madt {
  acpi_table_header header;
  uint32_t local_apic_address;
  uint32_t flags;  // bit 0: PCAT_COMPAT (the machine also has 8259 PICs)
};
static_assert(AssertSize<acpi_madt, 44>());
inline constexpr uint32_t kAcpiMadtPcatCompat = 1u << 0;

struct [[gnu::packed]] acpi_madt_entry_header {
  uint8_t type;
  uint8_t length;
};
static_assert(AssertSize<acpi_madt_entry_header, 2>());

inline constexpr uint8_t kAcpiMadtLocalApic = 0;
inline constexpr uint8_t kAcpiMadtIoApic = 1;
inline constexpr uint8_t kAcpiMadtInterruptSourceOverride = 2;
inline constexpr uint8_t kAcpiMadtLocalApicAddressOverride = 5;
inline constexpr uint8_t kAcpiMadtLocalX2Apic = 9;
/// Local APIC and x2APIC flags (ACPI 6.5, Table 5.23).
inline constexpr uint32_t kAcpiMadtEnabled = 1u << 0;
inline constexpr uint32_t kAcpiMadtOnlineCapable = 1u << 1;

struct [[gnu::packed]] acpi_madt_local_apic {
  acpi_madt_entry_header header;
  uint8_t acpi_processor_uid;
  uint8_t apic_id;
  uint32_t flags;
};
static_assert(AssertSize<acpi_madt_local_apic, 8>());

struct [[gnu::packed]] acpi_madt_io_apic {
  acpi_madt_entry_header header;
  uint8_t io_apic_id;
  uint8_t reserved;
  uint32_t io_apic_address;
  uint32_t global_system_interrupt_base;
};
static_assert(AssertSize<acpi_madt_io_apic, 12>());

struct [[gnu::packed]] acpi_madt_interrupt_source_override {
  acpi_madt_entry_header header;
  uint8_t bus;  // 0: ISA
  uint8_t source;
  uint32_t global_system_interrupt;
  uint16_t flags;  // polarity (bits 0-1), trigger mode (bits 2-3)
};
static_assert(AssertSize<acpi_madt_interrupt_source_override, 10>());

struct [[gnu::packed]] acpi_madt_local_apic_address_override {
  acpi_madt_entry_header header;
  uint16_t reserved;
  uint64_t local_apic_address;
};
static_assert(AssertSize<acpi_madt_local_apic_address_override, 12>());

struct [[gnu::packed]] acpi_madt_local_x2apic {
  acpi_madt_entry_header header;
  uint16_t reserved;
  uint32_t x2apic_id;
  uint32_t flags;
  uint32_t acpi_processor_uid;
};
static_assert(AssertSize<acpi_madt_local_x2apic, 16>());

/// The HPET description table, "HPET" (IA-PC HPET specification 1.0a, 3.2.4).
struct [[gnu::packed]] acpi_hpet {
  acpi_table_header header;
  uint32_t event_timer_block_id;
  acpi_generic_address base_address;
  uint8_t hpet_number;
  uint16_t minimum_clock_tick;
  uint8_t page_protection;
};
static_assert(AssertSize<acpi_hpet, 56>());

/// The FADT, "FACP" (ACPI 6.5, 5.2.9), as far as the boot reads it: the SCI, the flags and
/// the reset register (ACPI 2.0 and later; RESET_REG_SUP says it is there).
inline constexpr size_t kAcpiFadtSciIntOffset = 46;
inline constexpr size_t kAcpiFadtFlagsOffset = 112;
inline constexpr size_t kAcpiFadtResetRegisterOffset = 116;
inline constexpr size_t kAcpiFadtResetValueOffset = 128;
inline constexpr uint32_t kAcpiFadtResetRegisterSupported = 1u << 10;

}  // namespace bootabi
