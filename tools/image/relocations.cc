// SPDX-License-Identifier: MIT
#include "image/relocations.h"

#include <cstring>

#include <fmt/format.h>

#include "abi/elf-relocation.h"

namespace image {
namespace {

constexpr uint32_t kRX8664_64 = 1;  // psABI: S + A, the one a PIE could still ask for by symbol

// The image's memory, [start, end): what relocate_kernel may write.
bool InsideImage(const ElfImage& elf, uint64_t address, uint64_t size) {
  for (const LoadSegment& segment : elf.load_segments()) {
    if (address >= segment.physical_address && size <= segment.memory_size &&
        address - segment.physical_address <= segment.memory_size - size) {
      return true;
    }
  }
  return false;
}

}  // namespace

SelfRelocations CheckSelfRelocations(const ElfImage& elf) {
  SelfRelocations result;
  const Section* rela = nullptr;
  for (const Section& section : elf.sections()) {
    if (section.name == ".rela.dyn") rela = &section;
  }
  if (rela == nullptr) return result;
  if (rela->size % sizeof(bootabi::elf64_rela) != 0 || !rela->has_file_data) {
    result.errors.push_back(fmt::format(".rela.dyn: {} bytes, expected whole {}-byte entries with file data",
                                        rela->size, sizeof(bootabi::elf64_rela)));
    return result;
  }
  const std::vector<uint8_t> bytes = elf.Read(rela->address, rela->size, ".rela.dyn");
  for (uint64_t i = 0; i < rela->size / sizeof(bootabi::elf64_rela); ++i) {
    bootabi::elf64_rela entry;
    std::memcpy(&entry, bytes.data() + i * sizeof(entry), sizeof(entry));
    const uint32_t type = bootabi::ElfRelocationType(entry.r_info);
    const uint32_t symbol = static_cast<uint32_t>(entry.r_info >> 32);
    if (type == bootabi::kRX8664None) {
      ++result.unused;
      continue;
    }
    if (type != bootabi::kRX8664Relative || symbol != 0) {
      result.errors.push_back(fmt::format(
          "relocation {} at {:#x}: type {}{}, symbol {}: the kernel relocates itself with R_X86_64_RELATIVE only "
          "(a pointer to a symbol the link did not define?)",
          i, entry.r_offset, type, type == kRX8664_64 ? " (R_X86_64_64)" : "", symbol));
      continue;
    }
    if (!InsideImage(elf, entry.r_offset, 8)) {
      result.errors.push_back(fmt::format("relocation {} at {:#x}: outside the image's segments", i, entry.r_offset));
      continue;
    }
    ++result.relative;
  }
  return result;
}

}  // namespace image
