/* SPDX-License-Identifier: MIT
 *
 * The UEFI entry: AddressOfEntryPoint of the PE/COFF header unientry-mkbzimage writes into the
 * bzImage. Firmware (OVMF, or a boot manager) loads the PE image wherever it likes and calls
 *   efi_pe_entry(EFI_HANDLE ImageHandle %rcx, EFI_SYSTEM_TABLE* SystemTable %rdx)
 * with the Microsoft x64 convention, in 64-bit mode with all memory identity mapped, boot
 * services running and interrupts as the firmware keeps them (UEFI 2.10, 2.3.4).
 *
 * The kernel is linked at 1 MiB and is not position independent, so this trampoline is the
 * only code that runs where the firmware put the image: using RIP-relative addresses only,
 * it allocates the kernel's memory at 1 MiB (AllocatePages, AllocateAddress), copies the
 * kernel part there and calls EfiStubMain (entry/efi-stub.cc) at its linked address. A
 * failure status goes back to the firmware, with the kernel's pages freed again.
 */
#include "generated/asm-offsets.h"

        /* Only the PE header names it: KEEP(*(.text.efi)) in linker.ld saves it from gc. */
        .section .text.efi, "ax"
        .code64
        .globl efi_pe_entry
efi_pe_entry:
        pushq   %rbx                            /* callee-saved in the Microsoft convention */
        pushq   %rsi
        pushq   %rdi
        pushq   %r12
        pushq   %r13
        pushq   %rbp
        movq    %rsp, %rbp
        andq    $-16, %rsp
        subq    $48, %rsp                       /* 32 bytes of shadow space + the out address */
        movq    %rcx, %r12                      /* ImageHandle */
        movq    %rdx, %r13                      /* SystemTable */

        /* AllocatePages(AllocateAddress, EfiLoaderData, pages, &address = 1 MiB) */
        movq    $__kernel_start, %rbx           /* where the kernel is linked */
        movq    %rbx, 32(%rsp)
        movl    $EFI_ALLOCATE_ADDRESS, %ecx
        movl    $EFI_LOADER_DATA, %edx
        movq    $__kernel_pages, %r8            /* linker.ld: the kernel's size in pages */
        leaq    32(%rsp), %r9
        movq    EFI_SYSTEM_TABLE_BootServices(%r13), %rax
        call    *EFI_BOOT_SERVICES_AllocatePages(%rax)
        testq   %rax, %rax
        jnz     1f

        /* Copy the file-backed part; .bss and the rest are cleared or written later. */
        leaq    __kernel_start(%rip), %rsi
        movq    $__kernel_start, %rdi
        movq    $__kernel_file_size, %rcx       /* linker.ld: the bytes the file holds */
        rep movsb

        movq    %r12, %rdi                      /* EfiStubMain(image, system_table), System V */
        movq    %r13, %rsi
        movabsq $EfiStubMain, %rax
        call    *%rax                           /* returns only with an error status */

        /* Give the kernel's pages back, so the firmware (or a shell that starts the image
         * again) is left as it was: FreePages(1 MiB, pages). The status stays in %rbx. */
        movq    %rax, %rbx
        movq    $__kernel_start, %rcx
        movq    $__kernel_pages, %rdx
        movq    EFI_SYSTEM_TABLE_BootServices(%r13), %rax
        call    *EFI_BOOT_SERVICES_FreePages(%rax)
        movq    %rbx, %rax
1:      movq    %rbp, %rsp
        popq    %rbp
        popq    %r13
        popq    %r12
        popq    %rdi
        popq    %rsi
        popq    %rbx
        ret
