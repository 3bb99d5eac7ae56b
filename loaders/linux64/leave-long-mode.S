/* SPDX-License-Identifier: MIT
 * The two hand-overs that leave long mode, through a 32-bit code segment with paging off. The
 * loader runs identity-mapped below 4 GiB, so the code keeps running at the same addresses
 * when paging goes off.
 *
 * LoaderEnter32(entry, magic, info): the hand-over of a 32-bit ELF loader (kexec-tools'
 * Multiboot 2 loader: Multiboot2 1.0, 3.3 "I386 machine state"): %eax = the magic, %ebx = the
 * information, flat 32-bit segments, interrupts off, no stack.
 *
 * LoaderEnter64FiveLevel(entry, zero_page, pml5): the 64-bit protocol's hand-over under
 * 5-level paging, as a 64-bit loader or firmware on a CPU with LA57 may leave it. CR4.LA57 can
 * change only with paging off (SDM 3A, 4.1.1): leave long mode, set LA57, load the PML5 (its
 * entry 0 the loader's PML4, so the same identity map), page again and return to 64-bit code. */
#include "arch/x86/segments.h"
#include "generated/asm-offsets.h"

#define LOADER_CODE32 0x08
#define LOADER_DATA32 0x10
#define LOADER_CODE64 0x18

/* From 64-bit mode to 32-bit protected mode with paging off: the loader's GDT, a far return
 * to its 32-bit code segment, flat data segments, CR0.PG cleared (EFER.LMA clears with it;
 * EFER.LME stays). Clobbers %rax; keeps every other register's low half. */
.macro LEAVE_LONG_MODE
        leaq    loader_gdt(%rip), %rax
        movq    %rax, loader_gdt_descriptor + 2(%rip)
        lgdt    loader_gdt_descriptor(%rip)
        leaq    1f(%rip), %rax
        pushq   $LOADER_CODE32
        pushq   %rax
        lretq
        .code32
1:      movl    $LOADER_DATA32, %eax
        movl    %eax, %ds
        movl    %eax, %es
        movl    %eax, %ss
        movl    %eax, %fs
        movl    %eax, %gs
        movl    %cr0, %eax
        andl    $~CR0_PG, %eax
        movl    %eax, %cr0
.endm

        .section .text, "ax"
        .code64
        .globl LoaderEnter32
LoaderEnter32:                  /* %rdi = entry, %esi = magic, %rdx = info (below 4 GiB) */
        cli
        LEAVE_LONG_MODE
        movl    %edx, %ebx              /* the information: rdmsr below writes %edx */
        movl    $MSR_EFER, %ecx         /* out of IA-32e mode for good */
        rdmsr
        andl    $~EFER_LME, %eax
        wrmsr
        movl    %esi, %eax
        xorl    %ecx, %ecx
        xorl    %edx, %edx
        xorl    %esi, %esi
        xorl    %ebp, %ebp
        xorl    %esp, %esp
        jmp     *%edi

        .code64
        .globl LoaderEnter64FiveLevel
LoaderEnter64FiveLevel:         /* %rdi = entry, %rsi = zero page, %rdx = PML5 (below 4 GiB) */
        cli
        movq    %rdi, five_level_entry(%rip)   /* GPRs' upper halves do not survive the trip */
        movq    %rsi, five_level_zero_page(%rip)
        LEAVE_LONG_MODE
        movl    %cr4, %eax
        orl     $CR4_LA57, %eax
        movl    %eax, %cr4
        movl    %edx, %cr3
        movl    %cr0, %eax              /* paging on with LME: IA-32e mode, now 5-level */
        orl     $CR0_PG, %eax
        movl    %eax, %cr0
        ljmp    $LOADER_CODE64, $2f
        .code64
2:      movq    five_level_entry(%rip), %rcx
        movq    five_level_zero_page(%rip), %rsi
        xorl    %edi, %edi
        xorl    %ebp, %ebp
        xorl    %ebx, %ebx
        jmp     *%rcx

        .section .rodata, "a"
        .balign 8
loader_gdt:
        .quad   0
        .quad   GDT_CODE32              /* LOADER_CODE32 */
        .quad   GDT_DATA                /* LOADER_DATA32 */
        .quad   GDT_CODE64              /* LOADER_CODE64 */
loader_gdt_end:

        .section .data, "aw"
        .balign 8
loader_gdt_descriptor:
        .word   loader_gdt_end - loader_gdt - 1
        .quad   0
five_level_entry:
        .quad   0
five_level_zero_page:
        .quad   0
