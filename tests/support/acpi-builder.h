// SPDX-License-Identifier: MIT
// ACPI structures built in tests, with their checksums right (or wrong on purpose).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "abi/acpi.h"
#include "support/checksum.h"

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
  SetChecksum(bytes.data(), bootabi::kAcpiRsdpV1Size, offsetof(bootabi::acpi_rsdp, checksum));
  if (revision >= 2) SetChecksum(bytes.data(), size, offsetof(bootabi::acpi_rsdp, extended_checksum));
  return bytes;
}

/// A table: a header with `signature`, `revision` and the length of header + payload, the
/// payload, and a checksum that makes it all sum to 0 (plus `checksum_error`).
inline std::vector<uint8_t> MakeTable(const char (&signature)[5], const std::vector<uint8_t>& payload,
                                      uint8_t revision = 1, uint8_t checksum_error = 0) {
  bootabi::acpi_table_header header{};
  std::memcpy(header.signature, signature, 4);
  header.length = static_cast<uint32_t>(sizeof(header) + payload.size());
  header.revision = revision;
  std::memcpy(header.oem_id, "BOCHS ", 6);
  std::vector<uint8_t> bytes(sizeof(header));
  std::memcpy(bytes.data(), &header, sizeof(header));
  bytes.insert(bytes.end(), payload.begin(), payload.end());
  SetChecksum(bytes.data(), bytes.size(), offsetof(bootabi::acpi_table_header, checksum));
  uint8_t& checksum = bytes[offsetof(bootabi::acpi_table_header, checksum)];
  checksum = static_cast<uint8_t>(checksum + checksum_error);
  return bytes;
}

/// Appends `value`'s bytes to `bytes`.
template <typename T>
void AppendBytes(std::vector<uint8_t>& bytes, const T& value) {
  const auto* raw = reinterpret_cast<const uint8_t*>(&value);
  bytes.insert(bytes.end(), raw, raw + sizeof(T));
}

}  // namespace testing_support
