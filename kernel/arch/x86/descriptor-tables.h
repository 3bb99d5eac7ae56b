// SPDX-License-Identifier: MIT
#pragma once

namespace arch {

/// Loads the kernel's own GDT (same selectors as the boot GDT) and an IDT whose 32 exception
/// vectors lead to HandleException. The first thing the common path does, so a fault in any
/// later step produces a crash report instead of a triple fault.
void InstallDescriptorTables();

}  // namespace arch
