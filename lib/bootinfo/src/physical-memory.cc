// SPDX-License-Identifier: MIT
#include "bootinfo/physical-memory.h"

namespace bootinfo {

base::Error PhysicalMemory::Unreadable(uint64_t address, uint64_t length, const char* field) const {
  const uint64_t end = address + length < address ? address : address + length;
  if (Reserved(address, length)) {
    return base::MakeOverlapError("lies in the kernel's memory (image, .bss, handoff, stack)", field, address, end,
                                  reserved_start_, reserved_end_);
  }
  return base::MakeError("outside readable memory", field, base_ + size_, end);
}

}  // namespace bootinfo
