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
 *
 * As Linux's setup does (arch/x86/boot/pm.c, a20.c): interrupts are off from the first
 * instruction and again before the switch (a BIOS call may return with them on), NMI is
 * masked at the CMOS index port for the switch (no protected-mode IDT exists until the common
 * path's), and A20 is turned on by the BIOS, the keyboard controller or port 0x92, each checked
 * (a counter written at 0:0x200 must not show at 0xffff:0x210, linear 0x100200, in 32 or, after
 * a slow gate, 2^21 tries), up to 255 rounds; a gate that never opens stops the boot on COM1,
 * since the kernel above 1 MiB would run over aliased memory.
 */
#include "arch/x86/segments.h"
#include "arch/x86/linux-handoff.h"
#include "arch/x86/early-serial.inc"

/* enable_a20's methods (bits of a20_hook_methods), and its checks' tries (Linux's a20.c:
 * A20_TEST_SHORT, A20_TEST_LONG). */
#define A20_METHOD_BIOS 0x01
#define A20_METHOD_KBC 0x02
#define A20_METHOD_FAST 0x04
#define A20_HOOK_PRESENT 0x80
#define A20_TEST_SHORT 32
#define A20_TEST_LONG 0x200000


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
        call    find_a20_hook
        call    enable_a20
        cli                                     /* a BIOS call may have set IF */
        movb    $CMOS_NMI_DISABLE, %al          /* NMI masked for the switch, as Linux does */
        outb    %al, $CMOS_INDEX
        outb    %al, $IO_DELAY_PORT

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

/* A20 on (Linux's a20.c, rewritten): each round checks the gate, tries the BIOS (int 0x15,
 * ax = 0x2401), checks again, then the keyboard controller when one answers, then port 0x92,
 * each followed by a long check; 255 rounds. A method that opened the gate is said on COM1
 * (A20 comes on by itself under every loader tested); a gate that never opens ends the boot. */
enable_a20:
        movw    $255, a20_rounds
        testb   $A20_HOOK_PRESENT, a20_hook
        jz      1f
        call    a20_off                         /* the test hook: start from a closed gate */
1:      movl    $A20_TEST_SHORT, %ecx
        call    a20_test
        jz      2f
        cmpw    $255, a20_rounds                /* on before any method ran */
        je      9f
        jmp     8f
2:      testb   $A20_METHOD_BIOS, a20_hook_methods
        jz      3f
        movb    $A20_METHOD_BIOS, a20_method
        movw    $0x2401, %ax
        int     $0x15
        movl    $A20_TEST_SHORT, %ecx
        call    a20_test
        jnz     8f
3:      testb   $A20_METHOD_KBC, a20_hook_methods
        jz      4f
        call    empty_8042
        testw   %ax, %ax
        jnz     4f                              /* no keyboard controller answers */
        movb    $A20_METHOD_KBC, a20_method
        movb    $KBC_OUTPUT_A20_ON, %bl
        call    write_8042_output_port
        movl    $A20_TEST_LONG, %ecx
        call    a20_test
        jnz     8f
4:      testb   $A20_METHOD_FAST, a20_hook_methods
        jz      5f
        movb    $A20_METHOD_FAST, a20_method
        inb     $SYSTEM_CONTROL_A, %al
        orb     $SYSTEM_CONTROL_A20, %al
        andb    $~SYSTEM_CONTROL_RESET, %al     /* never the reset bit */
        outb    %al, $SYSTEM_CONTROL_A
        movl    $A20_TEST_LONG, %ecx
        call    a20_test
        jnz     8f
5:      decw    a20_rounds
        jnz     1b
        xorl    %esi, %esi                      /* messages are addressed from _start (0) */
        PUT_MESSAGE a20_stuck_message, _start
        END_BOOT
8:      xorl    %esi, %esi
        PUT_MESSAGE a20_opened_message, _start
        movb    a20_method, %al
        movw    $a20_bios_name, %si
        cmpb    $A20_METHOD_BIOS, %al
        je      7f
        movw    $a20_kbc_name, %si
        cmpb    $A20_METHOD_KBC, %al
        je      7f
        movw    $a20_fast_name, %si
7:      PUT_MESSAGE 0, 0                        /* %esi = the method's name */
9:      ret

/* The test hook turns the gate off first: through port 0x92 and the keyboard controller, so
 * that whichever drives the line, it starts closed. */
a20_off:
        inb     $SYSTEM_CONTROL_A, %al
        andb    $~(SYSTEM_CONTROL_A20 | SYSTEM_CONTROL_RESET), %al
        outb    %al, $SYSTEM_CONTROL_A
        call    empty_8042
        testw   %ax, %ax
        jnz     1f
        movb    $KBC_OUTPUT_A20_OFF, %bl
        call    write_8042_output_port
1:      ret

/* Writes %bl to the 8042's output port (command 0xd1), then the no-op command UHCI legacy
 * emulation wants, waiting for the controller between them. */
write_8042_output_port:
        movb    $KBC_WRITE_OUTPUT_PORT, %al
        outb    %al, $KBC_STATUS
        call    empty_8042
        movb    %bl, %al
        outb    %al, $KBC_DATA
        call    empty_8042
        movb    $KBC_NULL_COMMAND, %al
        outb    %al, $KBC_STATUS
        call    empty_8042
        ret

/* Waits until the 8042's input buffer is empty, reading away what it sends: %ax = 0, or 1
 * when no controller answers (100000 polls, or 32 reads of 0xff, which no real status is).
 * Keeps %bl. */
empty_8042:
        movl    $100000, %ecx
        movb    $32, %bh
1:      outb    %al, $IO_DELAY_PORT
        inb     $KBC_STATUS, %al
        cmpb    $0xff, %al
        jne     2f
        decb    %bh
        jz      4f
2:      testb   $KBC_OUTPUT_FULL, %al
        jz      3f
        outb    %al, $IO_DELAY_PORT
        inb     $KBC_DATA, %al                  /* read and discard */
        jmp     5f
3:      testb   $KBC_INPUT_FULL, %al
        jnz     5f
        xorw    %ax, %ax
        ret
5:      decl    %ecx
        jnz     1b
4:      movw    $1, %ax
        ret

/* ZF=0 when A20 is on: a counter written at 0:0x200 does not show at 0xffff:0x210 (linear
 * 0x100200) within %ecx tries; ZF=1 when it always does. The word at 0x200 is restored. */
a20_test:
        pushw   %ds
        pushw   %es
        xorw    %ax, %ax
        movw    %ax, %ds
        decw    %ax
        movw    %ax, %es
        movl    0x200, %edx                     /* saved */
        movl    %edx, %ebx
1:      incl    %ebx
        movl    %ebx, 0x200
        outb    %al, $IO_DELAY_PORT             /* serialise, and a constant delay */
        movl    %es:0x210, %eax
        xorl    %ebx, %eax
        jnz     2f                              /* ZF=0: not aliased, A20 on */
        decl    %ecx
        jnz     1b                              /* falls through with ZF=1 */
2:      movl    %edx, 0x200                     /* mov and pop keep the flags */
        popw    %es
        popw    %ds
        ret

/* The test hook unientry.a20-test=bios|kbc|fast|none (docs/serial-format.md): A20 is turned
 * off first and only that method is tried (none: no method, the failure path). Read from the
 * command line when it lies in conventional memory, as the 16-bit loaders put it. */
find_a20_hook:
        movl    zero_page + BP_cmd_line_ptr, %eax
        testl   %eax, %eax
        jz      9f
        cmpl    $0xa0000 - 0x1000, %eax
        jae     9f
        movl    %eax, %ebx
        shrl    $4, %ebx
        movw    %bx, %fs
        andw    $0xf, %ax
        movw    %ax, %si                        /* %fs:%si = the command line */
        movw    $2048, %cx
        movb    $1, %dl                         /* at the start of a word */
1:      movb    %fs:(%si), %al
        testb   %al, %al
        jz      9f
        testb   %dl, %dl
        jz      3f
        movw    $a20_hook_key, %di              /* does the key start here? */
        movw    %si, %bx
2:      movb    (%di), %ah
        testb   %ah, %ah
        jz      5f                              /* the whole key matched */
        cmpb    %fs:(%bx), %ah
        jne     3f
        incw    %di
        incw    %bx
        jmp     2b
3:      xorb    %dl, %dl
        cmpb    $' ', %al
        jne     4f
        movb    $1, %dl
4:      incw    %si
        loop    1b
9:      ret
5:      movw    $a20_hook_values, %di           /* %fs:%bx = the value: which method? */
6:      movb    (%di), %ah                      /* the entry's mask, 0xff ends the table */
        cmpb    $0xff, %ah
        je      9b                              /* an unknown value: no hook */
        incw    %di
        pushw   %bx
7:      movb    (%di), %al
        incw    %di
        testb   %al, %al
        jz      8f
        cmpb    %fs:(%bx), %al
        jne     10f
        incw    %bx
        jmp     7b
10:     popw    %bx
11:     cmpb    $0, -1(%di)                     /* skip the rest of this entry's name */
        je      6b
        incw    %di
        jmp     11b
8:      movb    %fs:(%bx), %al                  /* the value must end here */
        popw    %bx
        testb   %al, %al
        jz      12f
        cmpb    $' ', %al
        jne     6b
12:     movb    $A20_HOOK_PRESENT, a20_hook
        movb    %ah, a20_hook_methods
        ret

a20_hook:
        .byte   0
a20_hook_methods:                               /* the methods to try: all without the hook */
        .byte   A20_METHOD_BIOS | A20_METHOD_KBC | A20_METHOD_FAST
a20_method:
        .byte   0
        .balign 2
a20_rounds:
        .word   0
a20_hook_key:
        .asciz  "unientry.a20-test="
a20_hook_values:                                /* mask, then the NUL-terminated value */
        .byte   A20_METHOD_BIOS
        .asciz  "bios"
        .byte   A20_METHOD_KBC
        .asciz  "kbc"
        .byte   A20_METHOD_FAST
        .asciz  "fast"
        .byte   0
        .asciz  "none"
        .byte   0xff
a20_opened_message:
        .asciz  "unientry: setup: A20 was off, turned on through "
a20_bios_name:
        .asciz  "the BIOS (int 0x15, ax 0x2401)\n"
a20_kbc_name:
        .asciz  "the keyboard controller\n"
a20_fast_name:
        .asciz  "port 0x92\n"
a20_stuck_message:
        .ascii  "\nunientry: status fail \"linux16 setup: the A20 gate does not open (255 rounds of the BIOS, "
        .asciz  "the keyboard controller and port 0x92): the kernel above 1 MiB would run over aliased memory\"\n"

        .balign 8
gdt:
        .quad   0, 0
        .quad   GDT_CODE32                      /* BOOT_CS */
        .quad   GDT_DATA                        /* BOOT_DS */
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
