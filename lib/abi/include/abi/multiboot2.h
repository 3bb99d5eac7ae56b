// SPDX-License-Identifier: MIT
// Multiboot2 1.0 (https://www.gnu.org/software/grub/manual/multiboot2/multiboot.html): the
// OS image header with its tags and the boot information tags; names as in multiboot2.h.
#pragma once

#include <cstddef>
#include <cstdint>

#include "abi/assert-layout.h"

namespace bootabi::multiboot2 {

inline constexpr uint32_t kHeaderMagic = 0xE85250D6;      // in the OS image
inline constexpr uint32_t kBootloaderMagic = 0x36d76289;  // in %eax at entry
inline constexpr size_t kHeaderSearchBytes = 32768;       // header within the first 32 KiB
inline constexpr size_t kHeaderAlign = 8;
inline constexpr size_t kTagAlign = 8;
inline constexpr uint32_t kArchitectureI386 = 0;

struct multiboot_header {
  uint32_t magic;
  uint32_t architecture;
  uint32_t header_length;
  uint32_t checksum;  // magic + architecture + header_length + checksum == 0
};
static_assert(AssertSize<multiboot_header, 16>());

// Header tag types (3.1.3)
inline constexpr uint16_t kHeaderTagEnd = 0;
inline constexpr uint16_t kHeaderTagInformationRequest = 1;
inline constexpr uint16_t kHeaderTagAddress = 2;
inline constexpr uint16_t kHeaderTagEntryAddress = 3;
inline constexpr uint16_t kHeaderTagRelocatable = 10;  // 3.1.12: load anywhere in [min, max]

// The relocatable header tag's preference (3.1.12).
inline constexpr uint32_t kLoadPreferenceNone = 0;
inline constexpr uint32_t kLoadPreferenceLow = 1;
inline constexpr uint32_t kLoadPreferenceHigh = 2;

struct header_tag_relocatable {
  uint16_t type;
  uint16_t flags;
  uint32_t size;
  uint32_t min_addr;
  uint32_t max_addr;
  uint32_t align;
  uint32_t preference;
};
static_assert(AssertSize<header_tag_relocatable, 24>());

// Boot information tag types (3.6)
inline constexpr uint32_t kTagEnd = 0;
inline constexpr uint32_t kTagCmdline = 1;
inline constexpr uint32_t kTagBootLoaderName = 2;
inline constexpr uint32_t kTagModule = 3;
inline constexpr uint32_t kTagBasicMeminfo = 4;
inline constexpr uint32_t kTagBootdev = 5;
inline constexpr uint32_t kTagMmap = 6;
inline constexpr uint32_t kTagFramebuffer = 8;
inline constexpr uint32_t kTagAcpiOld = 14;
inline constexpr uint32_t kTagAcpiNew = 15;
// EFI tags (3.6.12, 3.6.13, 3.6.17): a loader running under UEFI passes these.
inline constexpr uint32_t kTagEfi32SystemTable = 11;
inline constexpr uint32_t kTagEfi64SystemTable = 12;
inline constexpr uint32_t kTagEfiMmap = 17;
// 3.6.16: where a loader that honoured the relocatable header tag put the image.
inline constexpr uint32_t kTagLoadBaseAddr = 21;

/// The fixed part of the boot information; tags follow at offset 8, each 8-byte aligned.
struct boot_information {
  uint32_t total_size;
  uint32_t reserved;
};
static_assert(AssertSize<boot_information, 8>());

struct tag {
  uint32_t type;
  uint32_t size;  // including this header, excluding padding
};
static_assert(AssertSize<tag, 8>());

struct tag_module {
  uint32_t type;
  uint32_t size;
  uint32_t mod_start;
  uint32_t mod_end;
  // char cmdline[] follows
};
static_assert(AssertSize<tag_module, 16>());

struct tag_basic_meminfo {
  uint32_t type;
  uint32_t size;
  uint32_t mem_lower;
  uint32_t mem_upper;
};
static_assert(AssertSize<tag_basic_meminfo, 16>());

struct tag_mmap {
  uint32_t type;
  uint32_t size;
  uint32_t entry_size;     // a multiple of 8, at least sizeof(mmap_entry)
  uint32_t entry_version;  // 0
  // mmap_entry entries[] follow
};
static_assert(AssertSize<tag_mmap, 16>());

struct mmap_entry {
  uint64_t addr;
  uint64_t len;
  uint32_t type;
  uint32_t zero;
};
static_assert(AssertSize<mmap_entry, 24>());

struct [[gnu::packed]] tag_framebuffer_common {
  uint32_t type;
  uint32_t size;
  uint64_t framebuffer_addr;
  uint32_t framebuffer_pitch;
  uint32_t framebuffer_width;
  uint32_t framebuffer_height;
  uint8_t framebuffer_bpp;
  uint8_t framebuffer_type;
  uint16_t reserved;
};
static_assert(AssertSize<tag_framebuffer_common, 32>());
ABI_ASSERT_OFFSET(tag_framebuffer_common, framebuffer_addr, 8);
ABI_ASSERT_OFFSET(tag_framebuffer_common, framebuffer_bpp, 28);

/// What follows tag_framebuffer_common for framebuffer_type 1 (RGB): each channel's bit
/// position and size (Multiboot 2, "Framebuffer info").
struct [[gnu::packed]] framebuffer_rgb_color_info {
  uint8_t framebuffer_red_field_position;
  uint8_t framebuffer_red_mask_size;
  uint8_t framebuffer_green_field_position;
  uint8_t framebuffer_green_mask_size;
  uint8_t framebuffer_blue_field_position;
  uint8_t framebuffer_blue_mask_size;
};
static_assert(AssertSize<framebuffer_rgb_color_info, 6>());

}  // namespace bootabi::multiboot2
