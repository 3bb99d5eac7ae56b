// SPDX-License-Identifier: MIT
// Segment selectors of the boot GDT (long-mode.S) and the kernel GDT (descriptor-tables.cc).
// Both use the same layout so a stub's selectors stay valid across the switch.
#pragma once

#define KERNEL_CS 0x08
#define KERNEL_DS 0x10
#define KERNEL_TSS 0x18  // the kernel GDT only: the TSS with the interrupt stack table

// The flat descriptors every GDT of ours is built from ([intel/vol3] 3.4.5 Segment
// Descriptors: base 0, limit 4 GiB, present, DPL 0): the boot and kernel GDTs, the APs'
// trampoline, the real-mode setup's and linux64-loader's way back to 32-bit mode.
#define GDT_CODE64 0x00af9a000000ffff  // 64-bit code (L=1)
#define GDT_CODE32 0x00cf9a000000ffff  // 32-bit code (D=1)
#define GDT_DATA 0x00cf92000000ffff    // read/write data
