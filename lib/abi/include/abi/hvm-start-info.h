// SPDX-License-Identifier: MIT
// The Xen PVH (HVMlite) start of day structures.
// Source: xen/include/public/arch-x86/hvm/start_info.h and docs/misc/pvh.pandoc; field names
// as there. All addresses are guest physical; an address of 0 means "absent".
#pragma once

#include <cstddef>
#include <cstdint>

#include "abi/assert-layout.h"

namespace bootabi {

/// "xEn3" with the 0x80 bit set on the "E".
inline constexpr uint32_t kHvmStartMagic = 0x336ec578;
/// XEN_ELFNOTE_PHYS32_ENTRY: the ELF note type that names the 32-bit PVH entry point.
inline constexpr uint32_t kXenElfNotePhys32Entry = 18;

/// hvm_start_info. Version 0 ends at memmap_paddr (40 bytes); version 1 adds the memory map.
struct hvm_start_info {
  uint32_t magic;           // 0: kHvmStartMagic
  uint32_t version;         // 4
  uint32_t flags;           // 8: SIF_xxx
  uint32_t nr_modules;      // 12
  uint64_t modlist_paddr;   // 16: hvm_modlist_entry[nr_modules]
  uint64_t cmdline_paddr;   // 24: NUL-terminated ASCII
  uint64_t rsdp_paddr;      // 32: ACPI RSDP
  uint64_t memmap_paddr;    // 40: hvm_memmap_table_entry[memmap_entries] (version >= 1)
  uint32_t memmap_entries;  // 48
  uint32_t reserved;        // 52
};
static_assert(AssertSize<hvm_start_info, 56>());
ABI_ASSERT_OFFSET(hvm_start_info, magic, 0);
ABI_ASSERT_OFFSET(hvm_start_info, version, 4);
ABI_ASSERT_OFFSET(hvm_start_info, flags, 8);
ABI_ASSERT_OFFSET(hvm_start_info, nr_modules, 12);
ABI_ASSERT_OFFSET(hvm_start_info, modlist_paddr, 16);
ABI_ASSERT_OFFSET(hvm_start_info, cmdline_paddr, 24);
ABI_ASSERT_OFFSET(hvm_start_info, rsdp_paddr, 32);
ABI_ASSERT_OFFSET(hvm_start_info, memmap_paddr, 40);
ABI_ASSERT_OFFSET(hvm_start_info, memmap_entries, 48);
ABI_ASSERT_OFFSET(hvm_start_info, reserved, 52);

/// How many bytes of hvm_start_info each version defines.
inline constexpr size_t kHvmStartInfoSizeV0 = offsetof(hvm_start_info, memmap_paddr);
inline constexpr size_t kHvmStartInfoSizeV1 = sizeof(hvm_start_info);
static_assert(kHvmStartInfoSizeV0 == 40);

struct hvm_modlist_entry {
  uint64_t paddr;
  uint64_t size;
  uint64_t cmdline_paddr;
  uint64_t reserved;
};
static_assert(AssertSize<hvm_modlist_entry, 32>());
ABI_ASSERT_OFFSET(hvm_modlist_entry, paddr, 0);
ABI_ASSERT_OFFSET(hvm_modlist_entry, size, 8);
ABI_ASSERT_OFFSET(hvm_modlist_entry, cmdline_paddr, 16);

/// One memory map entry; the type values are the E820 ones (bootabi::E820Type).
struct hvm_memmap_table_entry {
  uint64_t addr;
  uint64_t size;
  uint32_t type;
  uint32_t reserved;
};
static_assert(AssertSize<hvm_memmap_table_entry, 24>());
ABI_ASSERT_OFFSET(hvm_memmap_table_entry, addr, 0);
ABI_ASSERT_OFFSET(hvm_memmap_table_entry, size, 8);
ABI_ASSERT_OFFSET(hvm_memmap_table_entry, type, 16);

}  // namespace bootabi
