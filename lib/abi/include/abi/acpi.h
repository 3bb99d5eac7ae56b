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

}  // namespace bootabi
