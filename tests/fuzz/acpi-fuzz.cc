// SPDX-License-Identifier: MIT
// ACPI tables from random bytes: a valid RSDP and XSDT list up to 8 tables at offsets the
// input chooses, whose checksums the harness makes right (so the fuzzer reaches the parsers'
// length and entry checks, not only the checksum test). Every parser must return, never read
// outside the memory window, and keep its counts within its arrays.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "abi/acpi.h"
#include "acpi/madt.h"
#include "acpi/tables.h"
#include "bootinfo/physical-memory.h"
#include "fuzz-support.h"

namespace {

using fuzz::Check;
using fuzz::FixChecksum;

constexpr uint64_t kBase = 0x100000;
constexpr size_t kSize = 0x10000;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 17) return 0;
  std::vector<uint8_t> memory(kSize, 0);
  const size_t copied = size - 17 < kSize - 0x200 ? size - 17 : kSize - 0x200;
  std::memcpy(memory.data() + 0x200, data + 17, copied);

  // Up to 8 tables, at 4-byte aligned offsets from 0x200 on.
  const unsigned count = data[0] % 9;
  std::vector<uint64_t> entries;
  for (unsigned i = 0; i < count; ++i) {
    const size_t offset = 0x200 + ((data[1 + 2 * i] | (data[2 + 2 * i] << 8)) * 4u) % (kSize - 0x200 - 36);
    uint32_t length;
    std::memcpy(&length, memory.data() + offset + 4, 4);
    if (length >= 36 && length <= kSize - offset) FixChecksum(memory, offset, length, 9);
    entries.push_back(kBase + offset);
  }
  // The XSDT at 0x40, the RSDP at 0.
  bootabi::acpi_table_header xsdt{};
  std::memcpy(xsdt.signature, "XSDT", 4);
  xsdt.length = static_cast<uint32_t>(sizeof(xsdt) + entries.size() * 8);
  std::memcpy(memory.data() + 0x40, &xsdt, sizeof(xsdt));
  if (!entries.empty()) std::memcpy(memory.data() + 0x40 + sizeof(xsdt), entries.data(), entries.size() * 8);
  FixChecksum(memory, 0x40, xsdt.length, 9);
  bootabi::acpi_rsdp rsdp{};
  std::memcpy(rsdp.signature, bootabi::kAcpiRsdpSignature, 8);
  rsdp.revision = 2;
  rsdp.length = sizeof(rsdp);
  rsdp.xsdt_address = kBase + 0x40;
  std::memcpy(memory.data(), &rsdp, sizeof(rsdp));
  FixChecksum(memory, 0, bootabi::kAcpiRsdpV1Size, 8);
  FixChecksum(memory, 0, sizeof(rsdp), 32);

  const bootinfo::PhysicalMemory view(kBase, kSize, reinterpret_cast<uintptr_t>(memory.data()));
  static acpi::Madt madt;
  const auto tables = acpi::ReadTables(view, kBase);
  if (tables.ok()) {
    Check(tables.value().count <= acpi::kMaxTables);
    for (uint32_t i = 0; i < tables.value().count; ++i) Check(view.Contains(tables.value().address[i], 36));
  }
  for (const uint64_t address : entries) {
    if (acpi::ParseMadt(view, address, madt).ok()) {
      Check(madt.cpu_count <= acpi::kMaxCpus && madt.io_apic_count <= acpi::kMaxIoApics &&
            madt.override_count <= acpi::kMaxOverrides && madt.local_apic_address != 0);
    }
    (void)acpi::ParseHpet(view, address);
    (void)acpi::ParseFadt(view, address);
  }
  return 0;
}
