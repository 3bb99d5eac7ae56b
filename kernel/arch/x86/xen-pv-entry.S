/* SPDX-License-Identifier: MIT
 *
 * The Xen PV entry: XEN_ELFNOTE_ENTRY, taken when Xen builds a PV domain from unientry.elf
 * (a PV dom0 here; `dom0=pvh` makes Xen use the PVH entry of the same file instead).
 *
 * Xen's PV start of day (xen/include/public/xen.h, "start_info"), 64-bit:
 *   %rsi: virtual address of struct start_info
 *   64-bit mode in ring 3 (Xen runs in ring 0), CS = FLAT_KERNEL_CS64, event delivery masked
 *   paging on with Xen's page tables: the kernel image, start_info, the bootstrap page tables
 *   and a stack, at virtual = pseudo-physical address (VIRT_BASE and PADDR_OFFSET are 0)
 *   no trap table: a fault before set_trap_table kills the domain
 *   privileged instructions (lgdt, lidt, cli, hlt, port I/O) fault; hypercalls replace them
 *
 * The stub takes our stack and hands start_info to XenPvStubMain (entry/xen-pv-stub.cc).
 */
#include "generated/asm-offsets.h"

/* One note in the .note.Xen section Xen's ELF loader reads: a string or a 64-bit value. */
        .macro  XEN_NOTE_BEGIN type
        .section .note.Xen, "aw", @note   /* writable: the 64-bit values are relocatable pointers */
        .balign 4
        .long   2f - 1f
        .long   4f - 3f
        .long   \type
1:      .asciz  "Xen"
2:      .balign 4
3:
        .endm
        .macro  XEN_NOTE_END
4:      .balign 4
        .previous
        .endm
        .macro  XEN_NOTE_STRING type, text
        XEN_NOTE_BEGIN \type
        .asciz  "\text"
        XEN_NOTE_END
        .endm
        .macro  XEN_NOTE_QUAD type, value
        XEN_NOTE_BEGIN \type
        .quad   \value
        XEN_NOTE_END
        .endm

        XEN_NOTE_STRING XEN_ELFNOTE_GUEST_OS, "unientry"
        XEN_NOTE_STRING XEN_ELFNOTE_XEN_VERSION, "xen-3.0"
        XEN_NOTE_STRING XEN_ELFNOTE_LOADER, "generic"
        XEN_NOTE_QUAD XEN_ELFNOTE_VIRT_BASE, 0
        XEN_NOTE_QUAD XEN_ELFNOTE_PADDR_OFFSET, 0
        XEN_NOTE_QUAD XEN_ELFNOTE_ENTRY, xen_pv_start
        XEN_NOTE_QUAD XEN_ELFNOTE_HYPERCALL_PAGE, xen_hypercall_page

        .section .text, "ax"
        .code64
        .globl xen_pv_start
xen_pv_start:
        cld
        rdtsc
        shlq    $32, %rdx
        orq     %rax, %rdx
        movq    %rdx, %rbx                      /* tsc, kept across relocate_kernel */
        leaq    boot_stack_top(%rip), %rsp
        call    relocate_kernel                 /* Xen loads the image at its link address: nothing to do */
        movq    %rsi, %rdi                      /* XenPvStubMain(start_info, tsc) */
        movq    %rbx, %rsi
        call    XenPvStubMain
        ud2

/* An AP of a Xen PV guest, started by VCPUOP_initialise + VCPUOP_up (platform/xen-pv-smp.cc)
 * with the context the boot CPU wrote: %rsp its stack, %rdi its CPU index, events masked. */
        .globl xen_pv_ap_start
xen_pv_ap_start:
        cld
        rdtsc
        shlq    $32, %rdx
        orq     %rax, %rdx
        movq    %rdx, %rsi                      /* XenPvApStart(index, tsc) */
        call    XenPvApStart
        ud2

/* Xen's failsafe callback: it could not restore the guest's segments. Nothing to repair. */
        .globl xen_pv_failsafe
xen_pv_failsafe:
        ud2

