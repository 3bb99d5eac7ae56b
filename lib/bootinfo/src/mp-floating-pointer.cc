// SPDX-License-Identifier: MIT
#include "bootinfo/mp-floating-pointer.h"

#include "abi/mp-table.h"
#include "bootinfo/firmware.h"

namespace bootinfo {
namespace {

constexpr uint64_t kBaseMemoryEnd = 640 * 1024;  // without a BDA: the last KiB below 640 KiB

uint64_t ScanForMp(const PhysicalMemory& memory, uint64_t start, uint64_t end) {
  return ScanBiosArea(memory, start, end, bootabi::kMpAlign, bootabi::kMpFloatingPointerSignature,
                      sizeof(bootabi::mp_floating_pointer), ValidMpFloatingPointer);
}

}  // namespace

bool ValidMpFloatingPointer(const PhysicalMemory& memory, uint64_t address) {
  constexpr uint64_t size = sizeof(bootabi::mp_floating_pointer);
  if (!memory.Contains(address, size)) return false;
  const auto pointer = memory.Read<bootabi::mp_floating_pointer>(address, "mp_floating_pointer");
  if (pointer.is_error()) return false;
  const bootabi::mp_floating_pointer& mp = pointer.value();
  return __builtin_memcmp(mp.signature, bootabi::kMpFloatingPointerSignature, 4) == 0 && mp.length == 1 &&
         (mp.spec_rev == 1 || mp.spec_rev == 4) && memory.ByteSum(address, size) == 0;
}

uint64_t FindMpFloatingPointer(const PhysicalMemory& memory) {
  const BiosDataArea bda = ReadBiosDataArea(memory);
  if (IsPlausible(bda)) {
    const uint64_t found = ScanForMp(memory, bda.ebda_address, bda.ebda_address + bootabi::kMpSearchBytes);
    if (found != 0) return found;
  }
  // The BDA's base memory size where it gives one of 1-640 KiB (with or without an EBDA).
  const uint64_t base_memory_end = bda.base_memory_kib >= 1 && bda.base_memory_kib <= 640
                                       ? uint64_t{bda.base_memory_kib} * 1024
                                       : kBaseMemoryEnd;
  const uint64_t found = ScanForMp(memory, base_memory_end - bootabi::kMpSearchBytes, base_memory_end);
  if (found != 0) return found;
  return ScanForMp(memory, bootabi::kMpBiosRomStart, bootabi::kMpBiosRomEnd);
}

}  // namespace bootinfo
