// SPDX-License-Identifier: MIT
// Checks, orders and runs the kernel's init table for this boot environment.
#pragma once

#include "abi/boot-descriptor.h"

/// Stops the boot with every problem listed if the table is invalid; otherwise prints
/// `unientry: init <level> <name> <result> ...` for each entry as it is handled.
void RunInitTable(bootabi::BootEntry entry, bootabi::Firmware firmware);

/// The name of the init entry running now, or nullptr (for the crash report).
const char* RunningInitEntry();
