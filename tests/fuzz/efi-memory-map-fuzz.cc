// SPDX-License-Identifier: MIT
// Fuzzes the EFI memory map -> E820 conversion: the input's first 8 bytes choose the
// descriptor size and version, the rest is the GetMemoryMap buffer at fuzz::kBase.
#include <cstring>

#include "bootinfo/efi.h"
#include "fuzz-support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 8) return 0;
  uint32_t descriptor_size, version;
  std::memcpy(&descriptor_size, data, 4);
  std::memcpy(&version, data + 4, 4);
  std::vector<uint8_t> memory(data + 8, data + size);
  const bootinfo::PhysicalMemory view(fuzz::kBase, memory.size(), reinterpret_cast<uintptr_t>(memory.data()));
  static bootabi::boot_e820_entry table[bootabi::kE820MaxEntriesZeroPage];
  static bootinfo::E820Scratch scratch;
  bootinfo::E820Builder builder(table, bootabi::kE820MaxEntriesZeroPage);
  const auto result = bootinfo::AddEfiMemoryMap(view, fuzz::kBase, memory.size(), descriptor_size % 256, version % 4, builder);
  fuzz::Check(builder.count() <= bootabi::kE820MaxEntriesZeroPage);
  if (result.is_error()) return 0;
  const auto sanitized = bootinfo::SanitizeE820(table, builder.count(), bootabi::kE820MaxEntriesZeroPage, scratch);
  for (uint32_t i = 1; i < sanitized.count; ++i) fuzz::Check(table[i - 1].addr + table[i - 1].size <= table[i].addr);
  return 0;
}
