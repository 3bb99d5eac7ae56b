/* SPDX-License-Identifier: MIT
 *
 * Entry points for the 32 CPU exception vectors. Each pushes a 0 where the CPU pushes no
 * error code, then its vector number, so every frame has the layout of arch::InterruptFrame
 * (interrupt-frame.h); the common part saves the registers and calls HandleException, which
 * prints the crash report and never returns.
 */
#include "arch/x86/interrupt-frame.h"

/* [intel/vol3]: 6.15 Exception and Interrupt Reference: the vectors with an error code. */
#define HAS_ERROR_CODE(n) ((n) == 8 || (n) == 10 || (n) == 11 || (n) == 12 || (n) == 13 || \
                           (n) == 14 || (n) == 17 || (n) == 21 || (n) == 29 || (n) == 30)

        .section .text, "ax"
        .code64

        .altmacro
        .macro  VECTOR_STUB vector
vector_stub_\vector:
        .if HAS_ERROR_CODE(\vector) == 0
        pushq   $0
        .endif
        pushq   $\vector
        jmp     exception_common
        .endm

        .macro  VECTOR_ADDRESS vector
        .quad   vector_stub_\vector
        .endm

/* Xen PV delivers exceptions with %rcx and %r11 pushed on top of the hardware frame (Xen's
 * 64-bit PV ABI; Linux's xen_pv_trap does the same): pop them, then take the common stub. */
        .macro  XEN_PV_VECTOR_STUB vector
xen_pv_vector_stub_\vector:
        popq    %rcx
        popq    %r11
        jmp     vector_stub_\vector
        .endm

        .macro  XEN_PV_VECTOR_ADDRESS vector
        .quad   xen_pv_vector_stub_\vector
        .endm

        n = 0
        .rept   32
        VECTOR_STUB %n
        n = n + 1
        .endr

        n = 0
        .rept   32
        XEN_PV_VECTOR_STUB %n
        n = n + 1
        .endr

exception_common:
        pushq   %rax
        pushq   %rbx
        pushq   %rcx
        pushq   %rdx
        pushq   %rsi
        pushq   %rdi
        pushq   %rbp
        pushq   %r8
        pushq   %r9
        pushq   %r10
        pushq   %r11
        pushq   %r12
        pushq   %r13
        pushq   %r14
        pushq   %r15
        /* The CPU aligned the stack to 16 before its 5-word frame; error code, vector and
         * 15 registers make 22 words, so %rsp is 16-byte aligned here as the ABI wants. */
        movq    %rsp, %rdi
        call    HandleException
        ud2

        .section .data.rel.ro.exception_vectors, "aw"  /* pointers: relocated where the image runs */
        .balign 8
        .globl exception_vectors
exception_vectors:
        n = 0
        .rept   32
        VECTOR_ADDRESS %n
        n = n + 1
        .endr

        .globl xen_pv_exception_vectors
xen_pv_exception_vectors:
        n = 0
        .rept   32
        XEN_PV_VECTOR_ADDRESS %n
        n = n + 1
        .endr
