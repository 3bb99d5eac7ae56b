// SPDX-License-Identifier: MIT
#include "bootinfo/rsdp.h"

#include <cstddef>

#include "abi/acpi.h"
#include "abi/boot-descriptor.h"
#include "abi/efi.h"
#include "bootinfo/firmware.h"
#include "bootinfo/handoff.h"
#include "bootinfo/mp-floating-pointer.h"

namespace bootinfo {
namespace {

namespace efi = bootabi::efi;

// Firmware configuration tables hold tens of entries; a larger count is garbage.
constexpr uint64_t kMaxConfigurationTables = 1024;

bool Checksum(const PhysicalMemory& memory, uint64_t address, uint64_t length) {
  return memory.Contains(address, length) && memory.ByteSum(address, length) == 0;
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
    const uint64_t found = ScanBiosArea(memory, bda.ebda_address, bda.ebda_address + bootabi::kAcpiRsdpEbdaBytes,
                                        bootabi::kAcpiRsdpAlign, bootabi::kAcpiRsdpSignature,
                                        bootabi::kAcpiRsdpV1Size, ValidRsdp);
    if (found != 0) return found;
  }
  return ScanBiosArea(memory, bootabi::kAcpiRsdpBiosAreaStart, bootabi::kAcpiRsdpBiosAreaEnd, bootabi::kAcpiRsdpAlign,
                      bootabi::kAcpiRsdpSignature, bootabi::kAcpiRsdpV1Size, ValidRsdp);
}

base::Result<> SettleFirmwareTables(const PhysicalMemory& memory, const Handoff& handoff, uint64_t efi_system_table,
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
  // A BIOS without ACPI: its MP table says which processors and I/O APICs there are.
  if (params.acpi_rsdp_addr == 0) handoff.descriptor->mp_floating_pointer = FindMpFloatingPointer(memory);
  return base::Ok{};
}

}  // namespace bootinfo
