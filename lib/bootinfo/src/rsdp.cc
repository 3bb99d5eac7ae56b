// SPDX-License-Identifier: MIT
#include "bootinfo/rsdp.h"

#include <cstddef>

#include "abi/acpi.h"
#include "abi/boot-descriptor.h"
#include "abi/efi.h"
#include "bootinfo/firmware.h"
#include "bootinfo/handoff.h"

namespace bootinfo {
namespace {

namespace efi = bootabi::efi;

// Firmware configuration tables hold tens of entries; a larger count is garbage.
constexpr uint64_t kMaxConfigurationTables = 1024;

bool Checksum(const PhysicalMemory& memory, uint64_t address, uint64_t length) {
  if (!memory.Contains(address, length)) return false;
  uint8_t sum = 0;
  const uint8_t* bytes = memory.At(address);
  for (uint64_t i = 0; i < length; ++i) sum = static_cast<uint8_t>(sum + bytes[i]);
  return sum == 0;
}

// The BIOS areas are scanned on every BIOS boot without a loader's RSDP, 16 bytes at a time
// (8192 steps over 0xE0000-0xFFFFF): when the whole area is readable, one bounds check serves
// every step and each step compares the signature as one 8-byte word.
uint64_t Scan(const PhysicalMemory& memory, uint64_t start, uint64_t end) {
  if (end < start || end - start < bootabi::kAcpiRsdpV1Size) return 0;
  uint64_t signature;
  __builtin_memcpy(&signature, bootabi::kAcpiRsdpSignature, sizeof(signature));
  const bool readable = memory.Contains(start, end - start);
  for (uint64_t at = start; at + bootabi::kAcpiRsdpV1Size <= end; at += bootabi::kAcpiRsdpAlign) {
    if (readable) {
      uint64_t word;
      __builtin_memcpy(&word, memory.At(at), sizeof(word));
      if (word != signature) continue;
    }
    if (ValidRsdp(memory, at)) return at;
  }
  return 0;
}

bool SameGuid(const efi::EFI_GUID& a, const efi::EFI_GUID& b) { return __builtin_memcmp(&a, &b, sizeof(a)) == 0; }

}  // namespace

bool ValidRsdp(const PhysicalMemory& memory, uint64_t address) {
  if (!memory.Contains(address, bootabi::kAcpiRsdpV1Size)) return false;
  if (__builtin_memcmp(memory.At(address), bootabi::kAcpiRsdpSignature, 8) != 0) return false;
  if (!Checksum(memory, address, bootabi::kAcpiRsdpV1Size)) return false;
  const uint8_t revision = memory.At(address)[offsetof(bootabi::acpi_rsdp, revision)];
  if (revision < 2) return true;
  const auto length = memory.Read<uint32_t>(address + offsetof(bootabi::acpi_rsdp, length), "rsdp.length");
  return !length.is_error() && length.value() >= sizeof(bootabi::acpi_rsdp) && length.value() <= 4096 &&
         Checksum(memory, address, length.value());
}

base::Result<uint64_t> FindRsdpInEfiSystemTable(const PhysicalMemory& memory, uint64_t system_table) {
  const auto table = TRY(memory.Read<efi::EFI_SYSTEM_TABLE>(system_table, "efi_system_table"));
  if (table.NumberOfTableEntries > kMaxConfigurationTables) {
    return base::MakeError("more configuration tables than any firmware lists",
                           "efi_system_table.NumberOfTableEntries", kMaxConfigurationTables,
                           table.NumberOfTableEntries);
  }
  if (table.NumberOfTableEntries == 0) return uint64_t{0};
  const auto entries = reinterpret_cast<uint64_t>(table.ConfigurationTable);
  TRY(memory.CheckArray(entries, table.NumberOfTableEntries, sizeof(efi::EFI_CONFIGURATION_TABLE),
                        "efi_system_table.ConfigurationTable"));
  uint64_t acpi10 = 0;
  for (uint64_t i = 0; i < table.NumberOfTableEntries; ++i) {
    const auto entry = TRY(memory.Read<efi::EFI_CONFIGURATION_TABLE>(
        entries + i * sizeof(efi::EFI_CONFIGURATION_TABLE), "efi_configuration_table"));
    const auto address = reinterpret_cast<uint64_t>(entry.VendorTable);
    if (SameGuid(entry.VendorGuid, efi::kAcpi20TableGuid) && ValidRsdp(memory, address)) return address;
    if (SameGuid(entry.VendorGuid, efi::kAcpi10TableGuid) && ValidRsdp(memory, address)) acpi10 = address;
  }
  return acpi10;
}

uint64_t FindRsdpInBiosAreas(const PhysicalMemory& memory) {
  const BiosDataArea bda = ReadBiosDataArea(memory);
  if (IsPlausible(bda)) {
    const uint64_t found = Scan(memory, bda.ebda_address, bda.ebda_address + bootabi::kAcpiRsdpEbdaBytes);
    if (found != 0) return found;
  }
  return Scan(memory, bootabi::kAcpiRsdpBiosAreaStart, bootabi::kAcpiRsdpBiosAreaEnd);
}

base::Result<> SettleRsdp(const PhysicalMemory& memory, const Handoff& handoff, uint64_t efi_system_table,
                          const char* field) {
  bootabi::boot_params& params = *handoff.params;
  handoff.descriptor->efi_system_table = efi_system_table;
  const uint64_t copy = handoff.descriptor_address + offsetof(bootabi::boot_descriptor, rsdp_copy);
  if (params.acpi_rsdp_addr == copy) return base::Ok{};  // a converter copied and checked it
  if (params.acpi_rsdp_addr != 0) {
    if (!ValidRsdp(memory, params.acpi_rsdp_addr)) {
      return base::MakeError("no valid RSDP there (signature, checksums)", field, 0, params.acpi_rsdp_addr);
    }
    return base::Ok{};
  }
  if (efi_system_table != 0) {
    params.acpi_rsdp_addr = TRY(FindRsdpInEfiSystemTable(memory, efi_system_table));
    if (params.acpi_rsdp_addr != 0) return base::Ok{};
  }
  params.acpi_rsdp_addr = FindRsdpInBiosAreas(memory);
  return base::Ok{};
}

}  // namespace bootinfo
