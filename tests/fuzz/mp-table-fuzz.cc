// SPDX-License-Identifier: MIT
// MP specification tables from random bytes: a valid floating pointer (its default
// configuration byte from the input's first byte) names a configuration table made of the
// rest, whose base table checksum the harness makes right when its length fits (so the fuzzer
// reaches the entry checks, not only the checksum test). The parser must return, never read
// outside the memory window, and keep its counts within the view's arrays.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "abi/mp-table.h"
#include "acpi/mp-table.h"
#include "bootinfo/mp-floating-pointer.h"
#include "bootinfo/physical-memory.h"
#include "fuzz-support.h"

namespace {

using fuzz::Check;
using fuzz::FixChecksum;

constexpr uint64_t kBase = 0x90000;
constexpr size_t kSize = 0x10000;
constexpr size_t kTableOffset = 0x100;

uint32_t gInputs = 24;
uint32_t Inputs(uint64_t) { return gInputs; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  std::vector<uint8_t> memory(kSize, 0);
  const size_t copied = size - 2 < kSize - kTableOffset ? size - 2 : kSize - kTableOffset;
  std::memcpy(memory.data() + kTableOffset, data + 2, copied);
  gInputs = data[1];

  uint16_t length;
  std::memcpy(&length, memory.data() + kTableOffset + offsetof(bootabi::mp_config_table_header, base_table_length), 2);
  if (length >= sizeof(bootabi::mp_config_table_header) && length <= kSize - kTableOffset) {
    FixChecksum(memory, kTableOffset, length, offsetof(bootabi::mp_config_table_header, checksum));
  }
  bootabi::mp_floating_pointer pointer{};
  std::memcpy(pointer.signature, bootabi::kMpFloatingPointerSignature, 4);
  pointer.physical_address_pointer = static_cast<uint32_t>(kBase + kTableOffset);
  pointer.length = 1;
  pointer.spec_rev = 4;
  pointer.feature1 = data[0] % 9;
  std::memcpy(memory.data(), &pointer, sizeof(pointer));
  FixChecksum(memory, 0, sizeof(pointer), offsetof(bootabi::mp_floating_pointer, checksum));

  const bootinfo::PhysicalMemory view(kBase, kSize, reinterpret_cast<uintptr_t>(memory.data()));
  Check(bootinfo::ValidMpFloatingPointer(view, kBase));
  static acpi::Madt madt;
  const auto parsed = acpi::ParseMpTable(view, kBase, Inputs, madt);
  if (parsed.ok()) {
    Check(madt.cpu_count <= acpi::kMaxCpus && madt.io_apic_count <= acpi::kMaxIoApics &&
          madt.override_count <= acpi::kMaxOverrides && madt.local_apic_address != 0);
    for (uint32_t i = 0; i < madt.override_count; ++i) Check(madt.overrides[i].source < 16);
  }
  return 0;
}
