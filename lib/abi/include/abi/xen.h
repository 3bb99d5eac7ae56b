// SPDX-License-Identifier: MIT
// Xen's PV start of day structure and the constants the Xen entries and platforms use.
// Source: xen/include/public/xen.h, elfnote.h, version.h, memory.h, physdev.h, sched.h,
// vcpu.h, event_channel.h, callback.h, arch-x86/xen-x86_64.h; field names as there.
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
inline constexpr uint32_t kHypercallVcpuOp = 24;
inline constexpr uint32_t kHypercallSetSegmentBase = 25;
inline constexpr uint32_t kSegbaseGsKernel = 2;  // SEGBASE_GS_KERNEL: the kernel's %gs base
inline constexpr uint32_t kHypercallSchedOp = 29;
inline constexpr uint32_t kHypercallCallbackOp = 30;
inline constexpr uint32_t kHypercallEventChannelOp = 32;
inline constexpr uint32_t kHypercallPhysdevOp = 33;
inline constexpr uint32_t kHypercallStride = 32;  // bytes per hypercall stub in the page
inline constexpr uint32_t kXenVerVersion = 0;     // XENVER_version: (major << 16) | minor
inline constexpr uint32_t kXenMemMemoryMap = 9;   // XENMEM_memory_map
inline constexpr uint32_t kConsoleIoWrite = 0;    // CONSOLEIO_write
inline constexpr uint32_t kPhysdevOpSetIopl = 6;  // PHYSDEVOP_set_iopl
inline constexpr uint32_t kSchedOpBlock = 1;      // SCHEDOP_block: unmasks events and waits for one
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

// Time, timers and events (vcpu.h, event_channel.h, callback.h).
inline constexpr uint32_t kVcpuOpInitialise = 0;         // VCPUOP_initialise: a PV vCPU's first context
inline constexpr uint32_t kVcpuOpUp = 1;                 // VCPUOP_up
inline constexpr uint32_t kVcpuOpIsUp = 3;               // VCPUOP_is_up: 0 or 1, negative if no such vCPU
inline constexpr uint32_t kVcpuOpStopPeriodicTimer = 7;   // VCPUOP_stop_periodic_timer
inline constexpr uint32_t kVcpuOpSetSingleshotTimer = 8;  // VCPUOP_set_singleshot_timer
inline constexpr uint32_t kVcpuOpStopSingleshotTimer = 9;  // VCPUOP_stop_singleshot_timer
inline constexpr uint32_t kEvtchnOpBindVirq = 1;          // EVTCHNOP_bind_virq
inline constexpr uint32_t kEvtchnOpSend = 4;              // EVTCHNOP_send
inline constexpr uint32_t kEvtchnOpBindIpi = 7;           // EVTCHNOP_bind_ipi: a channel to a vCPU of ours
inline constexpr uint32_t kVirqTimer = 0;                 // VIRQ_TIMER: the vCPU's timers
inline constexpr uint32_t kCallbackOpRegister = 0;        // CALLBACKOP_register
inline constexpr uint16_t kCallbackTypeEvent = 0;         // CALLBACKTYPE_event
inline constexpr uint32_t kLegacyMaxVcpus = 32;           // XEN_LEGACY_MAX_VCPUS (x86)
inline constexpr uint32_t kEventChannelWords = 64;        // sizeof(xen_ulong_t) * 8 words of 64 ports

struct vcpu_set_singleshot_timer {
  uint64_t timeout_abs_ns;  // Xen's system time
  uint32_t flags;
  uint32_t _pad;
};
static_assert(AssertSize<vcpu_set_singleshot_timer, 16>());

struct evtchn_bind_virq {
  uint32_t virq;
  uint32_t vcpu;
  uint32_t port;  // out
};
static_assert(AssertSize<evtchn_bind_virq, 12>());

struct evtchn_bind_ipi {
  uint32_t vcpu;
  uint32_t port;  // out
};
static_assert(AssertSize<evtchn_bind_ipi, 8>());

struct evtchn_send {
  uint32_t port;
};
static_assert(AssertSize<evtchn_send, 4>());

struct callback_register {
  uint16_t type;
  uint16_t flags;
  uint32_t _pad;
  uint64_t address;  // xen_callback_t on x86-64: the virtual address
};
static_assert(AssertSize<callback_register, 16>());

/// Xen's system time for one vCPU: ns = system_time + ((tsc - tsc_timestamp) shifted by
/// tsc_shift) * tsc_to_system_mul >> 32; an odd version means Xen is updating it.
struct vcpu_time_info {
  uint32_t version;
  uint32_t pad0;
  uint64_t tsc_timestamp;
  uint64_t system_time;
  uint32_t tsc_to_system_mul;
  int8_t tsc_shift;
  uint8_t flags;
  uint8_t pad1[2];
};
static_assert(AssertSize<vcpu_time_info, 32>());

struct vcpu_info {
  uint8_t evtchn_upcall_pending;
  uint8_t evtchn_upcall_mask;  // non-zero: no upcall (the PV guest's "interrupts off")
  uint8_t _pad[6];
  uint64_t evtchn_pending_sel;  // bit i: evtchn_pending[i] has a port pending
  uint64_t cr2;                 // arch_vcpu_info
  uint64_t _arch_pad;
  vcpu_time_info time;
};
static_assert(AssertSize<vcpu_info, 64>());
ABI_ASSERT_OFFSET(vcpu_info, evtchn_pending_sel, 8);
ABI_ASSERT_OFFSET(vcpu_info, time, 32);

/// The start of the shared info page (the fields after evtchn_mask are not used).
struct shared_info {
  struct vcpu_info vcpu_info[kLegacyMaxVcpus];
  uint64_t evtchn_pending[kEventChannelWords];
  uint64_t evtchn_mask[kEventChannelWords];
};
ABI_ASSERT_OFFSET(shared_info, evtchn_pending, 2048);
ABI_ASSERT_OFFSET(shared_info, evtchn_mask, 2560);

/// struct cpu_user_regs (arch-x86/xen-x86_64.h): a vCPU's registers, each in a 64-bit slot.
struct cpu_user_regs {
  uint64_t r15, r14, r13, r12, rbp, rbx, r11, r10, r9, r8, rax, rcx, rdx, rsi, rdi;
  uint32_t error_code, entry_vector;
  uint64_t rip;
  uint16_t cs, _pad0;
  uint8_t saved_upcall_mask;
  uint8_t _pad1[3];
  uint64_t rflags;
  uint64_t rsp;
  uint16_t ss, _pad2[3];
  uint16_t es, _pad3[3];
  uint16_t ds, _pad4[3];
  uint16_t fs, _pad5[3];
  uint16_t gs, _pad6[3];
};
static_assert(AssertSize<cpu_user_regs, 200>());
ABI_ASSERT_OFFSET(cpu_user_regs, rdi, 112);
ABI_ASSERT_OFFSET(cpu_user_regs, rip, 128);
ABI_ASSERT_OFFSET(cpu_user_regs, rflags, 144);
ABI_ASSERT_OFFSET(cpu_user_regs, ss, 160);

inline constexpr uint64_t kVgcfInKernel = 1u << 2;  // VGCF_in_kernel: it starts in kernel mode

/// struct vcpu_guest_context (arch-x86/xen.h, x86-64): VCPUOP_initialise's argument.
struct vcpu_guest_context {
  uint8_t fpu_ctxt[512];
  uint64_t flags;  // VGCF_*
  cpu_user_regs user_regs;
  trap_info trap_ctxt[256];
  uint64_t ldt_base, ldt_ents;
  uint64_t gdt_frames[16], gdt_ents;
  uint64_t kernel_ss, kernel_sp;
  uint64_t ctrlreg[8];  // ctrlreg[3]: the top-level page table's machine frame << 12
  uint64_t debugreg[8];
  uint64_t event_callback_eip;
  uint64_t failsafe_callback_eip;
  uint64_t syscall_callback_eip;
  uint64_t vm_assist;
  uint64_t fs_base, gs_base_kernel, gs_base_user;
};
static_assert(AssertSize<vcpu_guest_context, 5168>());
ABI_ASSERT_OFFSET(vcpu_guest_context, user_regs, 520);
ABI_ASSERT_OFFSET(vcpu_guest_context, trap_ctxt, 720);
ABI_ASSERT_OFFSET(vcpu_guest_context, gdt_frames, 4832);
ABI_ASSERT_OFFSET(vcpu_guest_context, kernel_ss, 4968);
ABI_ASSERT_OFFSET(vcpu_guest_context, ctrlreg, 4984);
ABI_ASSERT_OFFSET(vcpu_guest_context, event_callback_eip, 5112);
ABI_ASSERT_OFFSET(vcpu_guest_context, gs_base_kernel, 5152);

/// The flat 64-bit kernel code selector Xen gives a 64-bit PV guest (FLAT_KERNEL_CS64).
inline constexpr uint16_t kFlatKernelCs64 = 0xe033;
inline constexpr uint16_t kFlatKernelSs64 = 0xe02b;  // FLAT_KERNEL_SS64

}  // namespace bootabi::xen
