// SPDX-License-Identifier: MIT
#pragma once

namespace arch {

/// Loads the kernel's own GDT (same selectors as the boot GDT, and a TSS whose interrupt stack
/// table gives #DF, NMI and #MC stacks of their own) and an IDT whose 256 vectors lead to
/// DispatchInterrupt. The first thing the common path does, so a fault in any later step
/// produces a crash report instead of a triple fault.
void InstallDescriptorTables();

}  // namespace arch
