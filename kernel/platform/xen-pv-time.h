// SPDX-License-Identifier: MIT
// Xen PV's clock, timer and event mask (xen-pv-time.cc), the Xen PV platform's hooks.
#pragma once

#include "common/time-source.h"

namespace xen_pv {

/// Maps the shared info page, registers the event upcall, binds VIRQ_TIMER and starts the
/// clock; events stay masked until EnableEvents.
const time::Source* StartTime();
void EnableEvents();
void DisableEvents();
void WaitForEvent();

}  // namespace xen_pv
