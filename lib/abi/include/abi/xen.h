// SPDX-License-Identifier: MIT
// Xen's PV start of day structure and the constants the Xen entries and platforms use.
// Source: xen/include/public/xen.h, elfnote.h, version.h, memory.h, physdev.h, sched.h;
// field names as there.
#pragma once

#include <cstddef>
#include <cstdint>

#include "abi/assert-layout.h"

namespace bootabi::xen {

/// start_info.magic begins with this for a 64-bit PV guest.
inline constexpr char kStartInfoMagic[] = "xen-3.0-x86_64";
inline constexpr size_t kMaxGuestCmdline = 1024;

// start_info.flags
inline constexpr uint32_t kSifPrivileged = 1u << 0;  // the domain may use privileged operations
inline constexpr uint32_t kSifInitDomain = 1u << 1;  // dom0
inline constexpr uint32_t kSifModStartPfn = 1u << 3;  // mod_start is a PFN, not a virtual address

struct start_info {
  char magic[32];            // 0: "xen-<version>-<platform>"
  uint64_t nr_pages;         // 32: pages of pseudo-physical memory
  uint64_t shared_info;      // 40: machine address of the shared info page
  uint32_t flags;            // 48: SIF_xxx
  uint32_t _pad0;
  uint64_t store_mfn;        // 56
  uint32_t store_evtchn;     // 64
  uint32_t _pad1;
  union {
    struct {
      uint64_t mfn;
      uint32_t evtchn;
      uint32_t _pad;
    } domU;
    struct {
      uint32_t info_off;
      uint32_t info_size;
    } dom0;
  } console;                 // 72
  uint64_t pt_base;          // 88: virtual address of the bootstrap page tables
  uint64_t nr_pt_frames;     // 96
  uint64_t mfn_list;         // 104
  uint64_t mod_start;        // 112: virtual address (or PFN, see flags) of the first module
  uint64_t mod_len;          // 120
  char cmd_line[kMaxGuestCmdline];  // 128
  uint64_t first_p2m_pfn;    // 1152
  uint64_t nr_p2m_frames;    // 1160
};
static_assert(AssertSize<start_info, 1168>());
ABI_ASSERT_OFFSET(start_info, nr_pages, 32);
ABI_ASSERT_OFFSET(start_info, flags, 48);
ABI_ASSERT_OFFSET(start_info, store_mfn, 56);
ABI_ASSERT_OFFSET(start_info, store_evtchn, 64);
ABI_ASSERT_OFFSET(start_info, console, 72);
ABI_ASSERT_OFFSET(start_info, pt_base, 88);
ABI_ASSERT_OFFSET(start_info, mod_start, 112);
ABI_ASSERT_OFFSET(start_info, cmd_line, 128);
ABI_ASSERT_OFFSET(start_info, first_p2m_pfn, 1152);

// ELF notes (elfnote.h)
inline constexpr uint32_t kElfNoteEntry = 1;
inline constexpr uint32_t kElfNoteHypercallPage = 2;
inline constexpr uint32_t kElfNoteVirtBase = 3;
inline constexpr uint32_t kElfNotePaddrOffset = 4;
inline constexpr uint32_t kElfNoteXenVersion = 5;
inline constexpr uint32_t kElfNoteGuestOs = 6;
inline constexpr uint32_t kElfNoteLoader = 8;

// Hypercall numbers (xen.h) and their sub-commands.
inline constexpr uint32_t kHypercallSetTrapTable = 0;
inline constexpr uint32_t kHypercallSetGdt = 2;
inline constexpr uint32_t kHypercallUpdateVaMapping = 14;
inline constexpr uint64_t kUvmfInvlpg = 2;  // update_va_mapping: flush this address
inline constexpr uint32_t kHypercallMemoryOp = 12;
inline constexpr uint32_t kHypercallXenVersion = 17;
inline constexpr uint32_t kHypercallConsoleIo = 18;
inline constexpr uint32_t kHypercallSchedOp = 29;
inline constexpr uint32_t kHypercallPhysdevOp = 33;
inline constexpr uint32_t kHypercallStride = 32;  // bytes per hypercall stub in the page
inline constexpr uint32_t kXenVerVersion = 0;     // XENVER_version: (major << 16) | minor
inline constexpr uint32_t kXenMemMemoryMap = 9;   // XENMEM_memory_map
inline constexpr uint32_t kConsoleIoWrite = 0;    // CONSOLEIO_write
inline constexpr uint32_t kPhysdevOpSetIopl = 6;  // PHYSDEVOP_set_iopl
inline constexpr uint32_t kSchedOpShutdown = 2;   // SCHEDOP_shutdown
inline constexpr uint32_t kShutdownPoweroff = 0;

/// struct trap_info (arch-x86/xen.h): one entry of set_trap_table, ended by address 0.
struct trap_info {
  uint8_t vector;
  uint8_t flags;  // privilege level that may raise it with int
  uint16_t cs;
  uint32_t _pad;
  uint64_t address;
};
static_assert(AssertSize<trap_info, 16>());

/// The flat 64-bit kernel code selector Xen gives a 64-bit PV guest (FLAT_KERNEL_CS64).
inline constexpr uint16_t kFlatKernelCs64 = 0xe033;

}  // namespace bootabi::xen
