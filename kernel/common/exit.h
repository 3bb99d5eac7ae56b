// SPDX-License-Identifier: MIT
// How a boot ends. Under QEMU with `-device isa-debug-exit,iobase=0xf4,iosize=4`, writing V
// to port 0xf4 makes QEMU exit with status (V << 1) | 1; without that device the write is
// ignored and the CPU halts. docs/serial-format.md lists the values.
#pragma once

#include <cstdint>

#include "base/error.h"
#include "unientry/exit.h"

// The status values and unientry::ExitQemu are the public API's (include/unientry/exit.h).

/// A platform whose kernel cannot write port 0xf4 directly (Xen PV) supplies its own way; the
/// hook must not return.
using ExitHook = void (*)(uint32_t value);
void SetExitHook(ExitHook hook);

/// Prints `unientry: status fail "message"` and exits with kFailure.
[[noreturn]] void Fail(const char* message);
/// Prints `unientry: status fail "context: <error>"` and exits with kFailure.
[[noreturn]] void FailWithError(const char* context, const base::Error& error);
/// Prints `unientry: status panic "message"` and exits with kPanic.
[[noreturn]] void Panic(const char* message);
