/* SPDX-License-Identifier: MIT
 * LoaderEnter64(entry, zero_page): the 64-bit boot protocol's hand-over. Paging is on with the
 * first 4 GiB identity mapped (ours), interrupts are off; %rsi = the zero page. */
        .section .text, "ax"
        .code64
        .globl LoaderEnter64
LoaderEnter64:
        cli
        movq    %rsi, %rax
        movq    %rdi, %rcx
        movq    %rax, %rsi
        xorl    %edi, %edi
        xorl    %ebp, %ebp
        xorl    %ebx, %ebx
        jmp     *%rcx
