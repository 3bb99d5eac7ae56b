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
#ifdef MINIMAL_MULTIBOOT1
        /* Multiboot 1 header with the a.out kludge: QEMU loads the file linearly. */
        .section .text.header, "ax"
        .balign 4
multiboot1_header:
        .long   0x1BADB002, 0x00010000, -(0x1BADB002 + 0x00010000)
        .long   multiboot1_header, __image_start, __image_end, __image_end, minimal_start
#else
        .section .note.Xen, "a", @note
        .balign 4
        .long   4, 4, 18                /* namesz, descsz, XEN_ELFNOTE_PHYS32_ENTRY */
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
        movl    $0x20, %eax             /* CR4.PAE */
        movl    %eax, %cr4
        movl    $pml4, %eax
        movl    %eax, %cr3
        movl    $0xc0000080, %ecx       /* EFER.LME */
        rdmsr
        orl     $0x100, %eax
        wrmsr
        movl    %cr0, %eax
        orl     $0x80000001, %eax       /* CR0.PG | CR0.PE */
        movl    %eax, %cr0
        ljmp    $8, $long_mode

#include "minimal-report.inc"

        .section .data, "aw"
        .balign 8
gdt:    .quad   0, 0x00af9a000000ffff
gdt_pointer:
        .word   15
        .long   gdt
        .balign 4096
pml4:   .quad   pdpt + 3
        .fill   511, 8, 0
pdpt:   .quad   pd + 3
        .fill   511, 8, 0
pd:     .quad   0x83                    /* 2 MiB at 0: this code and its data */
        .fill   511, 8, 0
