// SPDX-License-Identifier: MIT
// The framework's side of the interrupt handlers (common/interrupts.cc).
#pragma once

#include <cstdint>

#include "unientry/interrupts.h"

namespace interrupts {

/// Installs a framework handler for a vector the platform's own entry points dispatch (the
/// Xen PV event upcall), where unientry::SetInterruptHandler refuses a kernel's: the same
/// table and dispatch, without the IDT.
void InstallPlatformHandler(uint8_t vector, unientry::InterruptHandler handler);

/// Whether `vector` has a handler.
bool HasHandler(uint8_t vector);

}  // namespace interrupts
