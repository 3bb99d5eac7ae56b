// SPDX-License-Identifier: MIT
// The Linux x86 boot protocol's zero page (struct boot_params) and setup header.
// Source: Linux Documentation/arch/x86/boot.rst and zero-page.rst; field names as in
// arch/x86/include/uapi/asm/bootparam.h. Sub-structures unientry never reads (apm_bios_info,
// edid_info, ...) are kept as byte arrays of their spec size.
#pragma once

#include <cstddef>
#include <cstdint>

#include "abi/assert-layout.h"
#include "abi/e820.h"

namespace bootabi {

/// "HdrS", the setup header's magic at 0x202.
inline constexpr uint32_t kSetupHeaderMagic = 0x53726448;
/// The boot sector signature at 0x1fe.
inline constexpr uint16_t kBootFlag = 0xAA55;

/// loadflags bits (boot.rst, "loadflags").
inline constexpr uint8_t kLoadedHigh = 1u << 0;
inline constexpr uint8_t kKaslrFlag = 1u << 1;
inline constexpr uint8_t kQuietFlag = 1u << 5;
inline constexpr uint8_t kKeepSegments = 1u << 6;
inline constexpr uint8_t kCanUseHeap = 1u << 7;

/// xloadflags bits (boot.rst, protocol 2.12).
inline constexpr uint16_t kXlfKernel64 = 1u << 0;
inline constexpr uint16_t kXlfCanBeLoadedAbove4G = 1u << 1;
inline constexpr uint16_t kXlfEfiHandover32 = 1u << 2;
inline constexpr uint16_t kXlfEfiHandover64 = 1u << 3;
inline constexpr uint16_t kXlfEfiKexec = 1u << 4;

/// type_of_loader: the high nibble names the loader (boot.rst, "type_of_loader").
enum class LoaderType : uint8_t {
  kLilo = 0x0,
  kLoadlin = 0x1,
  kSyslinux = 0x3,
  kEtherboot = 0x4,
  kElilo = 0x5,
  kGrub = 0x7,
  kUBoot = 0x8,
  kXen = 0x9,
  kGujin = 0xA,
  kQemu = 0xB,
  kExtended = 0xE,
  kUndefined = 0xF,
};

/// enum x86_hardware_subarch (bootparam.h). KVM and Xen HVM/PVH guests are kPc: the subarch
/// names a boot flow that needs special handling, not a hypervisor.
enum class HardwareSubarch : uint32_t {
  kPc = 0,
  kLguest = 1,
  kXen = 2,
  kIntelMid = 3,
  kCe4100 = 4,
};
inline constexpr uint32_t kHardwareSubarchCount = 5;  // X86_NR_SUBARCHS

/// setup_data types (setup_data.h).
inline constexpr uint32_t kSetupNone = 0;
inline constexpr uint32_t kSetupE820Ext = 1;
inline constexpr uint32_t kSetupDtb = 2;
inline constexpr uint32_t kSetupPci = 3;
inline constexpr uint32_t kSetupEfi = 4;

/// The kernel's default command line buffer size (COMMAND_LINE_SIZE on x86).
inline constexpr uint32_t kCommandLineSize = 2048;

struct [[gnu::packed]] setup_header {
  uint8_t setup_sects;             // 0x1f1
  uint16_t root_flags;             // 0x1f2
  uint32_t syssize;                // 0x1f4
  uint16_t ram_size;               // 0x1f8
  uint16_t vid_mode;               // 0x1fa
  uint16_t root_dev;               // 0x1fc
  uint16_t boot_flag;              // 0x1fe
  uint16_t jump;                   // 0x200
  uint32_t header;                 // 0x202
  uint16_t version;                // 0x206
  uint32_t realmode_swtch;         // 0x208
  uint16_t start_sys_seg;          // 0x20c
  uint16_t kernel_version;         // 0x20e
  uint8_t type_of_loader;          // 0x210
  uint8_t loadflags;               // 0x211
  uint16_t setup_move_size;        // 0x212
  uint32_t code32_start;           // 0x214
  uint32_t ramdisk_image;          // 0x218
  uint32_t ramdisk_size;           // 0x21c
  uint32_t bootsect_kludge;        // 0x220
  uint16_t heap_end_ptr;           // 0x224
  uint8_t ext_loader_ver;          // 0x226
  uint8_t ext_loader_type;         // 0x227
  uint32_t cmd_line_ptr;           // 0x228
  uint32_t initrd_addr_max;        // 0x22c
  uint32_t kernel_alignment;       // 0x230
  uint8_t relocatable_kernel;      // 0x234
  uint8_t min_alignment;           // 0x235
  uint16_t xloadflags;             // 0x236
  uint32_t cmdline_size;           // 0x238
  uint32_t hardware_subarch;       // 0x23c
  uint64_t hardware_subarch_data;  // 0x240
  uint32_t payload_offset;         // 0x248
  uint32_t payload_length;         // 0x24c
  uint64_t setup_data;             // 0x250
  uint64_t pref_address;           // 0x258
  uint32_t init_size;              // 0x260
  uint32_t handover_offset;        // 0x264
  uint32_t kernel_info_offset;     // 0x268
};
/// setup_header ends at 0x26c in protocol 2.15.
static_assert(AssertSize<setup_header, 0x26c - 0x1f1>());

/// efi_info at 0x1c0 (zero-page.rst).
struct [[gnu::packed]] efi_info {
  uint32_t efi_loader_signature;
  uint32_t efi_systab;
  uint32_t efi_memdesc_size;
  uint32_t efi_memdesc_version;
  uint32_t efi_memmap;
  uint32_t efi_memmap_size;
  uint32_t efi_systab_hi;
  uint32_t efi_memmap_hi;
};
static_assert(AssertSize<efi_info, 32>());
/// efi_loader_signature values a loader that ran under UEFI writes (Linux's
/// EFI64_LOADER_SIGNATURE "EL64" and EFI32_LOADER_SIGNATURE "EL32", in memory order).
inline constexpr uint32_t kEfi64LoaderSignature = 0x34364c45;
inline constexpr uint32_t kEfi32LoaderSignature = 0x32334c45;

/// screen_info at 0x000 (Linux include/uapi/linux/screen_info.h): the console the loader left,
/// a linear framebuffer when orig_video_isVGA says VLFB (VESA) or EFI (a GOP, from an EFI
/// loader such as GRUB's `linux`).
struct [[gnu::packed]] screen_info {
  uint8_t orig_x;               // 0x00
  uint8_t orig_y;               // 0x01
  uint16_t ext_mem_k;           // 0x02
  uint16_t orig_video_page;     // 0x04
  uint8_t orig_video_mode;      // 0x06
  uint8_t orig_video_cols;      // 0x07
  uint8_t flags;                // 0x08
  uint8_t unused2;              // 0x09
  uint16_t orig_video_ega_bx;   // 0x0a
  uint16_t unused3;             // 0x0c
  uint8_t orig_video_lines;     // 0x0e
  uint8_t orig_video_isVGA;     // 0x0f
  uint16_t orig_video_points;   // 0x10
  uint16_t lfb_width;           // 0x12
  uint16_t lfb_height;          // 0x14
  uint16_t lfb_depth;           // 0x16
  uint32_t lfb_base;            // 0x18
  uint32_t lfb_size;            // 0x1c
  uint16_t cl_magic, cl_offset; // 0x20
  uint16_t lfb_linelength;      // 0x24
  uint8_t red_size;             // 0x26
  uint8_t red_pos;              // 0x27
  uint8_t green_size;           // 0x28
  uint8_t green_pos;            // 0x29
  uint8_t blue_size;            // 0x2a
  uint8_t blue_pos;             // 0x2b
  uint8_t rsvd_size;            // 0x2c
  uint8_t rsvd_pos;             // 0x2d
  uint16_t vesapm_seg;          // 0x2e
  uint16_t vesapm_off;          // 0x30
  uint16_t pages;               // 0x32
  uint16_t vesa_attributes;     // 0x34
  uint32_t capabilities;        // 0x36
  uint32_t ext_lfb_base;        // 0x3a
  uint8_t _reserved[2];         // 0x3e
};
static_assert(AssertSize<screen_info, 0x40>());
ABI_ASSERT_OFFSET(screen_info, orig_video_isVGA, 0x0f);
ABI_ASSERT_OFFSET(screen_info, lfb_base, 0x18);
ABI_ASSERT_OFFSET(screen_info, lfb_linelength, 0x24);
ABI_ASSERT_OFFSET(screen_info, rsvd_pos, 0x2d);
ABI_ASSERT_OFFSET(screen_info, capabilities, 0x36);
ABI_ASSERT_OFFSET(screen_info, ext_lfb_base, 0x3a);
/// orig_video_isVGA values that mean a linear framebuffer (VIDEO_TYPE_VLFB, VIDEO_TYPE_EFI).
inline constexpr uint8_t kVideoTypeVlfb = 0x23;
inline constexpr uint8_t kVideoTypeEfi = 0x70;
/// capabilities: ext_lfb_base holds the high 32 bits of the base (VIDEO_CAPABILITY_64BIT_BASE).
inline constexpr uint32_t kVideoCapability64BitBase = 1u << 1;

/// struct boot_params, "the zero page": 4096 bytes.
struct [[gnu::packed]] boot_params {
  struct screen_info screen_info;                // 0x000
  uint8_t apm_bios_info[0x14];                   // 0x040
  uint8_t _pad2[4];                              // 0x054
  uint64_t tboot_addr;                           // 0x058
  uint8_t ist_info[0x10];                        // 0x060
  uint64_t acpi_rsdp_addr;                       // 0x070
  uint8_t _pad3[8];                              // 0x078
  uint8_t hd0_info[16];                          // 0x080
  uint8_t hd1_info[16];                          // 0x090
  uint8_t sys_desc_table[0x10];                  // 0x0a0
  uint8_t olpc_ofw_header[0x10];                 // 0x0b0
  uint32_t ext_ramdisk_image;                    // 0x0c0
  uint32_t ext_ramdisk_size;                     // 0x0c4
  uint32_t ext_cmd_line_ptr;                     // 0x0c8
  uint8_t _pad4[112];                            // 0x0cc
  uint32_t cc_blob_address;                      // 0x13c
  uint8_t edid_info[0x80];                       // 0x140
  struct efi_info efi_info;                      // 0x1c0
  uint32_t alt_mem_k;                            // 0x1e0
  uint32_t scratch;                              // 0x1e4
  uint8_t e820_entries;                          // 0x1e8
  uint8_t eddbuf_entries;                        // 0x1e9
  uint8_t edd_mbr_sig_buf_entries;               // 0x1ea
  uint8_t kbd_status;                            // 0x1eb
  uint8_t secure_boot;                           // 0x1ec
  uint8_t _pad5[2];                              // 0x1ed
  uint8_t sentinel;                              // 0x1ef
  uint8_t _pad6[1];                              // 0x1f0
  struct setup_header hdr;                       // 0x1f1
  uint8_t _pad7[0x290 - 0x1f1 - sizeof(setup_header)];
  uint32_t edd_mbr_sig_buffer[16];               // 0x290
  boot_e820_entry e820_table[kE820MaxEntriesZeroPage];  // 0x2d0
  uint8_t _pad8[48];                             // 0xcd0
  uint8_t eddbuf[6 * 82];                        // 0xd00
  uint8_t _pad9[276];                            // 0xeec
};

static_assert(AssertSize<boot_params, 4096>());
ABI_ASSERT_OFFSET(boot_params, tboot_addr, 0x058);
ABI_ASSERT_OFFSET(boot_params, acpi_rsdp_addr, 0x070);
ABI_ASSERT_OFFSET(boot_params, ext_ramdisk_image, 0x0c0);
ABI_ASSERT_OFFSET(boot_params, ext_ramdisk_size, 0x0c4);
ABI_ASSERT_OFFSET(boot_params, ext_cmd_line_ptr, 0x0c8);
ABI_ASSERT_OFFSET(boot_params, cc_blob_address, 0x13c);
ABI_ASSERT_OFFSET(boot_params, efi_info, 0x1c0);
ABI_ASSERT_OFFSET(boot_params, alt_mem_k, 0x1e0);
ABI_ASSERT_OFFSET(boot_params, e820_entries, 0x1e8);
ABI_ASSERT_OFFSET(boot_params, sentinel, 0x1ef);
ABI_ASSERT_OFFSET(boot_params, hdr, 0x1f1);
ABI_ASSERT_OFFSET(boot_params, edd_mbr_sig_buffer, 0x290);
ABI_ASSERT_OFFSET(boot_params, e820_table, 0x2d0);
ABI_ASSERT_OFFSET(boot_params, eddbuf, 0xd00);

// Offsets of setup_header fields within boot_params, as boot.rst lists them.
#define ABI_ASSERT_HDR_OFFSET(field, offset) \
  static_assert(::bootabi::AssertOffset<(offset), offsetof(boot_params, hdr) + offsetof(setup_header, field)>())
ABI_ASSERT_HDR_OFFSET(setup_sects, 0x1f1);
ABI_ASSERT_HDR_OFFSET(syssize, 0x1f4);
ABI_ASSERT_HDR_OFFSET(boot_flag, 0x1fe);
ABI_ASSERT_HDR_OFFSET(jump, 0x200);
ABI_ASSERT_HDR_OFFSET(header, 0x202);
ABI_ASSERT_HDR_OFFSET(version, 0x206);
ABI_ASSERT_HDR_OFFSET(type_of_loader, 0x210);
ABI_ASSERT_HDR_OFFSET(loadflags, 0x211);
ABI_ASSERT_HDR_OFFSET(code32_start, 0x214);
ABI_ASSERT_HDR_OFFSET(ramdisk_image, 0x218);
ABI_ASSERT_HDR_OFFSET(ramdisk_size, 0x21c);
ABI_ASSERT_HDR_OFFSET(heap_end_ptr, 0x224);
ABI_ASSERT_HDR_OFFSET(cmd_line_ptr, 0x228);
ABI_ASSERT_HDR_OFFSET(initrd_addr_max, 0x22c);
ABI_ASSERT_HDR_OFFSET(kernel_alignment, 0x230);
ABI_ASSERT_HDR_OFFSET(relocatable_kernel, 0x234);
ABI_ASSERT_HDR_OFFSET(xloadflags, 0x236);
ABI_ASSERT_HDR_OFFSET(cmdline_size, 0x238);
ABI_ASSERT_HDR_OFFSET(hardware_subarch, 0x23c);
ABI_ASSERT_HDR_OFFSET(hardware_subarch_data, 0x240);
ABI_ASSERT_HDR_OFFSET(payload_offset, 0x248);
ABI_ASSERT_HDR_OFFSET(payload_length, 0x24c);
ABI_ASSERT_HDR_OFFSET(setup_data, 0x250);
ABI_ASSERT_HDR_OFFSET(pref_address, 0x258);
ABI_ASSERT_HDR_OFFSET(init_size, 0x260);
ABI_ASSERT_HDR_OFFSET(handover_offset, 0x264);
ABI_ASSERT_HDR_OFFSET(kernel_info_offset, 0x268);
#undef ABI_ASSERT_HDR_OFFSET

/// The singly linked setup_data list element (protocol 2.09).
struct [[gnu::packed]] setup_data {
  uint64_t next;
  uint32_t type;
  uint32_t len;
  // uint8_t data[len] follows.
};
static_assert(AssertSize<setup_data, 16>());

/// The 64-bit value of a split low/ext pair, e.g. cmd_line_ptr and ext_cmd_line_ptr.
constexpr uint64_t Join32(uint32_t low, uint32_t high) {
  return (static_cast<uint64_t>(high) << 32) | low;
}

constexpr uint64_t CommandLineAddress(const boot_params& params) {
  return Join32(params.hdr.cmd_line_ptr, params.ext_cmd_line_ptr);
}
constexpr uint64_t RamdiskAddress(const boot_params& params) {
  return Join32(params.hdr.ramdisk_image, params.ext_ramdisk_image);
}
constexpr uint64_t RamdiskSize(const boot_params& params) {
  return Join32(params.hdr.ramdisk_size, params.ext_ramdisk_size);
}
constexpr void SetCommandLineAddress(boot_params& params, uint64_t address) {
  params.hdr.cmd_line_ptr = static_cast<uint32_t>(address);
  params.ext_cmd_line_ptr = static_cast<uint32_t>(address >> 32);
}
constexpr void SetRamdisk(boot_params& params, uint64_t address, uint64_t size) {
  params.hdr.ramdisk_image = static_cast<uint32_t>(address);
  params.ext_ramdisk_image = static_cast<uint32_t>(address >> 32);
  params.hdr.ramdisk_size = static_cast<uint32_t>(size);
  params.ext_ramdisk_size = static_cast<uint32_t>(size >> 32);
}

}  // namespace bootabi
