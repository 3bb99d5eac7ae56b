// SPDX-License-Identifier: MIT
#pragma once

/// Prints the `unientry: report ...` lines: entry, loader, command line, memory map, modules,
/// initrd, RSDP and what the stub dropped (docs/serial-format.md).
void PrintBootReport();
