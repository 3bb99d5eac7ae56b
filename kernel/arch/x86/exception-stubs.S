/* SPDX-License-Identifier: MIT
 *
 * Entry points for all 256 vectors: the 32 CPU exceptions, then IRQs and software interrupts.
 * Each pushes a 0 where the CPU pushes no error code, then its vector number, so every frame
 * has the layout of unientry::InterruptFrame (interrupt-frame.h); the common part clears the
 * direction flag (the ABI's promise to C++ code, which an interrupted `std` would break),
 * saves the registers and calls DispatchInterrupt: a handler's return restores them all and
 * returns from the interrupt; without a handler it prints the crash report and never returns.
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
        .rept   256
        VECTOR_STUB %n
        n = n + 1
        .endr

        n = 0
        .rept   32
        XEN_PV_VECTOR_STUB %n
        n = n + 1
        .endr

/* Xen PV's event upcall (CALLBACKTYPE_event, registered by platform/xen-pv-time.cc): Xen
 * pushes the same frame as for an exception, %rcx and %r11 on top, with the vCPU's saved
 * event mask in bits 32-39 of the saved CS; the handler restores the mask before the iretq
 * (xen-x86_64.h: a return to the kernel itself may iretq directly). */
        .globl xen_pv_event_upcall
xen_pv_event_upcall:
        popq    %rcx
        popq    %r11
        pushq   $0
        pushq   $XEN_PV_EVENT_VECTOR
        jmp     exception_common

exception_common:
        cld
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
        call    DispatchInterrupt       /* returns only where a handler took the interrupt */
        popq    %r15
        popq    %r14
        popq    %r13
        popq    %r12
        popq    %r11
        popq    %r10
        popq    %r9
        popq    %r8
        popq    %rbp
        popq    %rdi
        popq    %rsi
        popq    %rdx
        popq    %rcx
        popq    %rbx
        popq    %rax
        addq    $16, %rsp               /* the vector and the error code */
        iretq

        .section .data.rel.ro.exception_vectors, "aw"  /* pointers: relocated where the image runs */
        .balign 8
        .globl exception_vectors
exception_vectors:
        n = 0
        .rept   256
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
