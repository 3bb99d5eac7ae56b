// SPDX-License-Identifier: MIT
// Fuzzes hvm_start_info -> boot_params. The input is guest memory at kBase with the start
// info at its first byte; every pointer inside is the fuzzer's choice. Beyond "no crash and
// no sanitizer report", the outputs must keep their invariants.
#include <cstdint>
#include <cstring>
#include <vector>

#include "abi/hvm-start-info.h"
#include "bootinfo/pvh.h"

namespace {

constexpr uint64_t kBase = 0x10000;

void Check(bool condition) {
  if (!condition) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // A private copy: the converter must never write the loader's memory, and a copy lets
  // ASan catch any read past the input's end.
  std::vector<uint8_t> memory(data, data + size);
  static bootabi::boot_params params;
  static bootabi::boot_descriptor descriptor;
  static char command_line[bootabi::kCommandLineSize];
  static bootinfo::E820Scratch scratch;
  const bootinfo::Handoff handoff{&params, &descriptor, command_line, sizeof(command_line), 0x5000, 0x6000};
  const bootinfo::PhysicalMemory view(kBase, memory.size(), reinterpret_cast<uintptr_t>(memory.data()));

  const auto result = bootinfo::ConvertPvh(view, kBase, handoff, scratch);
  Check(size == 0 || std::memcmp(memory.data(), data, size) == 0);
  Check(std::memchr(command_line, '\0', sizeof(command_line)) != nullptr);
  Check(params.e820_entries <= bootabi::kE820MaxEntriesZeroPage);
  Check(descriptor.module_count <= bootabi::kBootDescriptorMaxModules);
  Check(descriptor.magic == bootabi::kBootDescriptorMagic);
  if (result.is_error()) return 0;
  // A sanitised map is sorted, has no empty ranges and no overlaps.
  for (uint32_t i = 0; i < params.e820_entries; ++i) {
    const bootabi::boot_e820_entry& entry = params.e820_table[i];
    Check(entry.size != 0 && entry.addr + entry.size > entry.addr);
    if (i > 0) {
      const bootabi::boot_e820_entry& previous = params.e820_table[i - 1];
      Check(previous.addr + previous.size <= entry.addr);
    }
  }
  return 0;
}
