// SPDX-License-Identifier: MIT
// ACPI structures built in tests, with their checksums right (or wrong on purpose).
#pragma once

#include <cstdint>
#include <cstring>
#include <vector>

#include "abi/acpi.h"

namespace testing_support {

/// An RSDP of `revision` (0: 20 bytes, 2: 36 bytes) with valid checksums.
inline std::vector<uint8_t> MakeRsdp(uint8_t revision = 2, uint32_t rsdt = 0x7fe1000, uint64_t xsdt = 0x7fe2000) {
  bootabi::acpi_rsdp rsdp{};
  std::memcpy(rsdp.signature, bootabi::kAcpiRsdpSignature, 8);
  std::memcpy(rsdp.oem_id, "BOCHS ", 6);
  rsdp.revision = revision;
  rsdp.rsdt_address = rsdt;
  const size_t size = revision >= 2 ? sizeof(rsdp) : bootabi::kAcpiRsdpV1Size;
  if (revision >= 2) {
    rsdp.length = sizeof(rsdp);
    rsdp.xsdt_address = xsdt;
  }
  std::vector<uint8_t> bytes(size);
  std::memcpy(bytes.data(), &rsdp, size);
  uint8_t sum = 0;
  for (size_t i = 0; i < bootabi::kAcpiRsdpV1Size; ++i) sum = static_cast<uint8_t>(sum + bytes[i]);
  bytes[offsetof(bootabi::acpi_rsdp, checksum)] = static_cast<uint8_t>(-sum);
  if (revision >= 2) {
    sum = 0;
    for (size_t i = 0; i < size; ++i) sum = static_cast<uint8_t>(sum + bytes[i]);
    bytes[offsetof(bootabi::acpi_rsdp, extended_checksum)] = static_cast<uint8_t>(-sum);
  }
  return bytes;
}

}  // namespace testing_support
