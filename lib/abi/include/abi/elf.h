// SPDX-License-Identifier: MIT
// The ELF64 file and program headers a freestanding loader reads to load a kernel's segments
// (System V gABI, "ELF Header" and "Program Header"). Host tools use elfutils libelf instead.
#pragma once

#include <cstddef>
#include <cstdint>

#include "abi/assert-layout.h"

namespace bootabi {

inline constexpr uint8_t kElfMagic[4] = {0x7f, 'E', 'L', 'F'};
inline constexpr size_t kElfIdentClass = 4;
inline constexpr size_t kElfIdentData = 5;
inline constexpr uint8_t kElfClass64 = 2;
inline constexpr uint8_t kElfData2Lsb = 1;
inline constexpr uint16_t kElfTypeExec = 2;
inline constexpr uint16_t kElfTypeDyn = 3;
inline constexpr uint16_t kElfMachineX8664 = 62;
inline constexpr uint32_t kElfProgramLoad = 1;

struct elf64_ehdr {
  uint8_t e_ident[16];
  uint16_t e_type;
  uint16_t e_machine;
  uint32_t e_version;
  uint64_t e_entry;
  uint64_t e_phoff;
  uint64_t e_shoff;
  uint32_t e_flags;
  uint16_t e_ehsize;
  uint16_t e_phentsize;
  uint16_t e_phnum;
  uint16_t e_shentsize;
  uint16_t e_shnum;
  uint16_t e_shstrndx;
};
static_assert(AssertSize<elf64_ehdr, 64>());
ABI_ASSERT_OFFSET(elf64_ehdr, e_entry, 24);
ABI_ASSERT_OFFSET(elf64_ehdr, e_phoff, 32);
ABI_ASSERT_OFFSET(elf64_ehdr, e_phentsize, 54);
ABI_ASSERT_OFFSET(elf64_ehdr, e_phnum, 56);

struct elf64_phdr {
  uint32_t p_type;
  uint32_t p_flags;
  uint64_t p_offset;
  uint64_t p_vaddr;
  uint64_t p_paddr;
  uint64_t p_filesz;
  uint64_t p_memsz;
  uint64_t p_align;
};
static_assert(AssertSize<elf64_phdr, 56>());
ABI_ASSERT_OFFSET(elf64_phdr, p_paddr, 24);
ABI_ASSERT_OFFSET(elf64_phdr, p_memsz, 40);

}  // namespace bootabi
