// SPDX-License-Identifier: MIT
// A zero page filled by a Linux boot protocol loader (or by our own real-mode setup) ->
// the handoff's boot_params. The Linux entries (16-, 32- and 64-bit) differ only in the CPU
// mode they start in; all three hand the loader's zero page to this one converter.
#pragma once

#include <cstdint>

#include "abi/boot-descriptor.h"
#include "base/result.h"
#include "bootinfo/e820.h"
#include "bootinfo/handoff.h"
#include "bootinfo/physical-memory.h"

namespace bootinfo {

/// The longest setup_data chain accepted: a bound on loops and garbage.
inline constexpr uint32_t kMaxSetupDataNodes = 64;

/// Copies and checks the zero page at `params_address`:
/// - the setup header magic must be "HdrS"; hardware_subarch must be a known value (kept,
///   as the loader set it); the loader's hardware_subarch_data is recorded in the descriptor
///   and replaced by the descriptor's address;
/// - the command line is copied with the bound cmdline_size gives (255 when it is 0);
/// - the E820 table (at most 128 entries) and any SETUP_E820_EXT entries are collected and
///   sanitised; zero-length and wrapping entries are dropped and counted;
/// - the setup_data chain is walked with bounds, 8-byte alignment and loop checks;
/// - the initrd (ramdisk_* and ext_ramdisk_*) must not wrap and becomes module 0.
/// - a non-zero sentinel (0x1ef) means the loader copied the image's first sector instead of
///   the setup header alone: every field but those Linux keeps is cleared first
///   (SanitizeBootParams), so stale bytes of the image are never read as boot information;
/// - the loader's setup_data and efi_info pointers are not handed on: what the common path
///   needs from them is taken here.
base::Result<> ConvertLinux(const PhysicalMemory& memory, uint64_t params_address,
                            bootabi::BootEntry entry, const Handoff& handoff, E820Scratch& scratch);

/// Linux's sanitize_boot_params: when `params.sentinel` is set, keeps only the fields a loader
/// that copied the whole first sector still means (screen_info, apm_bios_info, tboot_addr,
/// ist_info, hd0/hd1_info, sys_desc_table, olpc_ofw_header, efi_info, alt_mem_k, scratch,
/// e820_entries, eddbuf_entries, edd_mbr_sig_buf_entries, edd_mbr_sig_buffer, secure_boot,
/// hdr, e820_table, eddbuf, cc_blob_address) and zeroes the rest. Returns whether it did.
bool SanitizeBootParams(bootabi::boot_params& params);

}  // namespace bootinfo
