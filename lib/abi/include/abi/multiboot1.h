// SPDX-License-Identifier: MIT
// Multiboot 0.6.96 (https://www.gnu.org/software/grub/manual/multiboot/multiboot.html):
// the OS image header and the boot information structure; field names as in the spec's
// multiboot.h.
#pragma once

#include <cstddef>
#include <cstdint>

#include "abi/assert-layout.h"

namespace bootabi::multiboot1 {

inline constexpr uint32_t kHeaderMagic = 0x1BADB002;      // in the OS image
inline constexpr uint32_t kBootloaderMagic = 0x2BADB002;  // in %eax at entry
inline constexpr size_t kHeaderSearchBytes = 8192;        // header within the first 8 KiB
inline constexpr size_t kHeaderAlign = 4;

// multiboot_header.flags (3.1.2)
inline constexpr uint32_t kPageAlign = 1u << 0;   // modules on 4 KiB boundaries
inline constexpr uint32_t kMemoryInfo = 1u << 1;  // mem_* and mmap_* wanted
inline constexpr uint32_t kVideoMode = 1u << 2;
inline constexpr uint32_t kAoutKludge = 1u << 16;  // the address fields are valid

struct multiboot_header {
  uint32_t magic;
  uint32_t flags;
  uint32_t checksum;  // magic + flags + checksum == 0 (mod 2^32)
  // valid with kAoutKludge
  uint32_t header_addr;
  uint32_t load_addr;
  uint32_t load_end_addr;  // 0: load to the end of the file
  uint32_t bss_end_addr;   // 0: no bss
  uint32_t entry_addr;
};
static_assert(AssertSize<multiboot_header, 32>());
ABI_ASSERT_OFFSET(multiboot_header, header_addr, 12);
ABI_ASSERT_OFFSET(multiboot_header, entry_addr, 28);

// multiboot_info.flags (3.3)
inline constexpr uint32_t kInfoMemory = 1u << 0;
inline constexpr uint32_t kInfoBootDevice = 1u << 1;
inline constexpr uint32_t kInfoCmdline = 1u << 2;
inline constexpr uint32_t kInfoModules = 1u << 3;
inline constexpr uint32_t kInfoMemoryMap = 1u << 6;
inline constexpr uint32_t kInfoBootLoaderName = 1u << 9;
inline constexpr uint32_t kInfoFramebuffer = 1u << 12;

struct [[gnu::packed]] multiboot_info {
  uint32_t flags;              // 0
  uint32_t mem_lower;          // 4: KiB from 0
  uint32_t mem_upper;          // 8: KiB from 1 MiB
  uint32_t boot_device;        // 12
  uint32_t cmdline;            // 16
  uint32_t mods_count;         // 20
  uint32_t mods_addr;          // 24
  uint32_t syms[4];            // 28: a.out or ELF section table
  uint32_t mmap_length;        // 44
  uint32_t mmap_addr;          // 48
  uint32_t drives_length;      // 52
  uint32_t drives_addr;        // 56
  uint32_t config_table;       // 60
  uint32_t boot_loader_name;   // 64
  uint32_t apm_table;          // 68
  uint32_t vbe_control_info;   // 72
  uint32_t vbe_mode_info;      // 76
  uint16_t vbe_mode;           // 80
  uint16_t vbe_interface_seg;  // 82
  uint16_t vbe_interface_off;  // 84
  uint16_t vbe_interface_len;  // 86
  uint64_t framebuffer_addr;   // 88
  uint32_t framebuffer_pitch;  // 96
  uint32_t framebuffer_width;  // 100
  uint32_t framebuffer_height; // 104
  uint8_t framebuffer_bpp;     // 108
  uint8_t framebuffer_type;    // 109
  uint8_t color_info[6];       // 110
};
static_assert(AssertSize<multiboot_info, 116>());
ABI_ASSERT_OFFSET(multiboot_info, cmdline, 16);
ABI_ASSERT_OFFSET(multiboot_info, mmap_length, 44);
ABI_ASSERT_OFFSET(multiboot_info, boot_loader_name, 64);
ABI_ASSERT_OFFSET(multiboot_info, framebuffer_addr, 88);
ABI_ASSERT_OFFSET(multiboot_info, framebuffer_type, 109);

struct multiboot_mod_list {
  uint32_t mod_start;
  uint32_t mod_end;  // exclusive
  uint32_t cmdline;
  uint32_t pad;
};
static_assert(AssertSize<multiboot_mod_list, 16>());

/// One memory map entry. `size` counts the bytes after itself (at least 20) and is how the
/// walk advances: entry N+1 starts size + 4 bytes after entry N.
struct [[gnu::packed]] multiboot_mmap_entry {
  uint32_t size;
  uint64_t addr;
  uint64_t len;
  uint32_t type;
};
static_assert(AssertSize<multiboot_mmap_entry, 24>());
inline constexpr uint32_t kMmapEntryMinSize = sizeof(multiboot_mmap_entry) - sizeof(uint32_t);

}  // namespace bootabi::multiboot1
