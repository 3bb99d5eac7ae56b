// SPDX-License-Identifier: MIT
// Checks, orders and runs the kernel's init table for this boot environment.
#pragma once

#include "abi/boot-descriptor.h"
#include "inittab/init-entry.h"

/// Stops the boot with every problem listed if the table is invalid; otherwise prints
/// `unientry: init <level> <name> <result> ...` for each entry as it is handled.
void RunInitTable(bootabi::BootEntry entry, bootabi::Firmware firmware);

namespace percpu {
struct Cpu;
}

/// On an application processor, after RunInitTable on the boot CPU: the per-CPU entries of
/// the same plan, by inittab::RunPerCpuPlan, each printed `unientry: cpu N init ...`, then
/// `unientry: cpu N init-summary ...`.
void RunPerCpuInitTable();

/// Whether `entry` ran on this CPU (a per-CPU entry on an AP: in its own run; otherwise on the
/// boot CPU).
bool InitEntryRanHere(const inittab::InitEntry& entry);

/// The name of the init entry running now on this CPU, or nullptr (for the crash report).
const char* RunningInitEntry();
