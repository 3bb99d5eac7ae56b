// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>

#include "inittab/init-entry.h"

namespace cpu {

struct Features {
  char vendor[13];
  uint32_t max_leaf;
  uint32_t max_extended_leaf;
  uint32_t family, model, stepping;
  bool pae, pge, pat, nx, long_mode, smep, umip, hypervisor, x2apic, invariant_tsc;
  bool tsc_deadline;  // the local APIC timer's TSC-deadline mode (CPUID.1:ECX[24])
};

/// Valid once the cpu-features init entry ran (depend on gCpuFeaturesInit).
const Features& Current();

}  // namespace cpu

extern const inittab::InitEntry gCpuFeaturesInit;
