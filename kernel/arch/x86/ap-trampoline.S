/* SPDX-License-Identifier: MIT
 *
 * The application processors' trampoline (ap-trampoline.h): not run in place, but copied to
 * a page below 1 MiB that the start-up IPI names ([intel/vol3] 9.4.4.1: an AP starts in real
 * mode at CS = vector << 8, IP = 0). Every AP runs it at once (the boot CPU starts them in
 * parallel), so nothing here writes the page but the stack ticket, taken with lock xadd.
 */
#include "arch/x86/long-mode-switch.inc"
#include "arch/x86/segments.h"

#include "generated/asm-offsets.h"

        .section .rodata.ap_trampoline, "a"
        .code16
        .globl ap_trampoline_start
ap_trampoline_start:
        cli
        cld
        rdtsc                                   /* this AP's first instruction of ours: its cost starts */
        movl    %eax, %esi
        movl    %edx, %edi
        movw    %cs, %ax
        movw    %ax, %ds
        xorl    %ebp, %ebp
        movw    %ax, %bp
        shll    $4, %ebp                        /* the page's physical address, kept to the end */
        lgdtl   AP_TRAMPOLINE_GDT_POINTER
        movl    %cr0, %eax
        orl     $CR0_PE, %eax
        movl    %eax, %cr0
        ljmpl   *AP_TRAMPOLINE_TO_PROTECTED_MODE

        .code32
        .globl ap_trampoline_32
ap_trampoline_32:
        movl    $KERNEL_DS, %eax
        movl    %eax, %ds
        movl    %eax, %es
        movl    %eax, %ss
        /* CR4 from its reset value: only PAE (and LA57); the per-CPU init entries set the rest. */
        SWITCH_TO_LONG_MODE_PAGING AP_TRAMPOLINE_CR3(%ebp), $0, AP_TRAMPOLINE_CR4_SET(%ebp), AP_TRAMPOLINE_EFER_SET(%ebp)
        ljmp    *AP_TRAMPOLINE_TO_LONG_MODE(%ebp)

        .code64
        .globl ap_trampoline_64
ap_trampoline_64:
        movl    %ebp, %ebp                      /* upper halves are undefined after the switch */
        shlq    $32, %rdi
        movl    %esi, %esi
        orq     %rdi, %rsi                      /* ApStart(slot, entry_tsc) */
        movl    $1, %eax
        lock xaddl %eax, AP_TRAMPOLINE_NEXT_SLOT(%rbp)
        movl    %eax, %edi
        leaq    1(%rax), %rcx
        imulq   AP_TRAMPOLINE_STACK_BYTES(%rbp), %rcx
        addq    AP_TRAMPOLINE_STACKS(%rbp), %rcx
        movq    %rcx, %rsp                      /* the top of this slot's stack */
        pushq   $0                              /* as after a call: the ABI's alignment, no return */
        jmpq    *AP_TRAMPOLINE_ENTRY(%rbp)
        .globl ap_trampoline_end
ap_trampoline_end:
        .if     ap_trampoline_end - ap_trampoline_start > AP_TRAMPOLINE_DATA
        .error  "the AP trampoline's code runs into its data block"
        .endif
