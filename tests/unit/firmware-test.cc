// SPDX-License-Identifier: MIT
// The firmware probe for entries whose loader does not say: a plausible BIOS data area at
// 0x400 means a BIOS ran; anything else is no firmware.
#include <gtest/gtest.h>

#include <cstdint>

#include "bootinfo/firmware.h"
#include "support/fake-memory.h"

namespace {

using testing_support::FakeMemory;

// Low memory from physical 0, with the BDA's two fields set.
FakeMemory LowMemory(uint16_t ebda_segment, uint16_t base_kib) {
  FakeMemory memory(0, 0x1000);
  memory.WriteBytes(bootinfo::kBdaEbdaSegment, &ebda_segment, sizeof(ebda_segment));
  memory.WriteBytes(bootinfo::kBdaBaseMemoryKib, &base_kib, sizeof(base_kib));
  return memory;
}

TEST(Firmware, SeaBiosLikeDataAreaIsBios) {
  const FakeMemory memory = LowMemory(0x9fc0, 639);
  const bootinfo::BiosDataArea bda = bootinfo::ReadBiosDataArea(memory.View());
  EXPECT_EQ(bda.ebda_address, 0x9fc00u);
  EXPECT_EQ(bda.base_memory_kib, 639u);
  EXPECT_EQ(bootinfo::LegacyFirmware(memory.View()), bootabi::Firmware::kBios);
}

TEST(Firmware, EmptyLowMemoryIsNone) {
  EXPECT_EQ(bootinfo::LegacyFirmware(LowMemory(0, 0).View()), bootabi::Firmware::kNone);
}

TEST(Firmware, ImplausibleValuesAreNone) {
  EXPECT_EQ(bootinfo::LegacyFirmware(LowMemory(0x9fc0, 0).View()), bootabi::Firmware::kNone);     // no base memory
  EXPECT_EQ(bootinfo::LegacyFirmware(LowMemory(0x9fc0, 641).View()), bootabi::Firmware::kNone);   // above 640 KiB
  EXPECT_EQ(bootinfo::LegacyFirmware(LowMemory(0xa000, 639).View()), bootabi::Firmware::kNone);   // EBDA at 640 KiB
  EXPECT_EQ(bootinfo::LegacyFirmware(LowMemory(0x7fff, 639).View()), bootabi::Firmware::kNone);   // EBDA below 512 KiB
}

TEST(Firmware, MemoryThatDoesNotReachTheBiosDataAreaIsNone) {
  FakeMemory memory(0x10000, 0x1000);
  EXPECT_EQ(bootinfo::LegacyFirmware(memory.View()), bootabi::Firmware::kNone);
}

}  // namespace
