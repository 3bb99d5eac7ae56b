// SPDX-License-Identifier: MIT
// unientry's own boot descriptor: what boot_params.hdr.hardware_subarch_data points at.
//
// boot_params carries what every entry can express in Linux's terms. This descriptor adds
// what Linux has no field for: which entry stub ran, where the loader's original boot
// information lies (for diagnostics only; nothing after the stub may parse it), every module
// the loader passed, and what the stub dropped while translating. It is versioned: a reader
// checks magic, then version, then that size covers the fields it reads.
#pragma once

#include <cstddef>
#include <cstdint>

#include "abi/assert-layout.h"

namespace bootabi {

inline constexpr uint32_t kBootDescriptorMagic = 0x45494e55;  // "UNIE" in memory order
inline constexpr uint16_t kBootDescriptorVersion = 5;  // 2: firmware; 3: framebuffer channels, loader memory in use;
                                                        // 4: the whole memory map; 5: the MP floating pointer

/// The boot entries unientry has or plans. The value is the bit index in an init entry's
/// support mask, so values are stable ABI: append, never renumber.
enum class BootEntry : uint8_t {
  kPvh = 0,         // Xen PVH / HVMlite 32-bit entry (XEN_ELFNOTE_PHYS32_ENTRY)
  kLinux16 = 1,     // Linux boot protocol, 16-bit real-mode setup entry
  kLinux32 = 2,     // Linux boot protocol, 32-bit code32_start entry
  kLinux64 = 3,     // Linux boot protocol, 64-bit entry at load address + 0x200
  kMultiboot1 = 4,  // Multiboot 0.6.96
  kMultiboot2 = 5,  // Multiboot2
  kXenPv = 6,       // Xen PV 64-bit entry (XEN_ELFNOTE_ENTRY)
  kEfi = 7,         // UEFI application entry (efi_main)
};
inline constexpr uint32_t kBootEntryCount = 8;

constexpr const char* BootEntryName(BootEntry entry) {
  switch (entry) {
    case BootEntry::kPvh: return "pvh";
    case BootEntry::kLinux16: return "linux16";
    case BootEntry::kLinux32: return "linux32";
    case BootEntry::kLinux64: return "linux64";
    case BootEntry::kMultiboot1: return "multiboot1";
    case BootEntry::kMultiboot2: return "multiboot2";
    case BootEntry::kXenPv: return "xen-pv";
    case BootEntry::kEfi: return "efi";
  }
  return "unknown";
}

/// What started the machine before the loader: the other half of a boot environment (entry x
/// firmware). The same entry can run on different firmware (GRUB's `linux` enters linux32 from
/// a BIOS and from UEFI), and what a kernel may rely on depends on both. Stable ABI values.
enum class Firmware : uint8_t {
  kBios = 0,    // a PC BIOS (SeaBIOS): it set up the BIOS data area at 0x400
  kUefi = 1,    // UEFI: the loader ran with boot services (EFI entry, efi_info, Multiboot 2 EFI tags)
  kXenPvh = 2,  // Xen started the kernel as a PVH guest: no firmware in between
  kXenPv = 3,   // Xen started the kernel as a PV guest
  kNone = 4,    // nothing that promises BIOS or UEFI services: qboot, a VMM's direct boot
};
inline constexpr uint32_t kFirmwareCount = 5;

constexpr const char* FirmwareName(Firmware firmware) {
  switch (firmware) {
    case Firmware::kBios: return "bios";
    case Firmware::kUefi: return "uefi";
    case Firmware::kXenPvh: return "xen-pvh";
    case Firmware::kXenPv: return "xen-pv";
    case Firmware::kNone: return "none";
  }
  return "unknown";
}

/// One module (initrd, payload, ...) as the loader passed it.
struct boot_module {
  uint64_t paddr;
  uint64_t size;
  uint64_t cmdline_paddr;  // 0 when the loader gave none; a copy the stub made (version 2)
};
static_assert(AssertSize<boot_module, 24>());

inline constexpr uint32_t kBootDescriptorMaxModules = 16;
/// Bytes a module's string may take in the handoff area, its NUL included.
inline constexpr uint32_t kBootModuleStringSize = 256;
inline constexpr uint32_t kBootLoaderNameSize = 64;
inline constexpr uint32_t kBootTranslationErrorSize = 192;

// boot_descriptor.framebuffer_type: the Multiboot encoding, which the EFI entry uses too.
inline constexpr uint8_t kFramebufferTypeIndexed = 0;
inline constexpr uint8_t kFramebufferTypeRgb = 1;
inline constexpr uint8_t kFramebufferTypeEgaText = 2;

/// Where one colour channel lies in an RGB framebuffer's pixel: `size` bits from bit `shift`
/// (Multiboot's field position and mask size; Linux's screen_info red_pos and red_size).
struct boot_framebuffer_channel {
  uint8_t shift;
  uint8_t size;
};
static_assert(AssertSize<boot_framebuffer_channel, 2>());

/// Memory the loader set up that stays in use after the stub (a Xen PV guest's frame list,
/// start info and the page tables it keeps running on): the typed map marks it in use, so a
/// kernel never hands it out as free RAM. Physical (pseudo-physical under Xen PV) addresses.
struct boot_loader_range {
  uint64_t paddr;
  uint64_t size;
};
static_assert(AssertSize<boot_loader_range, 16>());
inline constexpr uint32_t kBootDescriptorMaxLoaderRanges = 4;

/// The most ranges the whole memory map (boot_descriptor.memory_map_paddr) holds: firmware
/// maps list far more than boot_params' 128 (EFI maps often over 100 before merging, some
/// servers several hundred).
inline constexpr uint32_t kBootMemoryMapMaxEntries = 512;

struct boot_descriptor {
  uint32_t magic;                // kBootDescriptorMagic
  uint16_t version;              // kBootDescriptorVersion
  uint16_t size;                 // sizeof(boot_descriptor) of the writer
  uint8_t entry;                 // BootEntry that ran
  uint8_t firmware;              // Firmware the stub found (version 2)
  uint8_t _pad[6];
  uint64_t original_info_paddr;  // hvm_start_info, Multiboot info, start_info, EFI system table
  uint64_t original_info_size;   // bytes the stub read from it (0 if unknown)
  uint64_t entry_tsc;            // rdtsc at the stub's first instruction that can read it
  char loader_name[kBootLoaderNameSize];  // NUL-terminated; "" when the loader gave none
  uint32_t module_count;         // entries used in modules[]
  uint32_t modules_dropped;      // modules past kBootDescriptorMaxModules
  boot_module modules[kBootDescriptorMaxModules];
  uint32_t memmap_entries_in;    // memory map entries the loader passed
  uint32_t memmap_entries_dropped;  // zero-length, wrapping or past the table's capacity
  uint32_t cmdline_truncated;    // 1 when the command line did not fit kCommandLineSize
  uint32_t module_strings_truncated;  // bit i: module i's string was cut to fit (version 2)
  // Set by a stub whose translation failed: the common path, which owns the console, reports
  // it and stops. Empty on success.
  char translation_error[kBootTranslationErrorSize];
  // Linux boot protocol entries: what the loader passed beyond the zero page itself.
  uint64_t loader_subarch_data;  // the loader's hardware_subarch_data (replaced by ours)
  uint32_t setup_data_nodes;     // nodes in the setup_data chain
  uint32_t e820_ext_entries;     // memory map entries taken from SETUP_E820_EXT nodes
  // The framebuffer a loader set up (Multiboot); framebuffer_addr 0 when there is none.
  uint64_t framebuffer_addr;
  uint32_t framebuffer_pitch;
  uint32_t framebuffer_width;
  uint32_t framebuffer_height;
  uint8_t framebuffer_bpp;
  uint8_t framebuffer_type;  // Multiboot's encoding (kFramebufferType*), as loaders give it
  uint8_t _pad2[2];
  uint32_t unknown_items;    // boot information items the stub did not know and skipped
  uint32_t boot_params_sanitized;  // 1 when the loader's zero page had a sentinel and was cleaned (version 2)
  // Written by the common path when it selects the platform (not by a stub): the hypervisor
  // CPUID reports, kept apart from hardware_subarch.
  uint8_t hypervisor;           // platform::Hypervisor
  uint8_t _pad3[3];
  uint32_t hypervisor_base;     // base leaf of the chosen signature, 0 when none
  uint32_t hypervisor_max_leaf;
  char hypervisor_signature[12];
  uint32_t hypervisor_features[4][4];  // CPUID base + 1 .. base + 4: eax, ebx, ecx, edx
  // Xen PV: the virtual address of the pseudo-physical -> machine frame list (start_info's
  // mfn_list), which the PV platform needs to hand page frames to Xen; 0 elsewhere.
  uint64_t xen_pv_mfn_list;
  uint64_t xen_pv_nr_pages;
  // rdtsc when the shared 32->64-bit switch reached 64-bit mode; 0 for entries that start in
  // 64-bit mode. Under QEMU -icount the TSC counts guest instructions.
  uint64_t long_mode_tsc;
  // rdtsc when the stub was done with the firmware's services (EFI: ExitBootServices returned),
  // so a boot's cost splits into firmware calls and our own work; 0 for other entries.
  uint64_t firmware_exit_tsc;
  // The EFI system table (physical) when UEFI ran: the EFI entry's, or a Linux-protocol loader's
  // efi_info. 0 otherwise. (version 2)
  uint64_t efi_system_table;
  // A copy of the RSDP when the loader handed over one in its own memory (Multiboot 2's ACPI
  // tags): boot_params.acpi_rsdp_addr then points here, never into the loader's data. (version 2)
  uint8_t rsdp_copy[36];
  uint8_t _pad4[4];
  // An RGB framebuffer's channels (framebuffer_type kFramebufferTypeRgb): red, green, blue and
  // the unused bits; all zero for other types. (version 3)
  boot_framebuffer_channel framebuffer_red, framebuffer_green, framebuffer_blue, framebuffer_reserved;
  uint32_t loader_range_count;  // entries used in loader_ranges[] (version 3)
  // EFI: the ExitBootServices calls it took (each after a fresh GetMemoryMap); 0 elsewhere.
  // (version 3)
  uint32_t exit_boot_services_calls;
  boot_loader_range loader_ranges[kBootDescriptorMaxLoaderRanges];  // (version 3)
  // The whole sanitised memory map, as boot_e820_entry[memory_map_entries] in the handoff area
  // (version 4). boot_params.e820_table holds its first 128 entries, as Linux's zero page does;
  // a map with more continues only here, where Linux's own stub would chain SETUP_E820_EXT
  // nodes. 0 / 0 when the stub had no map to give.
  uint64_t memory_map_paddr;
  uint32_t memory_map_entries;
  uint32_t _pad5;
  // Xen PV: the shared info page's machine address (start_info.shared_info), where Xen keeps
  // the vCPUs' time and event state; 0 elsewhere. (version 4)
  uint64_t xen_pv_shared_info;
  // Xen PV: the bootstrap page tables' top level (start_info.pt_base, a virtual address), the
  // CR3 an AP's first context names; 0 elsewhere. (version 4)
  uint64_t xen_pv_pt_base;
  // A boot without an RSDP: the MP floating pointer (Intel MP Specification 1.4, 4.1) the
  // stub found and checked, whose configuration table lists the processors and I/O APICs; 0
  // when there is none or ACPI is there. (version 5)
  uint64_t mp_floating_pointer;
};
static_assert(AssertSize<boot_descriptor, 0x410>());
ABI_ASSERT_OFFSET(boot_descriptor, magic, 0x00);
ABI_ASSERT_OFFSET(boot_descriptor, version, 0x04);
ABI_ASSERT_OFFSET(boot_descriptor, size, 0x06);
ABI_ASSERT_OFFSET(boot_descriptor, entry, 0x08);
ABI_ASSERT_OFFSET(boot_descriptor, firmware, 0x09);
ABI_ASSERT_OFFSET(boot_descriptor, original_info_paddr, 0x10);
ABI_ASSERT_OFFSET(boot_descriptor, entry_tsc, 0x20);
ABI_ASSERT_OFFSET(boot_descriptor, loader_name, 0x28);
ABI_ASSERT_OFFSET(boot_descriptor, module_count, 0x68);
ABI_ASSERT_OFFSET(boot_descriptor, modules, 0x70);
ABI_ASSERT_OFFSET(boot_descriptor, memmap_entries_in, 0x1f0);
ABI_ASSERT_OFFSET(boot_descriptor, translation_error, 0x200);
ABI_ASSERT_OFFSET(boot_descriptor, loader_subarch_data, 0x2c0);
ABI_ASSERT_OFFSET(boot_descriptor, framebuffer_addr, 0x2d0);
ABI_ASSERT_OFFSET(boot_descriptor, unknown_items, 0x2e8);
ABI_ASSERT_OFFSET(boot_descriptor, hypervisor, 0x2f0);
ABI_ASSERT_OFFSET(boot_descriptor, hypervisor_features, 0x308);
ABI_ASSERT_OFFSET(boot_descriptor, long_mode_tsc, 0x358);
ABI_ASSERT_OFFSET(boot_descriptor, firmware_exit_tsc, 0x360);
ABI_ASSERT_OFFSET(boot_descriptor, efi_system_table, 0x368);
ABI_ASSERT_OFFSET(boot_descriptor, rsdp_copy, 0x370);
ABI_ASSERT_OFFSET(boot_descriptor, framebuffer_red, 0x398);
ABI_ASSERT_OFFSET(boot_descriptor, framebuffer_reserved, 0x39e);
ABI_ASSERT_OFFSET(boot_descriptor, loader_range_count, 0x3a0);
ABI_ASSERT_OFFSET(boot_descriptor, loader_ranges, 0x3a8);
ABI_ASSERT_OFFSET(boot_descriptor, memory_map_paddr, 0x3e8);
ABI_ASSERT_OFFSET(boot_descriptor, memory_map_entries, 0x3f0);
ABI_ASSERT_OFFSET(boot_descriptor, xen_pv_shared_info, 0x3f8);
ABI_ASSERT_OFFSET(boot_descriptor, xen_pv_pt_base, 0x400);
ABI_ASSERT_OFFSET(boot_descriptor, mp_floating_pointer, 0x408);

}  // namespace bootabi
