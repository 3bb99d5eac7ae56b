// SPDX-License-Identifier: MIT
// The descriptor tables: one IDT for every CPU, whose 256 vectors lead to DispatchInterrupt,
// and per CPU a GDT (the boot GDT's selectors and a TSS) and a TSS whose interrupt stack table
// gives #DF, NMI and #MC stacks of their own.
#pragma once

#include <cstddef>
#include <cstdint>

namespace arch {

// [intel/vol3]: 8.7 Task Management in 64-bit Mode, Figure 8-11 64-Bit TSS Format. Only the
// interrupt stack table is used: no privilege change happens (ring 0 only), no I/O bitmap.
struct [[gnu::packed]] Tss64 {
  uint32_t reserved0;
  uint64_t rsp[3];
  uint64_t reserved1;
  uint64_t ist[7];  // IST1..IST7
  uint64_t reserved2;
  uint16_t reserved3;
  uint16_t io_map_base;
};

inline constexpr uint64_t kIstStackBytes = 8192;
inline constexpr uint32_t kGdtEntries = 5;

/// One CPU's own tables.
struct CpuTables {
  alignas(16) uint8_t ist_stacks[3][kIstStackBytes];
  uint64_t gdt[kGdtEntries];
  Tss64 tss;
};

/// Builds the IDT and loads the boot CPU's tables and data selectors. The first thing the
/// common path does, so a fault in any later step produces a crash report instead of a
/// triple fault.
void InstallDescriptorTables();

/// Loads `tables` as this CPU's GDT and TSS (written here) and the shared IDT; %fs and %gs
/// are left as they are. Every CPU's per-CPU "cpu-tables" init entry.
void InstallCpuTables(CpuTables& tables);

/// Loads the shared IDT only: an application processor's first step, so that a fault before
/// its cpu-tables entry still reaches the crash report (IST vectors need its TSS).
void LoadInterruptTable();

CpuTables& BootCpuTables();

}  // namespace arch
