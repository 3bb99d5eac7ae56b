/* SPDX-License-Identifier: MIT
 *
 * The Linux boot protocol's real-mode setup (Documentation/arch/x86/boot.rst): the first
 * (setup_sects + 1) * 512 bytes of unientry.bzImage. Loaders: QEMU -kernel (linuxboot option
 * ROM on pc/q35, qboot on microvm), GRUB linux16, and any BIOS loader of the 16-bit protocol.
 *
 * Linked at 0 (the boot sector) into setup.elf; unientry-mkbzimage fills the setup header at
 * 0x1f1 from the linked kernel. The loader copies the file's first sectors to a segment X,
 * edits the header there (cmd_line_ptr, ramdisk_*, type_of_loader, heap_end_ptr, ...) and
 * enters at the header's jmp with
 *   real mode, CS = X + 0x20, IP = 0 (the jmp at offset 0x200),
 *   DS = ES = SS = X, SP set by the loader, interrupts off (boot.rst, "Running the kernel").
 *
 * The setup builds a fresh zero page after its own code (the header lies inside the loaded
 * setup, where the e820 table would overwrite code), copies the header into it, collects the
 * BIOS memory map, makes sure A20 is on, and enters the 32-bit entry at code32_start in flat
 * protected mode with %esi = the zero page. It uses only memory below X + 0x8000, which the
 * protocol reserves for setup, heap and stack.
 */
#include "arch/x86/linux-handoff.h"
#include "generated/asm-offsets.h"


        .code16
        .section .setup, "ax"
        .globl _start
_start:
        /* The boot sector: "MZ" and, from 0x3c, the PE/COFF header that makes the bzImage an
         * EFI application are written here by unientry-mkbzimage. A BIOS booting the file from
         * a floppy runs "MZ" (dec %bp; pop %dx) and this jump, then stops. */
        .byte   0, 0
        jmp     boot_sector_halt
        .org    0x1e0
boot_sector_halt:
        cli
1:      hlt
        jmp     1b

        .org    BP_hdr
        .globl setup_header
setup_header:
        .fill   SETUP_HEADER_SIZE, 1, 0         /* written by unientry-mkbzimage */

        .globl setup_code
setup_code:                                     /* the header's jmp at 0x200 lands here */
        cli
        cld
        rdtsc                                   /* the boot cost counts from here */
        movl    %eax, setup_entry_tsc           /* DS = the setup segment, set by the loader */
        movl    %edx, setup_entry_tsc + 4
        movw    %ds, %ax
        movw    %ax, %es
        /* Make CS = DS so offsets are relative to the boot sector, as linked. */
        pushw   %ax
        pushw   $1f
        lretw
1:      movw    %ax, %ss
        movw    $setup_stack_top, %sp

        /* A fresh zero page with the header as the loader left it. Dword stores: each
         * iteration of a rep string instruction counts as an instruction executed. */
        movw    $zero_page, %di
        movw    $(BOOT_PARAMS_SIZE / 4), %cx
        xorl    %eax, %eax
        rep stosl
        movw    $setup_header, %si
        movw    $(zero_page + BP_hdr), %di
        movw    $SETUP_HEADER_SIZE, %cx
        rep movsb

        call    collect_e820
        call    enable_a20

        /* Linear addresses: the GDT base, the zero page for %esi, the 32-bit entry. */
        xorl    %eax, %eax
        movw    %ds, %ax
        shll    $4, %eax
        addl    %eax, gdt_pointer + 2
        movl    %eax, %esi
        addl    $zero_page, %esi
        movl    zero_page + BP_code32_start, %eax
        movl    %eax, code32_pointer
        movl    setup_entry_tsc, %ebp
        movl    setup_entry_tsc + 4, %edi

        lgdtl   gdt_pointer
        movl    %cr0, %eax
        orl     $1, %eax                        /* CR0.PE */
        movl    %eax, %cr0
        movw    $BOOT_DS, %ax
        movw    %ax, %ds
        movw    %ax, %es
        movw    %ax, %fs
        movw    %ax, %gs
        movw    %ax, %ss
        movl    $SETUP16_HANDOFF_MAGIC, %ebx    /* and %edi:%ebp = the TSC at setup entry */
        ljmpl   *%cs:code32_pointer             /* CS still has the real-mode base here */

/* The BIOS memory map (int 0x15, eax = 0xe820) into the zero page. Per the ACPI spec: stop on
 * carry or a wrong signature; skip an entry shorter than 20 bytes; stop at 128 entries or
 * when %ebx comes back 0. Sorting, overlaps and empty entries are the sanitiser's job. */
collect_e820:
        xorl    %ebx, %ebx
        movw    $(zero_page + BP_e820_table), %di
1:      movl    $0xe820, %eax
        movl    $E820_SIGNATURE, %edx
        movl    $E820_ENTRY_SIZE, %ecx
        int     $0x15
        jc      3f
        cmpl    $E820_SIGNATURE, %eax
        jne     3f
        cmpl    $E820_ENTRY_SIZE, %ecx
        jb      2f
        addw    $E820_ENTRY_SIZE, %di
        incb    zero_page + BP_e820_entries
        cmpb    $E820_MAX_ENTRIES_ZEROPAGE, zero_page + BP_e820_entries
        jae     3f
2:      testl   %ebx, %ebx
        jnz     1b
3:      ret

/* A20: already on under every loader tested; otherwise try the BIOS, then port 0x92. */
enable_a20:
        call    a20_on
        jz      1f
        movw    $0x2401, %ax
        int     $0x15
        call    a20_on
        jz      1f
        inb     $0x92, %al
        orb     $0x02, %al
        andb    $0xfe, %al                      /* never the reset bit */
        outb    %al, $0x92
1:      ret

/* ZF=1 when A20 is on: a write to 0:0x200 must not show at 0xffff:0x210 (linear 0x100200). */
a20_on:
        pushw   %ds
        pushw   %es
        xorw    %ax, %ax
        movw    %ax, %ds
        decw    %ax
        movw    %ax, %es
        movw    %es:0x210, %dx
        movw    0x200, %cx
        movw    %dx, %ax
        notw    %ax
        movw    %ax, 0x200
        cmpw    %es:0x210, %dx
        movw    %cx, 0x200
        popw    %es
        popw    %ds
        ret

        .balign 8
gdt:
        .quad   0, 0
        .quad   0x00cf9a000000ffff              /* BOOT_CS: flat 32-bit code */
        .quad   0x00cf92000000ffff              /* BOOT_DS: flat data */
gdt_end:
gdt_pointer:
        .word   gdt_end - gdt - 1
        .long   gdt                             /* + the segment's linear base, at run time */
code32_pointer:
        .long   0                               /* code32_start */
        .word   BOOT_CS
        .balign 4
setup_entry_tsc:
        .quad   0

/* The header's kernel_version field points here (boot.rst: loaders may show it). */
        .globl kernel_version_string
kernel_version_string:
        .ascii  "unientry "
        .asciz  UNIENTRY_VERSION
