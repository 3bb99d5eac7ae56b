/* SPDX-License-Identifier: MIT
 *
 * elf_entry: the ELF's e_entry, for the two kinds of loader that enter an ELF there.
 *   - 32-bit protected mode with a Multiboot magic in %eax (kexec-tools' Multiboot 2 loader
 *     enters e_entry, not the header's entry address tag; a Multiboot 1 loader of an ELF
 *     does the same): on to the Multiboot entries, %eax and %ebx as the loader left them.
 *   - 64-bit mode with %rsi = a zero page, the Linux 64-bit boot protocol (crosvm,
 *     Firecracker before 1.12, rust-vmm linux-loader without the PVH note): on to the Linux
 *     64-bit entry.
 * Any other 32-bit caller goes to the PVH entry, which checks its start info's magic. (PVH
 * loaders use the XEN_ELFNOTE_PHYS32_ENTRY note, never e_entry.)
 *
 * The mode is told by bytes that decode differently in the two: in 32-bit mode 0x41 is
 * `inc %ecx`, in 64-bit mode a REX.B prefix, which turns the following `xor %edx, %edx` into
 * `xor %edx, %r10d`. So %ecx is 1 in 32-bit mode and 0 in 64-bit mode. Only %ecx, %edx and
 * %r10 change, which neither protocol defines at entry.
 */
#include "generated/asm-offsets.h"

        .section .text.entry32, "ax"
        .code32
        .globl elf_entry
elf_entry:
        .byte   0x31, 0xc9              /* xor %ecx, %ecx */
        .byte   0x41                    /* 32-bit: inc %ecx; 64-bit: REX.B */
        .byte   0x31, 0xd2              /* 32-bit: xor %edx, %edx; 64-bit: xor %edx, %r10d */
        testl   %ecx, %ecx              /* the same bytes in both modes */
        jz      elf_entry_64            /* rel32: the same in both modes */
        cmpl    $MULTIBOOT2_BOOTLOADER_MAGIC, %eax
        je      multiboot2_start
        cmpl    $MULTIBOOT1_BOOTLOADER_MAGIC, %eax
        je      multiboot1_start
        jmp     pvh_start

        .code64
elf_entry_64:
        jmp     linux64_start
