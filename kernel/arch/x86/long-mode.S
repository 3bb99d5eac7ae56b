/* SPDX-License-Identifier: MIT
 *
 * The one 32-bit -> 64-bit switch every 32-bit entry uses (PVH, Linux 32-bit and 16-bit,
 * Multiboot 1 and 2), with the boot GDT and the page tables it loads.
 *
 * enter_long_mode: jump here from flat 32-bit protected mode, paging off, interrupts off,
 * with %ebp = the runtime address of enter_long_mode and %edi = the runtime address of the
 * 64-bit code to continue at (the image runs below 4 GiB in this mode). Preserves %ebx and
 * %esi; clobbers %eax, %ecx, %edx, %ebp and %esp. Continues at %rdi in 64-bit mode with the
 * first 4 GiB identity mapped, CS = KERNEL_CS, %rsp = the boot stack and the image relocated
 * for where it runs (relocate_kernel), having stored the TSC in long_mode_tsc.
 */
#include "arch/x86/identity-map.h"
#include "arch/x86/long-mode-switch.inc"
#include "arch/x86/position.inc"
#include "arch/x86/segments.h"

#include "generated/asm-offsets.h"  /* CR0_*, CR4_PAE, MSR_EFER, EFER_LME, PAGE_*: arch/x86/cpu.h */

        .section .text.entry32, "ax"
        .code32
        .globl enter_long_mode
enter_long_mode:
        leal    (boot_stack_top - enter_long_mode)(%ebp), %esp
        /* The GDT descriptor and the tables' pointers to each other hold link addresses:
         * write the runtime ones (relocate_kernel writes the same values again later). The
         * page directory entries are the identity map's physical addresses and stay. */
        leal    (boot_gdt - enter_long_mode)(%ebp), %eax
        movl    %eax, (boot_gdt_descriptor + 2 - enter_long_mode)(%ebp)
        movl    $0, (boot_gdt_descriptor + 6 - enter_long_mode)(%ebp)
        lgdt    (boot_gdt_descriptor - enter_long_mode)(%ebp)
        leal    (boot_pdpt + PAGE_PRESENT_WRITABLE - enter_long_mode)(%ebp), %eax
        movl    %eax, (boot_pml4 - enter_long_mode)(%ebp)
        leal    (boot_pd + PAGE_PRESENT_WRITABLE - enter_long_mode)(%ebp), %eax
        leal    (boot_pdpt - enter_long_mode)(%ebp), %ecx
        movl    $IDENTITY_MAP_GIB, %edx
1:      movl    %eax, (%ecx)
        addl    $4096, %eax
        addl    $8, %ecx
        decl    %edx
        jnz     1b
        /* The data segment registers keep the loader's flat selectors: 64-bit mode ignores
         * their bases, and the common path loads its own GDT and segments before it takes
         * an interrupt. Only CS must change, with the far return below. */
        /* 4-level paging: LA57 off (paging is off, so it may change; a loader could have
         * left it set), PAE on. */
        leal    (boot_pml4 - enter_long_mode)(%ebp), %edx
        SWITCH_TO_LONG_MODE_PAGING %edx, $~CR4_LA57, $CR4_PAE, $EFER_LME
        leal    (2f - enter_long_mode)(%ebp), %eax
        pushl   $KERNEL_CS
        pushl   %eax
        lret

        .code64
2:      rdtsc
        movl    %eax, long_mode_tsc(%rip)
        movl    %edx, long_mode_tsc + 4(%rip)
        movl    %edi, %edi      /* upper halves are undefined after the mode switch */
        leaq    boot_stack_top(%rip), %rsp
        call    relocate_kernel /* keeps %rbx, %rsi, %rdi */
        jmp     *%rdi

        .section .handoff, "aw", @nobits
        .balign 8
/* uint64_t long_mode_tsc: rdtsc on arrival in 64-bit mode, for the boot cost report. */
        .globl long_mode_tsc
long_mode_tsc:
        .skip   8
/* REQUIRE_LONG_MODE's place for %eax and %ebx while cpuid runs (boot-requirements.inc). */
        .globl long_mode_check_saved
long_mode_check_saved:
        .skip   8

        .section .rodata.boot_gdt, "a"
        .balign 8
boot_gdt:
        .quad   0                       /* null */
        .quad   GDT_CODE64              /* KERNEL_CS */
        .quad   GDT_DATA                /* KERNEL_DS */
boot_gdt_end:

/* lgdt's operand; enter_long_mode writes the base, which is where the image runs. */
        .section .data.boot_gdt_descriptor, "aw"
        .balign 8
boot_gdt_descriptor:
        .word   boot_gdt_end - boot_gdt - 1
        .quad   0

/* Identity map of the first IDENTITY_MAP_GIB GiB with 2 MiB pages, built by the assembler:
 * no code runs to make it but the pointer fix-up above, and it is the only page table every
 * entry needs. The pointers to the lower tables are relocated like any other. */
        .section .data.page_tables, "aw"
        .balign 4096
        .globl boot_pml4
boot_pml4:
        .quad   boot_pdpt + PAGE_PRESENT_WRITABLE
        .fill   511, 8, 0
boot_pdpt:
        directory = 0
        .rept   IDENTITY_MAP_GIB
        .quad   boot_pd + directory * 0x1000 + PAGE_PRESENT_WRITABLE
        directory = directory + 1
        .endr
        .fill   512 - IDENTITY_MAP_GIB, 8, 0
boot_pd:
        page = 0
        .rept   IDENTITY_MAP_GIB * 512
        .quad   (page << 21) + PAGE_HUGE + PAGE_PRESENT_WRITABLE
        page = page + 1
        .endr
