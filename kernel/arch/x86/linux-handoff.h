// SPDX-License-Identifier: MIT
// Shared by the 16-bit setup (linux-setup.S) and the Linux 32-bit entry (linux-entry.S).
#pragma once

// The setup jumps to code32_start with this value in %ebx, where the 32-bit boot protocol
// promises 0: the 32-bit entry tells "our own real-mode setup ran" (linux16) from "a 32-bit
// loader entered directly" (linux32) by it. With it, %edi:%ebp hold the TSC the setup read
// on entry, so the boot cost of linux16 counts the real-mode part too.
#define SETUP16_HANDOFF_MAGIC 0x36315355  /* "US16" */

// Selectors of the setup's GDT, the values the 32-bit boot protocol names.
#define BOOT_CS 0x10
#define BOOT_DS 0x18
