/* SPDX-License-Identifier: MIT
 *
 * The common 64-bit entry: where every entry stub joins, with the Linux 64-bit boot
 * protocol's contract (Documentation/arch/x86/boot.rst, "64-bit Boot Protocol"):
 *   64-bit mode, paging on, the kernel, boot_params and the command line identity mapped;
 *   interrupts off; %rsi = physical address of struct boot_params.
 * Everything a stub produced lives outside .bss (the .handoff section), so clearing .bss
 * here cannot destroy it.
 */
        .section .text, "ax"
        .code64
        .globl common_entry64
common_entry64:
        /* Interrupts are off: every protocol promises it and every stub keeps it so. No cli
         * here: a Xen PV kernel runs in ring 3, where cli faults. */
        cld
        movq    %rsi, %r12              /* callee-saved: kept across the clear */
        rdtsc
        shlq    $32, %rdx
        orq     %rax, %rdx
        movq    %rdx, %r13              /* the TSC at the common entry, for the cost report */
        leaq    __bss_start(%rip), %rdi
        leaq    __bss_end(%rip), %rcx
        subq    %rdi, %rcx
        shrq    $3, %rcx                /* the linker script aligns .bss to 8 */
        xorl    %eax, %eax
        rep stosq
        leaq    boot_stack_top(%rip), %rsp
        xorl    %ebp, %ebp
        movq    %r12, %rdi
        movq    %r13, %rsi
        call    CommonStart             /* CommonStart(boot_params, tsc), [[noreturn]] */
1:      cli
        hlt
        jmp     1b

/* void JumpToCommonEntry(const boot_params*): how a C++ stub leaves for the common entry. */
        .globl JumpToCommonEntry
JumpToCommonEntry:
        movq    %rdi, %rsi
        jmp     common_entry64
