// SPDX-License-Identifier: MIT
// The framework's boot report (docs/serial-format.md): what the demonstration kernel prints
// and the boot tests read. A kernel calls it if it wants those lines.
#pragma once

namespace unientry {

/// Prints the `unientry: report ...` lines: entry, firmware, loader, command line, memory map,
/// modules, initrd, RSDP, framebuffer and what the stub dropped.
void PrintBootReport();

}  // namespace unientry
