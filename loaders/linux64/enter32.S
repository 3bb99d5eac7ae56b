/* SPDX-License-Identifier: MIT
 * LoaderEnter32(entry, magic, info): the hand-over of a 32-bit ELF loader (kexec-tools'
 * Multiboot 2 loader: Multiboot2 1.0, 3.3 "I386 machine state"): long mode is left through a
 * 32-bit code segment with paging off, then %eax = the magic, %ebx = the information, flat
 * 32-bit segments, interrupts off, no stack. The loader runs identity-mapped below 4 GiB,
 * so the code keeps running at the same addresses when paging goes off. */
#include "generated/asm-offsets.h"

#define LOADER_CODE32 0x08
#define LOADER_DATA32 0x10

        .section .text, "ax"
        .code64
        .globl LoaderEnter32
LoaderEnter32:                  /* %rdi = entry, %esi = magic, %rdx = info (below 4 GiB) */
        cli
        leaq    loader_gdt(%rip), %rax
        movq    %rax, loader_gdt_descriptor + 2(%rip)
        lgdt    loader_gdt_descriptor(%rip)
        leaq    1f(%rip), %rax
        pushq   $LOADER_CODE32
        pushq   %rax
        lretq
        .code32
1:      movl    %edx, %ebx              /* the information: rdmsr below writes %edx */
        movl    $LOADER_DATA32, %eax
        movl    %eax, %ds
        movl    %eax, %es
        movl    %eax, %ss
        movl    %eax, %fs
        movl    %eax, %gs
        movl    %cr0, %eax              /* paging off: leaves long mode (EFER.LMA clears) */
        andl    $~CR0_PG, %eax
        movl    %eax, %cr0
        movl    $MSR_EFER, %ecx
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

        .section .rodata, "a"
        .balign 8
loader_gdt:
        .quad   0
        .quad   0x00cf9a000000ffff      /* LOADER_CODE32: flat 32-bit code */
        .quad   0x00cf92000000ffff      /* LOADER_DATA32: flat data */
loader_gdt_end:

        .section .data, "aw"
        .balign 8
loader_gdt_descriptor:
        .word   loader_gdt_end - loader_gdt - 1
        .quad   0
