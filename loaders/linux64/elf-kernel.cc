// SPDX-License-Identifier: MIT
#include "elf-kernel.h"

#include "abi/elf.h"

namespace loader {

bool IsElf(const bootinfo::PhysicalMemory& memory, uint64_t address, uint64_t size) {
  return size >= sizeof(bootabi::elf64_ehdr) && memory.Contains(address, sizeof(bootabi::kElfMagic)) &&
         __builtin_memcmp(memory.At(address), bootabi::kElfMagic, sizeof(bootabi::kElfMagic)) == 0;
}

base::Result<ElfKernel> ParseElfKernel(const bootinfo::PhysicalMemory& memory, uint64_t address, uint64_t size) {
  if (!memory.Contains(address, size)) return memory.Unreadable(address, size, "ELF image");
  const auto header = TRY(memory.Read<bootabi::elf64_ehdr>(address, "ELF header"));
  if (header.e_ident[bootabi::kElfIdentClass] != bootabi::kElfClass64) {
    return base::MakeError("not a 64-bit ELF", "e_ident[EI_CLASS]", bootabi::kElfClass64,
                           header.e_ident[bootabi::kElfIdentClass]);
  }
  if (header.e_ident[bootabi::kElfIdentData] != bootabi::kElfData2Lsb) {
    return base::MakeError("not little-endian", "e_ident[EI_DATA]", bootabi::kElfData2Lsb,
                           header.e_ident[bootabi::kElfIdentData]);
  }
  if (header.e_machine != bootabi::kElfMachineX8664) {
    return base::MakeError("not an x86-64 ELF", "e_machine", bootabi::kElfMachineX8664, header.e_machine);
  }
  if (header.e_type != bootabi::kElfTypeExec && header.e_type != bootabi::kElfTypeDyn) {
    return base::MakeError("not an executable", "e_type", bootabi::kElfTypeExec, header.e_type);
  }
  if (header.e_phentsize != sizeof(bootabi::elf64_phdr)) {
    return base::MakeError("unexpected program header size", "e_phentsize", sizeof(bootabi::elf64_phdr),
                           header.e_phentsize);
  }
  if (header.e_phoff > size || uint64_t{header.e_phnum} * sizeof(bootabi::elf64_phdr) > size - header.e_phoff) {
    return base::MakeError("program headers run past the file", "e_phoff", size,
                           header.e_phoff + uint64_t{header.e_phnum} * sizeof(bootabi::elf64_phdr));
  }
  ElfKernel kernel{};
  kernel.entry = header.e_entry;
  bool entry_in_segment = false;
  for (uint32_t i = 0; i < header.e_phnum; ++i) {
    const auto phdr = TRY(memory.Read<bootabi::elf64_phdr>(
        address + header.e_phoff + i * sizeof(bootabi::elf64_phdr), "program header"));
    if (phdr.p_type != bootabi::kElfProgramLoad || phdr.p_memsz == 0) continue;
    if (kernel.segment_count == kMaxElfSegments) {
      return base::AtIndex(base::MakeError("more PT_LOAD segments than the loader takes", "p_type", kMaxElfSegments,
                                           kernel.segment_count + 1),
                           i);
    }
    if (phdr.p_offset > size || phdr.p_filesz > size - phdr.p_offset) {
      return base::AtIndex(base::MakeError("segment runs past the file", "p_filesz", size, phdr.p_offset + phdr.p_filesz), i);
    }
    if (phdr.p_memsz < phdr.p_filesz) {
      return base::AtIndex(base::MakeError("memsz smaller than filesz", "p_memsz", phdr.p_filesz, phdr.p_memsz), i);
    }
    if (phdr.p_paddr + phdr.p_memsz < phdr.p_paddr) {
      return base::AtIndex(base::MakeError("segment wraps past 2^64", "p_paddr", UINT64_MAX - phdr.p_memsz, phdr.p_paddr), i);
    }
    // The entry is a virtual address; the kernels this loader takes have virtual = physical.
    if (header.e_entry >= phdr.p_vaddr && header.e_entry - phdr.p_vaddr < phdr.p_filesz) {
      entry_in_segment = true;
      kernel.entry = phdr.p_paddr + (header.e_entry - phdr.p_vaddr);
    }
    kernel.segments[kernel.segment_count++] = {address + phdr.p_offset, phdr.p_paddr, phdr.p_filesz, phdr.p_memsz};
  }
  if (kernel.segment_count == 0) return base::MakeError("no PT_LOAD segment", "e_phnum", 1, 0);
  if (!entry_in_segment) return base::MakeError("entry outside every loaded segment", "e_entry", 0, header.e_entry);
  return kernel;
}

}  // namespace loader
