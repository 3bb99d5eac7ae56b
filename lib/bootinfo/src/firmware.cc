// SPDX-License-Identifier: MIT
#include "bootinfo/firmware.h"

namespace bootinfo {

BiosDataArea ReadBiosDataArea(const PhysicalMemory& memory) {
  const auto segment = memory.Read<uint16_t>(kBdaEbdaSegment, "bda.ebda_segment");
  const auto base = memory.Read<uint16_t>(kBdaBaseMemoryKib, "bda.base_memory_kib");
  if (segment.is_error() || base.is_error()) return {};
  return {uint32_t{segment.value()} << 4, base.value()};
}

bool IsPlausible(const BiosDataArea& bda) {
  return bda.base_memory_kib != 0 && bda.base_memory_kib <= 640 && bda.ebda_address >= 0x80000 &&
         bda.ebda_address < 0xa0000;
}

bootabi::Firmware LegacyFirmware(const PhysicalMemory& memory) {
  return IsPlausible(ReadBiosDataArea(memory)) ? bootabi::Firmware::kBios : bootabi::Firmware::kNone;
}

}  // namespace bootinfo
