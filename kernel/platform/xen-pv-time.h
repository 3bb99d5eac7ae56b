// SPDX-License-Identifier: MIT
// Xen PV's clock, timer and event mask (xen-pv-time.cc), the Xen PV platform's hooks.
#pragma once

#include "abi/xen.h"
#include "common/time-source.h"

namespace xen_pv {

/// Maps the shared info page, registers the event upcall, binds VIRQ_TIMER and starts the
/// clock; events stay masked until EnableEvents.
const time::Source* StartTime();
void EnableEvents();
void DisableEvents();
void WaitForEvent();

/// The exception handlers' 32 trap table entries (set_trap_table's, and an AP's first context).
void WriteTrapTable(bootabi::xen::trap_info* traps);

/// Binds an IPI event channel to this vCPU and unmasks it: the port another vCPU sends to
/// (EVTCHNOP_send) to wake it from WaitForEvent.
uint32_t BindWakePort(uint32_t vcpu);
void SendEvent(uint32_t port);

}  // namespace xen_pv
