// SPDX-License-Identifier: MIT
// The stack frame the interrupt stubs build (exception-stubs.S), which handlers see as
// unientry::InterruptFrame (include/unientry/interrupts.h). The constants are checked against
// that struct, so the assembly cannot drift from it.
#pragma once

#define INTERRUPT_FRAME_GPR_BYTES (15 * 8)  // rax..r15 without rsp, pushed by the common stub
#define INTERRUPT_FRAME_VECTOR 0x78         // pushed by each vector stub
#define INTERRUPT_FRAME_ERROR_CODE 0x80     // pushed by the CPU or a 0 from the stub
#define INTERRUPT_FRAME_RIP 0x88            // the CPU's interrupt frame starts here
// The vector number the Xen PV event upcall is dispatched as: no IDT vector raises it (a PV
// kernel has no IDT), so any number works; this one is the top of the APIC's range.
#define XEN_PV_EVENT_VECTOR 0xf3

#ifndef __ASSEMBLER__
#include <cstddef>

#include "unientry/interrupts.h"

namespace arch {

using InterruptFrame = unientry::InterruptFrame;
static_assert(offsetof(InterruptFrame, vector) == INTERRUPT_FRAME_GPR_BYTES);
static_assert(offsetof(InterruptFrame, vector) == INTERRUPT_FRAME_VECTOR);
static_assert(offsetof(InterruptFrame, error_code) == INTERRUPT_FRAME_ERROR_CODE);
static_assert(offsetof(InterruptFrame, rip) == INTERRUPT_FRAME_RIP);
static_assert(sizeof(InterruptFrame) == INTERRUPT_FRAME_RIP + 5 * 8);

}  // namespace arch
#endif
