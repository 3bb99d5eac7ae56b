// SPDX-License-Identifier: MIT
// Where the kernel image is linked, and the fixed places near its start that loaders and
// headers name (linux-entry.S lays them out, linker.ld checks them).
//
// The image is a static PIE linked at KERNEL_LINK_ADDRESS and runs wherever a loader puts it:
// 64-bit code addresses everything RIP-relative, 32-bit code relative to a runtime anchor
// (position.inc), and relocate_kernel applies the image's R_X86_64_RELATIVE relocations to
// its pointers when it runs elsewhere. Loaders that take the link address (PVH and Multiboot
// from the ELF's physical addresses, Multiboot 1's a.out kludge, Xen PV) see it unchanged.
#pragma once

#define KERNEL_LINK_ADDRESS 0x100000
// What the image needs of where it runs: its page tables and stack are page-aligned inside it.
// The bzImage says the same (unientry-mkbzimage: kernel_alignment, min_alignment).
#define KERNEL_ALIGNMENT 0x1000

// Offsets from the start of the image (= the Linux 32-bit entry, code32_start).
#define HEAD_MULTIBOOT1_HEADER 0x80
#define HEAD_MULTIBOOT2_HEADER 0xc0
#define HEAD_LINUX64_ENTRY 0x200  // boot.rst: the 64-bit entry is at load address + 0x200
