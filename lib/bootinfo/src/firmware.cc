// SPDX-License-Identifier: MIT
#include "bootinfo/firmware.h"

namespace bootinfo {

BiosDataArea ReadBiosDataArea(const PhysicalMemory& memory) {
  const auto segment = memory.Read<uint16_t>(kBdaEbdaSegment, "bda.ebda_segment");
  const auto base = memory.Read<uint16_t>(kBdaBaseMemoryKib, "bda.base_memory_kib");
  if (segment.is_error() || base.is_error()) return {};
  return {uint32_t{segment.value()} << 4, base.value()};
}

bool HasBaseMemorySize(const BiosDataArea& bda) {
  return bda.base_memory_kib != 0 && bda.base_memory_kib <= kMostBaseMemoryKib;
}

bool IsPlausible(const BiosDataArea& bda) {
  return HasBaseMemorySize(bda) && bda.ebda_address >= 0x80000 && bda.ebda_address < uint32_t{kMostBaseMemoryKib} * 1024;
}

uint64_t ScanBiosArea(const PhysicalMemory& memory, uint64_t start, uint64_t end, uint64_t align,
                      const char* signature, uint64_t size, bool (*valid)(const PhysicalMemory&, uint64_t)) {
  if (end < start || end - start < size) return 0;
  uint32_t word;
  __builtin_memcpy(&word, signature, sizeof(word));
  const bool readable = memory.Contains(start, end - start);
  for (uint64_t at = start; at + size <= end; at += align) {
    if (readable) {
      uint32_t here;
      __builtin_memcpy(&here, memory.At(at), sizeof(here));
      if (here != word) continue;
    }
    if (valid(memory, at)) return at;
  }
  return 0;
}

bootabi::Firmware LegacyFirmware(const PhysicalMemory& memory) {
  return IsPlausible(ReadBiosDataArea(memory)) ? bootabi::Firmware::kBios : bootabi::Firmware::kNone;
}

}  // namespace bootinfo
