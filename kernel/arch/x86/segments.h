// SPDX-License-Identifier: MIT
// Segment selectors of the boot GDT (long-mode.S) and the kernel GDT (descriptor-tables.cc).
// Both use the same layout so a stub's selectors stay valid across the switch.
#pragma once

#define KERNEL_CS 0x08
#define KERNEL_DS 0x10
#define KERNEL_TSS 0x18  // the kernel GDT only: the TSS with the interrupt stack table
