// SPDX-License-Identifier: MIT
// Xen's (and KVM's) paravirtual clock arithmetic: a vcpu_time_info turns a TSC reading into the
// hypervisor's system time, and its scale says the TSC's frequency (xen.h, vcpu_time_info:
// "Current system time: system_time + ((((tsc - tsc_timestamp) << tsc_shift) *
// tsc_to_system_mul) >> 32)").
#pragma once

#include <cstdint>

#include "abi/xen.h"

namespace platform {

/// The system time, in nanoseconds, at TSC value `tsc` under the snapshot `time`.
uint64_t PvclockNanoseconds(const bootabi::xen::vcpu_time_info& time, uint64_t tsc);

/// The TSC frequency in Hz the snapshot's scale implies; 0 for a scale of 0 (not yet set).
uint64_t PvclockTscHz(const bootabi::xen::vcpu_time_info& time);

}  // namespace platform
