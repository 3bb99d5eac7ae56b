// SPDX-License-Identifier: MIT
// I/O APICs (the 82093AA's register window): the number of inputs, and one redirection entry
// per input (vector, delivery to the boot CPU's APIC ID, polarity, trigger, mask).
#pragma once

#include <cstdint>

namespace arch::io_apic {

/// Inputs (redirection entries) of the I/O APIC at `base`.
uint32_t InputCount(uint64_t base);
/// Sets input `pin` to deliver `vector` (fixed, physical) to `apic_id`, active low and level
/// triggered where asked, unmasked.
void Route(uint64_t base, uint32_t pin, uint8_t vector, uint32_t apic_id, bool active_low, bool level);
void Mask(uint64_t base, uint32_t pin);

}  // namespace arch::io_apic
