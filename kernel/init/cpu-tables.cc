// SPDX-License-Identifier: MIT
// cpu-tables: this CPU's own GDT and TSS (with its IST stacks for #DF, NMI and #MC) and the
// shared IDT. Per-CPU: the boot CPU loads its tables again (the common path loaded them
// before the init table, to catch its first faults); an AP loads the ones its start
// allocated, so a #DF on any CPU lands on a stack of that CPU's own.
#include "arch/x86/descriptor-tables.h"
#include "common/per-cpu.h"
#include "inittab/init-entry.h"

namespace {

void InstallThisCpusTables() { arch::InstallCpuTables(*percpu::ThisCpu().tables); }

constexpr inittab::Exclusion kCpuTablesExclusions[] = {
    inittab::OnFirmware(bootabi::Firmware::kXenPv,
                        "a Xen PV guest's descriptor tables are Xen's: its traps and GDT go in by hypercall "
                        "(set_trap_table, set_gdt)"),
};

}  // namespace

INIT_ENTRY(gCpuTablesInit, "cpu-tables", INIT_LEVEL_EARLY, .flags = inittab::kPerCpu, .run = InstallThisCpusTables,
           .exclusions = inittab::Exclude(kCpuTablesExclusions));
