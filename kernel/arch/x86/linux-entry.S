/* SPDX-License-Identifier: MIT
 *
 * The head of the kernel image: what loaders find at fixed places near its start (the load
 * address: KERNEL_LINK_ADDRESS where the ELF's and Multiboot's loaders put it, anywhere
 * kernel_alignment allows for the Linux protocol's; linker.ld checks the offsets the
 * protocols fix).
 *
 *   + 0x000  Linux 32-bit entry (code32_start)
 *   + 0x080  Multiboot 1 header slot: zeros here, so QEMU boots unientry.elf through PVH;
 *            unientry-mkbzimage fills it in unientry.bzImage and unientry-mb1.bin
 *   + 0x0c0  Multiboot 2 header, with an address tag so it serves the flat bzImage as well as
 *            the ELF (whose file layout is linear from the load address)
 *   + 0x200  Linux 64-bit entry
 *
 * The Linux boot protocol's protected-mode entries:
 *
 * load address + 0: the 32-bit entry, code32_start (boot.rst, "32-bit Boot Protocol"):
 *   flat protected mode, paging off, interrupts off; CS = __BOOT_CS, DS = ES = SS = __BOOT_DS
 *   (flat, 4 GiB); %esi = the zero page; %ebp = %edi = %ebx = 0. Entered by GRUB's `linux` on
 *   BIOS, and by our own real-mode setup, which sets %ebx = SETUP16_HANDOFF_MAGIC. No stack:
 *   boot_params.scratch is the protocol's 4 bytes for the call that finds where we run.
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
#include "arch/x86/position.inc"
#include "generated/asm-offsets.h"
#include "arch/x86/boot-requirements.inc"

        .section .text.head, "ax"
        .code32
        .globl linux32_start
linux32_start:
        cli
        cld
        movl    %ebp, %ecx                      /* the setup's TSC (low half), for linux16 */
        LOCATE_ANCHOR BP_scratch(%esi), linux32_anchor
        rdtsc
        movl    %eax, (linux_entry_tsc - linux32_anchor)(%ebp)
        movl    %edx, (linux_entry_tsc + 4 - linux32_anchor)(%ebp)
        movl    $BOOT_ENTRY_LINUX32, (linux_entry - linux32_anchor)(%ebp)
        cmpl    $SETUP16_HANDOFF_MAGIC, %ebx
        jne     1f
        movl    $BOOT_ENTRY_LINUX16, (linux_entry - linux32_anchor)(%ebp)
        movl    %ecx, (linux_entry_tsc - linux32_anchor)(%ebp)  /* the setup's TSC, from its first instructions */
        movl    %edi, (linux_entry_tsc + 4 - linux32_anchor)(%ebp)
1:      leal    (linux32_require_long_mode - linux32_anchor)(%ebp), %ebp
        jmp     linux32_require_long_mode       /* outside .text.head: +0x200 is the 64-bit entry */

        .section .text.entry32, "ax"
        .code32
linux32_require_long_mode:                      /* %ebp = its runtime address */
        REQUIRE_KERNEL_RAM linux32_require_long_mode
        REQUIRE_LONG_MODE linux32_require_long_mode     /* keeps %esi */
        leal    (linux32_start64 - linux32_require_long_mode)(%ebp), %edi
        leal    (enter_long_mode - linux32_require_long_mode)(%ebp), %ebp
        jmp     enter_long_mode                 /* keeps %esi */

        .section .text.head, "ax"
        .code64
linux32_start64:
        movl    %esi, %edi                      /* LinuxStubMain(zero page, entry, tsc) */
        movl    linux_entry(%rip), %esi
        movq    linux_entry_tsc(%rip), %rdx
        call    LinuxStubMain
        ud2

        .org    HEAD_MULTIBOOT1_HEADER
        .balign 4
        .globl multiboot1_header
multiboot1_header:
        .fill   MULTIBOOT1_HEADER_SIZE, 1, 0

        .org    HEAD_MULTIBOOT2_HEADER
        .balign 8
        .globl multiboot2_header
multiboot2_header:
        .long   MULTIBOOT2_HEADER_MAGIC
        .long   MULTIBOOT2_ARCHITECTURE_I386
        .long   multiboot2_header_end - multiboot2_header
        .long   0x100000000 - (MULTIBOOT2_HEADER_MAGIC + MULTIBOOT2_ARCHITECTURE_I386 + \
                               (multiboot2_header_end - multiboot2_header))
        .balign 8
1:      .short  MULTIBOOT2_HEADER_TAG_INFORMATION_REQUEST, 1    /* optional: take what exists */
        .long   2f - 1b
        .long   MULTIBOOT2_TAG_CMDLINE, MULTIBOOT2_TAG_BOOT_LOADER_NAME, MULTIBOOT2_TAG_MODULE
        .long   MULTIBOOT2_TAG_BASIC_MEMINFO, MULTIBOOT2_TAG_MMAP, MULTIBOOT2_TAG_FRAMEBUFFER
        .long   MULTIBOOT2_TAG_ACPI_OLD, MULTIBOOT2_TAG_ACPI_NEW
2:      .balign 8
        /* Link addresses: the loader puts the file's bytes there (header_addr is where this
         * header lands, the rest follows linearly). */
3:      .short  MULTIBOOT2_HEADER_TAG_ADDRESS, 0
        .long   4f - 3b
        LINK_ADDRESS_OF multiboot2_header, linux32_start
        LINK_ADDRESS_OF __kernel_start, linux32_start
        LINK_ADDRESS_OF __data_end, linux32_start
        LINK_ADDRESS_OF __kernel_end, linux32_start
4:      .balign 8
5:      .short  MULTIBOOT2_HEADER_TAG_ENTRY_ADDRESS, 0
        .long   6f - 5b
        LINK_ADDRESS_OF multiboot2_start, linux32_start
6:      .balign 8
        /* Relocatable: anywhere page-aligned between 1 MiB and 4 GiB (the 32-bit entry runs
         * below 4 GiB), preferably high, so GRUB exercises the relocation on every boot; it
         * moves the entry address with the image. */
        .short  MULTIBOOT2_HEADER_TAG_RELOCATABLE, 0
        .long   MULTIBOOT2_HEADER_TAG_RELOCATABLE_SIZE
        .long   KERNEL_LINK_ADDRESS                     /* min_addr */
        .long   0xffffffff                              /* max_addr */
        .long   KERNEL_ALIGNMENT                        /* align */
        .long   MULTIBOOT2_LOAD_PREFERENCE_HIGH
        .balign 8
        .short  MULTIBOOT2_HEADER_TAG_END, 0
        .long   8
multiboot2_header_end:

        .org    HEAD_LINUX64_ENTRY
        .globl linux64_start
linux64_start:
        cli
        cld
        rdtsc
        shlq    $32, %rdx
        orq     %rax, %rdx
        movq    %rdx, %rbx                      /* tsc, kept across relocate_kernel */
        leaq    boot_stack_top(%rip), %rsp
        /* On the loader's page tables, which map the image where it lies (the protocol's
         * promise): its pointers first. LinuxStubMain then grows our own identity map to
         * where the loader put things and switches to it (the loader's maps only what the
         * protocol requires; the code runs from the kernel image, which both cover at the
         * same address). */
        call    relocate_kernel                 /* keeps %rsi, %rbx */
        movq    %rsi, %rdi                      /* LinuxStubMain(zero page, entry, tsc) */
        movl    $BOOT_ENTRY_LINUX64, %esi
        movq    %rbx, %rdx
        call    LinuxStubMain
        ud2

        .section .handoff, "aw", @nobits
        .balign 8
linux_entry_tsc:
        .skip   8
linux_entry:
        .skip   4
