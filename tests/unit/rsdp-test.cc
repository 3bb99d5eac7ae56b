// SPDX-License-Identifier: MIT
// Finding the RSDP where a loader did not give it: the EFI configuration table, the BIOS areas.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "abi/efi.h"
#include "bootinfo/firmware.h"
#include "bootinfo/rsdp.h"
#include "support/acpi-builder.h"
#include "support/fake-memory.h"

namespace {

namespace efi = bootabi::efi;
using testing_support::FakeMemory;
using testing_support::MakeRsdp;

// The first MiB, with a BIOS data area naming an EBDA at 0x9fc00.
FakeMemory LowMegabyte() {
  FakeMemory memory(0, 0x100000);
  const uint16_t ebda_segment = 0x9fc0, base_kib = 639;
  memory.WriteBytes(bootinfo::kBdaEbdaSegment, &ebda_segment, 2);
  memory.WriteBytes(bootinfo::kBdaBaseMemoryKib, &base_kib, 2);
  return memory;
}

TEST(Rsdp, ChecksumsAndSignatureAreChecked) {
  FakeMemory memory(0x10000, 0x1000);
  std::vector<uint8_t> good = MakeRsdp(2), v1 = MakeRsdp(0), bad_extended = MakeRsdp(2), bad_length = MakeRsdp(2);
  bad_extended[30] ^= 1;  // in the 2.0 part: only the extended checksum notices
  bad_length[20] = 8;     // length 8 < 36
  const uint64_t at_good = memory.PlaceBytes(good.data(), good.size(), 16);
  const uint64_t at_v1 = memory.PlaceBytes(v1.data(), v1.size(), 16);
  const uint64_t at_bad_extended = memory.PlaceBytes(bad_extended.data(), bad_extended.size(), 16);
  const uint64_t at_bad_length = memory.PlaceBytes(bad_length.data(), bad_length.size(), 16);
  EXPECT_TRUE(bootinfo::ValidRsdp(memory.View(), at_good));
  EXPECT_TRUE(bootinfo::ValidRsdp(memory.View(), at_v1));
  EXPECT_FALSE(bootinfo::ValidRsdp(memory.View(), at_bad_extended));
  EXPECT_FALSE(bootinfo::ValidRsdp(memory.View(), at_bad_length));
  EXPECT_FALSE(bootinfo::ValidRsdp(memory.View(), 0x10ffc));  // runs off memory
  EXPECT_FALSE(bootinfo::ValidRsdp(memory.View(), 0x1234));   // outside it
}

TEST(Rsdp, TheEbdaComesBeforeTheBiosArea) {
  FakeMemory memory = LowMegabyte();
  const std::vector<uint8_t> in_rom = MakeRsdp(0, 0x1), in_ebda = MakeRsdp(2, 0x2);
  memory.WriteBytes(0xf5a00, in_rom.data(), in_rom.size());
  EXPECT_EQ(bootinfo::FindRsdpInBiosAreas(memory.View()), 0xf5a00u);
  memory.WriteBytes(0x9fc10, in_ebda.data(), in_ebda.size());
  EXPECT_EQ(bootinfo::FindRsdpInBiosAreas(memory.View()), 0x9fc10u);
}

TEST(Rsdp, OnlySixteenByteBoundariesAndValidOnesCount) {
  FakeMemory memory = LowMegabyte();
  std::vector<uint8_t> broken = MakeRsdp(0);
  broken[8] ^= 0xff;  // the checksum byte
  const std::vector<uint8_t> good = MakeRsdp(0);
  memory.WriteBytes(0xe0000, broken.data(), broken.size());
  memory.WriteBytes(0xe0108, good.data(), good.size());  // not on a 16-byte boundary
  EXPECT_EQ(bootinfo::FindRsdpInBiosAreas(memory.View()), 0u);
  memory.WriteBytes(0xffff0, good.data(), 16);  // cut by the end of the area
  EXPECT_EQ(bootinfo::FindRsdpInBiosAreas(memory.View()), 0u);
}

// A window that does not hold the whole area (here the kernel's memory is refused inside it)
// is scanned step by step, each step checked on its own: the RSDP past the hole is found.
TEST(Rsdp, AnAreaWithAnUnreadableHoleIsStillScanned) {
  FakeMemory memory = LowMegabyte();
  const std::vector<uint8_t> good = MakeRsdp(0);
  memory.WriteBytes(0xf5a00, good.data(), good.size());
  EXPECT_EQ(bootinfo::FindRsdpInBiosAreas(memory.View().ReservingKernel(0xe8000, 0xe9000)), 0xf5a00u);
  EXPECT_EQ(bootinfo::FindRsdpInBiosAreas(memory.View().ReservingKernel(0xf5a00, 0xf5a10)), 0u);
}

TEST(Rsdp, TheEfiConfigurationTablePrefersAcpi20) {
  FakeMemory memory(0x10000, 0x4000);
  const std::vector<uint8_t> old_rsdp = MakeRsdp(0), new_rsdp = MakeRsdp(2);
  const uint64_t at_old = memory.PlaceBytes(old_rsdp.data(), old_rsdp.size(), 16);
  const uint64_t at_new = memory.PlaceBytes(new_rsdp.data(), new_rsdp.size(), 16);
  const efi::EFI_GUID other = {1, 2, 3, {4, 5, 6, 7, 8, 9, 10, 11}};
  std::vector<efi::EFI_CONFIGURATION_TABLE> tables = {
      {other, reinterpret_cast<void*>(0x1)},
      {efi::kAcpi10TableGuid, reinterpret_cast<void*>(at_old)},
      {efi::kAcpi20TableGuid, reinterpret_cast<void*>(at_new)}};
  efi::EFI_SYSTEM_TABLE system{};
  system.NumberOfTableEntries = tables.size();
  system.ConfigurationTable = reinterpret_cast<efi::EFI_CONFIGURATION_TABLE*>(memory.PlaceArray(tables));
  const uint64_t at_system = memory.Place(system);
  auto found = bootinfo::FindRsdpInEfiSystemTable(memory.View(), at_system);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found.value(), at_new);
  tables.pop_back();
  system.NumberOfTableEntries = tables.size();
  system.ConfigurationTable = reinterpret_cast<efi::EFI_CONFIGURATION_TABLE*>(memory.PlaceArray(tables));
  found = bootinfo::FindRsdpInEfiSystemTable(memory.View(), memory.Place(system));
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found.value(), at_old);
}

TEST(Rsdp, AnEfiTableOutsideMemoryOrWithGarbageCountsIsAnError) {
  FakeMemory memory(0x10000, 0x1000);
  efi::EFI_SYSTEM_TABLE system{};
  system.NumberOfTableEntries = 5000;
  const auto too_many = bootinfo::FindRsdpInEfiSystemTable(memory.View(), memory.Place(system));
  EXPECT_FALSE(too_many.ok());
  system.NumberOfTableEntries = 3;
  system.ConfigurationTable = reinterpret_cast<efi::EFI_CONFIGURATION_TABLE*>(0x900000);
  EXPECT_FALSE(bootinfo::FindRsdpInEfiSystemTable(memory.View(), memory.Place(system)).ok());
  EXPECT_FALSE(bootinfo::FindRsdpInEfiSystemTable(memory.View(), 0x800000).ok());
}

}  // namespace
