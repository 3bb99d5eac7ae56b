/* SPDX-License-Identifier: MIT
 *
 * The UEFI entry: AddressOfEntryPoint of the PE/COFF header unientry-mkbzimage writes into the
 * bzImage. Firmware (OVMF, or a boot manager) loads the PE image wherever it likes, in memory
 * it allocates as EfiLoaderCode and sized for the whole kernel (its .bss, handoff area and
 * stack included), and calls
 *   efi_pe_entry(EFI_HANDLE ImageHandle %rcx, EFI_SYSTEM_TABLE* SystemTable %rdx)
 * with the Microsoft x64 convention, in 64-bit mode with all memory identity mapped, boot
 * services running and interrupts as the firmware keeps them (UEFI 2.10, 2.3.4).
 *
 * The kernel runs where it was loaded: this trampoline relocates it (relocate_kernel) and calls
 * EfiStubMain (entry/efi-stub.cc) with the System V convention. EfiStubMain returns only with
 * an error status, which goes back to the firmware.
 */
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
        movq    %rcx, %r12                      /* ImageHandle */
        movq    %rdx, %r13                      /* SystemTable */
        call    relocate_kernel
        movq    %r12, %rdi                      /* EfiStubMain(image, system_table), System V */
        movq    %r13, %rsi
        call    EfiStubMain                     /* returns only with an error status */
        movq    %rbp, %rsp
        popq    %rbp
        popq    %r13
        popq    %r12
        popq    %rdi
        popq    %rsi
        popq    %rbx
        ret
