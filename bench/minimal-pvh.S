/* SPDX-License-Identifier: MIT
 *
 * The least code that takes a 32-bit entry to 64-bit mode: the physical-limit reference for
 * unientry's own entry cost (./unientry bench). It shares nothing with the kernel on purpose.
 * Built twice: with a PVH note (minimal-pvh.elf) and, with MINIMAL_MULTIBOOT1, with a
 * Multiboot 1 header instead (minimal-mb1.elf; QEMU would otherwise prefer Multiboot over PVH).
 * Both entries start in flat 32-bit protected mode with paging off.
 * On entry it reads the TSC, switches to long mode with a single 2 MiB identity page, reads the
 * TSC again, prints both as "unientry: cost entry N" and "unientry: cost long-mode N" lines
 * on COM1 and exits QEMU through isa-debug-exit. Under -icount shift=0,sleep=off the TSC counts
 * guest instructions, so long-mode - entry is the cost of the mode switch itself.
 */
#include "generated/asm-offsets.h"
#include "minimal-long-mode.inc"

#ifdef MINIMAL_MULTIBOOT1
        /* Multiboot 1 header with the a.out kludge: QEMU loads the file linearly. */
        .section .text.header, "ax"
        .balign 4
multiboot1_header:
        .long   MULTIBOOT1_HEADER_MAGIC, MULTIBOOT1_AOUT_KLUDGE, -(MULTIBOOT1_HEADER_MAGIC + MULTIBOOT1_AOUT_KLUDGE)
        .long   multiboot1_header, __image_start, __image_end, __image_end, minimal_start
#else
        .section .note.Xen, "a", @note
        .balign 4
        .long   4, 4, XEN_ELFNOTE_PHYS32_ENTRY  /* namesz, descsz, type */
        .asciz  "Xen"
        .long   minimal_start
#endif

        .section .text, "ax"
        .code32
        .globl minimal_start
minimal_start:
        rdtsc
        movl    %eax, %esi
        movl    %edx, %edi
        lgdt    gdt_pointer
        minimal_enter_long_mode
        ljmp    $8, $long_mode

#include "minimal-report.inc"

        .section .data, "aw"
        .balign 8
gdt:    .quad   0, 0x00af9a000000ffff
gdt_pointer:
        .word   15
        .long   gdt
        minimal_page_tables
