/* SPDX-License-Identifier: MIT
 *
 * The least code that takes the Linux boot protocol's 16-bit entry to 64-bit mode, as a
 * bzImage (bench/minimal-linux16.ld): the reference for unientry's linux16 entry cost. The
 * setup reads the TSC, loads a GDT and goes from real mode to long mode in one CR0 write
 * (PE and PG together), then jumps to the 64-bit code in the protected-mode part at 1 MiB,
 * which reports both TSC values (minimal-report.inc). No memory map, no A20 handling: QEMU
 * has A20 on. Header fields are the few QEMU's loader reads (boot.rst).
 */
#include "generated/asm-offsets.h"
#include "minimal-long-mode.inc"

        .code16
        .section .setup, "ax"
        .org    0x1f1
        .byte   setup_sects_value               /* setup_sects */
        .word   0                               /* root_flags */
        .long   syssize_value                   /* syssize */
        .org    0x1fe
        .word   0xaa55                          /* boot_flag */
        jmp     setup_start                     /* 0x200: jump */
        .ascii  "HdrS"                          /* 0x202: header */
        .word   0x020c                          /* 0x206: version */
        .long   0                               /* realmode_swtch */
        .word   0                               /* start_sys_seg */
        .word   0                               /* kernel_version */
        .byte   0                               /* type_of_loader */
        .byte   1                               /* loadflags: LOADED_HIGH */
        .word   0                               /* setup_move_size */
        .long   0x100000                        /* code32_start */
        .long   0, 0, 0                         /* ramdisk_image, ramdisk_size, bootsect_kludge */
        .word   0                               /* heap_end_ptr */
        .byte   0, 0                            /* ext_loader_ver, ext_loader_type */
        .long   0                               /* cmd_line_ptr */
        .long   0x7fffffff                      /* initrd_addr_max */
        .globl  setup_start
setup_start:
        rdtsc
        movl    %eax, %esi
        movl    %edx, %edi
        cli
        xorl    %ebx, %ebx
        movw    %ds, %bx
        shll    $4, %ebx
        addl    %ebx, %cs:gdt_pointer - 0x200 + 2   /* CS = DS + 0x20: offsets from 0x200 */
        lgdtl   %cs:gdt_pointer - 0x200
        minimal_enter_long_mode                 /* PE and PG at once: real mode to long mode */
        ljmpl   $8, $long_mode
        .balign 8
gdt:    .quad   0, 0x00af9a000000ffff
gdt_pointer:
        .word   15
        .long   gdt                             /* + the setup's linear base, at run time */

        .section .text, "ax"
#include "minimal-report.inc"

        .section .data, "aw"
        minimal_page_tables
