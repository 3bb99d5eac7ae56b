// SPDX-License-Identifier: MIT
// The PC's legacy interrupt and timer chips: the two 8259 PICs, moved off the exception
// vectors and masked (the local APIC takes over), and the 8254 PIT, a known
// 1.193182 MHz clock to calibrate the TSC against.
#pragma once

#include <cstdint>

namespace arch::legacy {

/// Reprograms both PICs to vectors `base`..`base`+15 (so a spurious IRQ 7 or 15 cannot look
/// like an exception) and masks every line.
void RemapAndMaskPics(uint8_t base);

/// TSC ticks during `milliseconds` (at most 50) of the PIT's channel 0, or 0 when no PIT counts.
uint64_t TscTicksOverPit(uint32_t milliseconds);

}  // namespace arch::legacy
