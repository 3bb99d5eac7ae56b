/* SPDX-License-Identifier: MIT
 *
 * How a 32-bit entry ends a boot that cannot go on, before long mode, a stack or RAM for the
 * kernel can be relied on (boot-requirements.inc): the status line goes to COM1, polling the
 * transmitter with a bound (a missing UART cannot hang it), then status fail through
 * isa-debug-exit, then hlt. No stack and no writable memory are used.
 *
 * Both take %esi = the runtime address of early_failure_messages; the messages are addressed
 * from there by differences within this file, which need no relocation.
 */
#include "generated/asm-offsets.h"

/* Writes %al to COM1. Clobbers %ecx, %edx, %ah. */
.macro PUT_CHAR
        movl    $100000, %ecx
        movw    $(COM1_PORT + UART_LINE_STATUS), %dx
1:      movb    %al, %ah
        inb     %dx, %al
        testb   $UART_TRANSMITTER_EMPTY, %al
        movb    %ah, %al
        loopz   1b
        movw    $COM1_PORT, %dx
        outb    %al, %dx
.endm

/* Writes the NUL-terminated message at `message` (a label below). Clobbers %eax, %ecx, %edx,
 * %ebx. */
.macro PUT_MESSAGE message
        leal    (\message - early_failure_messages)(%esi), %ebx
2:      movb    (%ebx), %al
        testb   %al, %al
        jz      3f
        PUT_CHAR
        incl    %ebx
        jmp     2b
3:
.endm

/* Writes `register` as 0x and eight hex digits. Clobbers %eax, %ecx, %edx, %ebx and rotates
 * `register` back to its value. */
.macro PUT_HEX register
        movb    $'0', %al
        PUT_CHAR
        movb    $'x', %al
        PUT_CHAR
        movl    $8, %ebx
4:      roll    $4, \register
        movl    \register, %eax
        andl    $0xf, %eax
        cmpb    $10, %al
        jb      5f
        addb    $('a' - '0' - 10), %al
5:      addb    $'0', %al
        PUT_CHAR
        decl    %ebx
        jnz     4b
.endm

.macro END_BOOT
        movl    $STATUS_FAIL, %eax
        movw    $ISA_DEBUG_EXIT_PORT, %dx
        outl    %eax, %dx
6:      hlt
        jmp     6b
.endm

        .section .text.entry32, "ax"
        .code32

/* no_long_mode: REQUIRE_LONG_MODE found none. */
        .globl no_long_mode
no_long_mode:
        cli
        PUT_MESSAGE no_long_mode_message
        END_BOOT

/* no_kernel_ram: REQUIRE_KERNEL_RAM found no RAM at the kernel's end. %edi = the runtime
 * address of __kernel_start, %ecx = of __kernel_end. */
        .globl no_kernel_ram
no_kernel_ram:
        cli
        movl    %ecx, %ebp
        decl    %ebp
        PUT_MESSAGE no_kernel_ram_message
        PUT_HEX %edi
        movb    $'-', %al
        PUT_CHAR
        PUT_HEX %ebp
        PUT_MESSAGE no_kernel_ram_reason
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
