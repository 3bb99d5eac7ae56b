// SPDX-License-Identifier: MIT
// Reads of fixed physical addresses through the identity map (BIOS data area, firmware
// tables). The pointer is passed through an empty asm so the compiler does not treat a small
// constant address as "null plus an offset" and warn or miscompile.
#pragma once

#include <cstdint>

namespace arch {

template <typename T>
T ReadPhysical(uint64_t address) {
  const void* pointer = reinterpret_cast<const void*>(address);
  __asm__("" : "+r"(pointer));
  T value;
  __builtin_memcpy(&value, pointer, sizeof(value));
  return value;
}

}  // namespace arch
