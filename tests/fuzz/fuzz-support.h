// SPDX-License-Identifier: MIT
// What every converter fuzzer shares: the input as guest memory at kBase, the handoff outputs,
// and the invariants a translation must keep whether it succeeded or not.
#pragma once

#include <cstdint>
#include <cstring>
#include <vector>

#include "bootinfo/e820.h"
#include "bootinfo/handoff.h"
#include "bootinfo/physical-memory.h"
#include "support/checksum.h"

namespace fuzz {

inline constexpr uint64_t kBase = 0x10000;

inline void Check(bool condition) {
  if (!condition) __builtin_trap();
}

/// Makes the `length` bytes at `offset` sum to 0 through the byte at `offset + checksum_at`
/// (ACPI's and the MP specification's checksum), so that a fuzzer gets past that check.
inline void FixChecksum(std::vector<uint8_t>& memory, size_t offset, size_t length, size_t checksum_at) {
  testing_support::SetChecksum(memory.data() + offset, length, checksum_at);
}

struct Outputs {
  bootabi::boot_params params;
  bootabi::boot_descriptor descriptor;
  char command_line[bootabi::kCommandLineSize];
  bootinfo::E820Scratch scratch;

  bootinfo::Handoff Handoff() {
    return bootinfo::Handoff{&params, &descriptor, command_line, sizeof(command_line), 0x5000, 0x6000};
  }
};

/// Runs `convert(memory_view, handoff, scratch)` on a private copy of the input (so a write to
/// loader memory, or a read past its end, is caught) and checks the outputs.
template <typename Convert>
void FuzzConverter(const uint8_t* data, size_t size, Convert convert) {
  std::vector<uint8_t> memory(data, data + size);
  static Outputs outputs;
  const bootinfo::PhysicalMemory view(kBase, memory.size(), reinterpret_cast<uintptr_t>(memory.data()));
  const auto result = convert(view, outputs.Handoff(), outputs.scratch);
  Check(size == 0 || std::memcmp(memory.data(), data, size) == 0);
  Check(std::memchr(outputs.command_line, '\0', sizeof(outputs.command_line)) != nullptr);
  Check(std::memchr(outputs.descriptor.loader_name, '\0', sizeof(outputs.descriptor.loader_name)) != nullptr);
  Check(outputs.params.e820_entries <= bootabi::kE820MaxEntriesZeroPage);
  Check(outputs.descriptor.module_count <= bootabi::kBootDescriptorMaxModules);
  Check(outputs.descriptor.magic == bootabi::kBootDescriptorMagic);
  if (result.is_error()) return;
  // A sanitised map is sorted, has no empty ranges and no overlaps.
  for (uint32_t i = 0; i < outputs.params.e820_entries; ++i) {
    const bootabi::boot_e820_entry& entry = outputs.params.e820_table[i];
    Check(entry.size != 0 && entry.addr + entry.size > entry.addr);
    if (i > 0) {
      const bootabi::boot_e820_entry& previous = outputs.params.e820_table[i - 1];
      Check(previous.addr + previous.size <= entry.addr);
    }
  }
}

}  // namespace fuzz
