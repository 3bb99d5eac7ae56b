// SPDX-License-Identifier: MIT
// The CR4 shadow: the kernel's copy of CR4, so code can test bits without a register read
// and every change goes through one place. Linux's missing cr4_init_shadow() on the Xen PV
// entry is the regression that started this project; here it is one init entry that every
// environment runs unless it says why not.
#pragma once

#include <cstdint>

#include "inittab/init-entry.h"

namespace cr4 {

uint64_t Shadow();
/// Sets `bits` in CR4 and in the shadow. Depend on gCr4ShadowInit before calling.
void SetBits(uint64_t bits);

}  // namespace cr4

extern const inittab::InitEntry gCr4ShadowInit;
