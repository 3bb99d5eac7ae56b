/* SPDX-License-Identifier: MIT
 * The boot stack, shared by every entry stub and the common path: outside .bss (stubs use
 * it before the common entry clears .bss) and never needs zeroing. */
        .section .stack, "aw", @nobits
        .balign 16
        .skip   16384
        .globl boot_stack_top
boot_stack_top:
