/* SPDX-License-Identifier: MIT
 *
 * How a 32-bit entry ends a boot that cannot go on, before long mode, a stack or RAM for the
 * kernel can be relied on (boot-requirements.inc): the status line goes to COM1
 * (early-serial.inc), then status fail through isa-debug-exit, then hlt.
 *
 * Both take %esi = the runtime address of early_failure_messages; the messages are addressed
 * from there by differences within this file, which need no relocation.
 */
#include "arch/x86/early-serial.inc"

        .section .text.entry32, "ax"
        .code32

/* no_long_mode: REQUIRE_LONG_MODE found none. */
        .globl no_long_mode
no_long_mode:
        cli
        PUT_MESSAGE no_long_mode_message, early_failure_messages
        END_BOOT

/* no_kernel_ram: REQUIRE_KERNEL_RAM found no RAM at the kernel's end. %edi = the runtime
 * address of __kernel_start, %ecx = of __kernel_end. */
        .globl no_kernel_ram
no_kernel_ram:
        cli
        movl    %ecx, %ebp
        decl    %ebp
        PUT_MESSAGE no_kernel_ram_message, early_failure_messages
        PUT_HEX %edi
        movb    $'-', %al
        PUT_CHAR
        PUT_HEX %ebp
        PUT_MESSAGE no_kernel_ram_reason, early_failure_messages
        END_BOOT

        .section .rodata.early_failure, "a"
        .globl early_failure_messages
early_failure_messages:
no_long_mode_message:
        .ascii  "\nunientry: status fail \"this kernel needs an x86-64 CPU: "
        .asciz  "CPUID 0x80000001 EDX bit 29 (long mode) is clear\"\n"
no_kernel_ram_message:
        .asciz  "\nunientry: status fail \"this kernel needs RAM at "
no_kernel_ram_reason:
        .ascii  " (its image, .bss, handoff area and boot stack): "
        .asciz  "the last word there does not keep what is written\"\n"
