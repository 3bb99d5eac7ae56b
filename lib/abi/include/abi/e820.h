// SPDX-License-Identifier: MIT
// The BIOS E820 memory map entry, as Linux's boot_params carries it.
// Source: Linux Documentation/arch/x86/zero-page.rst, arch/x86/include/uapi/asm/setup_data.h.
#pragma once

#include <cstdint>

#include "abi/assert-layout.h"

namespace bootabi {

/// The entry types of the ACPI address range descriptor (ACPI 6.5, 15.1 "INT 15H, E820H").
/// PVH's hvm_memmap_table_entry uses the same values (xen/include/public/hvm/start_info.h).
enum class E820Type : uint32_t {
  kRam = 1,
  kReserved = 2,
  kAcpi = 3,
  kNvs = 4,
  kUnusable = 5,
  kDisabled = 6,
  kPmem = 7,
};

/// One entry of boot_params.e820_table: packed, 20 bytes.
struct [[gnu::packed]] boot_e820_entry {
  uint64_t addr;
  uint64_t size;
  uint32_t type;
};
static_assert(AssertSize<boot_e820_entry, 20>());
ABI_ASSERT_OFFSET(boot_e820_entry, addr, 0);
ABI_ASSERT_OFFSET(boot_e820_entry, size, 8);
ABI_ASSERT_OFFSET(boot_e820_entry, type, 16);

/// "SMAP": the signature int 0x15, eax = 0xe820 takes in %edx and returns in %eax (ACPI 6.5, 15.1).
inline constexpr uint32_t kE820Signature = 0x534d4150;

/// The number of entries boot_params.e820_table holds (E820_MAX_ENTRIES_ZEROPAGE).
inline constexpr int kE820MaxEntriesZeroPage = 128;

/// A short lower-case name for a type ("ram", "reserved", ...), "unknown" for others.
constexpr const char* E820TypeName(uint32_t type) {
  switch (static_cast<E820Type>(type)) {
    case E820Type::kRam: return "ram";
    case E820Type::kReserved: return "reserved";
    case E820Type::kAcpi: return "acpi";
    case E820Type::kNvs: return "nvs";
    case E820Type::kUnusable: return "unusable";
    case E820Type::kDisabled: return "disabled";
    case E820Type::kPmem: return "pmem";
  }
  return "unknown";
}

}  // namespace bootabi
