/* SPDX-License-Identifier: MIT
 *
 * The Multiboot entries. Loaders: GRUB `multiboot` (1) on unientry.bzImage, GRUB `multiboot2`
 * (2) on unientry.elf and unientry.bzImage, QEMU -kernel (1) on unientry-mb1.bin. The headers
 * are in the image head (linux-entry.S).
 *
 * Multiboot 0.6.96, 3.2 "Machine state", and Multiboot2 1.0, 3.3 "I386 machine state":
 *   %eax: 0x2BADB002 (Multiboot 1) or 0x36d76289 (Multiboot 2)
 *   %ebx: physical address of the boot information (8-byte aligned for Multiboot 2)
 *   CS: flat 32-bit code; DS, ES, FS, GS, SS: flat 32-bit data; A20 enabled
 *   CR0: PG clear, PE set; EFLAGS: VM and IF clear
 *   no stack; GDTR and IDTR undefined: load your own before using segments or interrupts
 *
 * The stub finds where it runs, keeps %eax and %ebx, switches to long mode with the shared code and
 * lets MultibootStubMain (entry/multiboot-stub.cc) check the magic and translate.
 */
#include "generated/asm-offsets.h"
#include "arch/x86/position.inc"
#include "arch/x86/boot-requirements.inc"

        .section .text.entry32, "ax"
        .code32
        .globl multiboot1_start
multiboot1_start:
        movl    $BOOT_ENTRY_MULTIBOOT1, %ecx
        jmp     multiboot_start

        .globl multiboot2_start
multiboot2_start:
        movl    $BOOT_ENTRY_MULTIBOOT2, %ecx

multiboot_start:
        cli
        cld
        /* No stack: the information block's first word (its size or flags) serves as one
         * for the call, and is put back. */
        LOCATE_ANCHOR 0(%ebx), multiboot_anchor
        movl    %eax, (multiboot_magic - multiboot_anchor)(%ebp)
        movl    %ecx, (multiboot_entry - multiboot_anchor)(%ebp)
        REQUIRE_KERNEL_RAM multiboot_anchor
        REQUIRE_LONG_MODE multiboot_anchor              /* keeps %ebx */
        rdtsc
        movl    %eax, (multiboot_entry_tsc - multiboot_anchor)(%ebp)
        movl    %edx, (multiboot_entry_tsc + 4 - multiboot_anchor)(%ebp)
        leal    (multiboot_start64 - multiboot_anchor)(%ebp), %edi  /* %ebx survives enter_long_mode */
        leal    (enter_long_mode - multiboot_anchor)(%ebp), %ebp
        jmp     enter_long_mode

        .code64
multiboot_start64:
        /* MultibootStubMain(magic, info, entry, tsc) */
        movl    %ebx, %esi
        movl    multiboot_magic(%rip), %edi
        movl    multiboot_entry(%rip), %edx
        movq    multiboot_entry_tsc(%rip), %rcx
        call    MultibootStubMain
        ud2

        .section .handoff, "aw", @nobits
        .balign 8
multiboot_entry_tsc:
        .skip   8
multiboot_magic:
        .skip   4
multiboot_entry:
        .skip   4
