// SPDX-License-Identifier: MIT
// The boot cost lines (docs/serial-format.md): rdtsc values that, under QEMU's
// -icount shift=0,sleep=off, count the guest instructions executed since reset.
#pragma once

#include <cstdint>

/// Prints `unientry: cost NAME TSC` (nothing for a zero TSC). On a quiet boot the line is
/// kept and printed by FlushCosts, so that printing is not counted in what it measures.
void PrintCost(const char* name, uint64_t tsc);

/// Prints the costs a quiet boot kept, in order.
void FlushCosts();
