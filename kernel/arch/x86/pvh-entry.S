/* SPDX-License-Identifier: MIT
 *
 * The Xen PVH (HVMlite) entry: XEN_ELFNOTE_PHYS32_ENTRY. Loaders: QEMU -kernel (pvh.bin or
 * qboot), Xen PVH guests and dom0, Firecracker, cloud-hypervisor.
 *
 * The PVH ABI (xen docs/misc/pvh.pandoc) specifies the state at entry:
 *   %ebx: physical address of struct hvm_start_info
 *   CR0: PE set, PG clear; CR4: 0
 *   CS: flat 32-bit code segment; DS, ES: flat 32-bit data segments
 *   TR: a 32-bit TSS (base 0, limit 0x67)
 *   EFLAGS: VM, IF and TF clear; all other state is unspecified
 *   No stack, GDT or IDT is provided.
 *
 * The stub finds where it runs, records the TSC, switches to long mode with the shared code and
 * hands %ebx to the C++ translator (entry/pvh-stub.cc), which fills boot_params and jumps to
 * the common 64-bit entry.
 */
#include "arch/x86/segments.h"
#include "generated/asm-offsets.h"
#include "arch/x86/position.inc"
#include "arch/x86/boot-requirements.inc"

        /* Writable only so that the link may relocate the 64-bit value like any pointer (a
         * PIE refuses a relocation in read-only data); loaders read the file's link address.
         * 8 bytes, as Linux's note has: QEMU reads that many, Xen takes either size. */
        .section .note.Xen, "aw", @note
        .balign 4
        .long   2f - 1f                 /* namesz */
        .long   4f - 3f                 /* descsz: the entry's physical address */
        .long   XEN_ELFNOTE_PHYS32_ENTRY
1:      .asciz  "Xen"
2:      .balign 4
3:      .quad   pvh_start
4:      .balign 4

        .section .text.entry32, "ax"
        .code32
        .globl pvh_start
pvh_start:
        cld
        /* No stack: start_info's first word (its magic) serves as one for the call, and is
         * put back. */
        LOCATE_ANCHOR 0(%ebx), pvh_anchor
        REQUIRE_KERNEL_RAM pvh_anchor
        REQUIRE_LONG_MODE pvh_anchor    /* keeps %ebx */
        rdtsc
        movl    %eax, (pvh_entry_tsc - pvh_anchor)(%ebp)
        movl    %edx, (pvh_entry_tsc + 4 - pvh_anchor)(%ebp)
        leal    (pvh_start64 - pvh_anchor)(%ebp), %edi  /* %ebx survives enter_long_mode */
        leal    (enter_long_mode - pvh_anchor)(%ebp), %ebp
        jmp     enter_long_mode

        .code64
pvh_start64:
        movl    %ebx, %edi              /* PvhStubMain(start_info_address, entry_tsc) */
        movq    pvh_entry_tsc(%rip), %rsi
        call    PvhStubMain             /* never returns */
        ud2

        .section .handoff, "aw", @nobits
        .balign 8
pvh_entry_tsc:
        .skip   8
