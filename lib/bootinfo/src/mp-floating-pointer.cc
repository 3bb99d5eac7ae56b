// SPDX-License-Identifier: MIT
#include "bootinfo/mp-floating-pointer.h"

#include "abi/mp-table.h"
#include "bootinfo/firmware.h"

namespace bootinfo {
namespace {

uint64_t ScanForMp(const PhysicalMemory& memory, uint64_t start, uint64_t end) {
  return ScanBiosArea(memory, start, end, bootabi::kMpAlign, bootabi::kMpFloatingPointerSignature,
                      sizeof(bootabi::mp_floating_pointer), ValidMpFloatingPointer);
}

}  // namespace

bool ValidMpFloatingPointer(const PhysicalMemory& memory, uint64_t address) {
  const auto pointer = memory.Read<bootabi::mp_floating_pointer>(address, "mp_floating_pointer");
  if (pointer.is_error()) return false;  // the read checked the bounds ByteSum relies on
  const bootabi::mp_floating_pointer& mp = pointer.value();
  return __builtin_memcmp(mp.signature, bootabi::kMpFloatingPointerSignature, 4) == 0 && mp.length == 1 &&
         (mp.spec_rev == 1 || mp.spec_rev == 4) && memory.ByteSum(address, sizeof(mp)) == 0;
}

uint64_t FindMpFloatingPointer(const PhysicalMemory& memory) {
  const BiosDataArea bda = ReadBiosDataArea(memory);
  if (IsPlausible(bda)) {
    const uint64_t found = ScanForMp(memory, bda.ebda_address, bda.ebda_address + bootabi::kMpSearchBytes);
    if (found != 0) return found;
  }
  // The BDA's base memory size where it gives one (with or without an EBDA), else 640 KiB.
  const uint64_t base_memory_end =
      uint64_t{HasBaseMemorySize(bda) ? bda.base_memory_kib : kMostBaseMemoryKib} * 1024;
  const uint64_t found = ScanForMp(memory, base_memory_end - bootabi::kMpSearchBytes, base_memory_end);
  if (found != 0) return found;
  return ScanForMp(memory, bootabi::kMpBiosRomStart, bootabi::kMpBiosRomEnd);
}

}  // namespace bootinfo
