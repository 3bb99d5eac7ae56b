/* SPDX-License-Identifier: MIT
 *
 * relocate_kernel: makes the image's pointers right for where it runs. The kernel is a static
 * PIE linked at KERNEL_LINK_ADDRESS; its code addresses everything RIP-relative, and what
 * holds an address (function pointer tables, string tables, the page tables' links) is listed
 * in .rela.dyn as R_X86_64_RELATIVE: "the 8 bytes at r_offset hold r_addend", both link
 * addresses. Run elsewhere by delta, each must hold r_addend + delta, at r_offset + delta.
 * Writing that value (not adding to what is there) makes it safe to repeat.
 *
 * Every entry calls it once in 64-bit mode before any C++ runs: enter_long_mode for the
 * 32-bit entries, linux64_start, efi_pe_entry and xen_pv_start. At the link address (delta 0:
 * the ELF's loaders, Multiboot 1, Xen PV) it returns at once. The build refuses an image with
 * any relocation type but RELATIVE and NONE (unientry-inspect), so none is met here.
 *
 * 64-bit mode, a stack; clobbers %rax, %rcx, %rdx, %r8 and %r9, preserves everything else.
 */
#include "arch/x86/kernel-layout.h"
#include "generated/asm-offsets.h"

        .section .text, "ax"
        .code64
        .globl relocate_kernel
relocate_kernel:
        leaq    __kernel_start(%rip), %rdx
        subq    $KERNEL_LINK_ADDRESS, %rdx              /* delta */
        jz      3f
        leaq    __rela_start(%rip), %rax
        leaq    __rela_end(%rip), %rcx
1:      cmpq    %rcx, %rax
        jae     3f
        /* R_X86_64_NONE: a slot the linker reserved and then did not need (a section that
         * --gc-sections dropped); r_offset is 0 there, so it must not be written. */
        cmpl    $R_X86_64_RELATIVE, ELF64_RELA_r_info(%rax)
        jne     2f
        movq    ELF64_RELA_r_offset(%rax), %r8
        movq    ELF64_RELA_r_addend(%rax), %r9
        addq    %rdx, %r8
        addq    %rdx, %r9
        movq    %r9, (%r8)
2:      addq    $ELF64_RELA_SIZE, %rax
        jmp     1b
3:      ret

/* For linker.ld's check that the image is linked where this file assumes. */
        .globl kernel_link_address
        .set    kernel_link_address, KERNEL_LINK_ADDRESS
