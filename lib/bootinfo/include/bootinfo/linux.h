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
base::Result<> ConvertLinux(const PhysicalMemory& memory, uint64_t params_address,
                            bootabi::BootEntry entry, const Handoff& handoff, E820Scratch& scratch);

}  // namespace bootinfo
