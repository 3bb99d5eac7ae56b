// SPDX-License-Identifier: MIT
// The one ELF relocation the kernel applies to itself where a loader put it away from its link
// address (System V gABI, "Relocation"; x86-64 psABI 4.4, R_X86_64_RELATIVE: the 8 bytes at
// r_offset hold B + r_addend, B the difference between run-time and link-time addresses).
#pragma once

#include <cstddef>
#include <cstdint>

#include "abi/assert-layout.h"

namespace bootabi {

struct elf64_rela {
  uint64_t r_offset;
  uint64_t r_info;  // symbol << 32 | type
  int64_t r_addend;
};
static_assert(AssertSize<elf64_rela, 24>());
ABI_ASSERT_OFFSET(elf64_rela, r_info, 8);
ABI_ASSERT_OFFSET(elf64_rela, r_addend, 16);

inline constexpr uint32_t kRX8664None = 0;
inline constexpr uint32_t kRX8664Relative = 8;

constexpr uint32_t ElfRelocationType(uint64_t info) { return static_cast<uint32_t>(info); }

}  // namespace bootabi
