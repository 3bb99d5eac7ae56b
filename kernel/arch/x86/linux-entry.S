/* SPDX-License-Identifier: MIT
 *
 * The Linux boot protocol's protected-mode entries, at the start of the kernel image (the
 * load address, 0x100000; the linker script checks both offsets).
 *
 * load address + 0: the 32-bit entry, code32_start (boot.rst, "32-bit Boot Protocol"):
 *   flat protected mode, paging off, interrupts off; CS = __BOOT_CS, DS = ES = SS = __BOOT_DS
 *   (flat, 4 GiB); %esi = the zero page; %ebp = %edi = %ebx = 0. Entered by GRUB's `linux` on
 *   BIOS, and by our own real-mode setup, which sets %ebx = SETUP16_HANDOFF_MAGIC.
 *
 * load address + 0x200: the 64-bit entry (boot.rst, "64-bit Boot Protocol"):
 *   64-bit mode, paging on with the kernel, the zero page and the command line identity
 *   mapped, interrupts off; %rsi = the zero page. Entered by GRUB's `linux` on x86_64 EFI and
 *   by direct-boot VMMs.
 *
 * Both hand the zero page to LinuxStubMain (entry/linux-stub.cc), which translates it into
 * the handoff area and joins the common 64-bit entry.
 */
#include "arch/x86/linux-handoff.h"
#include "generated/asm-offsets.h"

        .section .text.head, "ax"
        .code32
        .globl linux32_start
linux32_start:
        cli
        cld
        rdtsc
        movl    %eax, linux_entry_tsc
        movl    %edx, linux_entry_tsc + 4
        movl    $BOOT_ENTRY_LINUX32, linux_entry
        cmpl    $SETUP16_HANDOFF_MAGIC, %ebx
        jne     1f
        movl    $BOOT_ENTRY_LINUX16, linux_entry
1:      movl    $boot_stack_top, %esp
        movl    $linux32_start64, %edi
        jmp     enter_long_mode                 /* keeps %esi */

        .code64
linux32_start64:
        movl    %esi, %edi                      /* LinuxStubMain(zero page, entry, tsc) */
        movl    linux_entry(%rip), %esi
        movq    linux_entry_tsc(%rip), %rdx
        call    LinuxStubMain
        ud2

        .org    0x200
        .globl linux64_start
linux64_start:
        cli
        cld
        rdtsc
        shlq    $32, %rdx
        orq     %rax, %rdx                      /* tsc */
        movq    %rsi, %rdi                      /* zero page */
        leaq    boot_stack_top(%rip), %rsp
        /* Our own identity map: the loader's maps only what the protocol requires. The code
         * runs from the kernel image, which both maps cover at the same address. */
        leaq    boot_pml4(%rip), %rax
        movq    %rax, %cr3
        movl    $BOOT_ENTRY_LINUX64, %esi
        call    LinuxStubMain
        ud2

        .section .handoff, "aw", @nobits
        .balign 8
linux_entry_tsc:
        .skip   8
linux_entry:
        .skip   4
