// SPDX-License-Identifier: MIT
// Interrupt and exception handlers. The framework's IDT has all 256 vectors: 0-31 are the CPU
// exceptions (a crash report unless a handler takes them), 32-255 are for IRQs and software
// interrupts (a crash report "unexpected interrupt" unless handled). #DF, NMI and #MC run on
// their own stacks (IST), so a kernel stack that runs into unmapped memory gets a crash report,
// not a triple fault. Entry clears the direction flag, as the ABI requires of C++ code.
//
//   void OnBreakpoint(unientry::InterruptFrame& frame) { ++gBreakpoints; }
//   unientry::SetInterruptHandler(3, OnBreakpoint);  // int3 now returns after the call
#pragma once

#include <cstddef>
#include <cstdint>

namespace unientry {

/// What the entry stubs save: the registers, the vector, the error code (0 where the CPU
/// gives none), and the CPU's frame. A handler may change it; the return restores it all.
struct InterruptFrame {
  uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
  uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
  uint64_t vector;
  uint64_t error_code;
  // Intel SDM vol. 3, 6.14.1 64-Bit Mode Stack Frame
  uint64_t rip, cs, rflags, rsp, ss;
};

using InterruptHandler = void (*)(InterruptFrame& frame);

/// Installs `handler` for `vector`, or removes it (nullptr: back to the crash report). False
/// for vector 8 (#DF, an abort: it cannot return) and where the framework's entry stubs
/// cannot return from a trap (a Xen PV guest, whose return is Xen's iret hypercall).
bool SetInterruptHandler(uint8_t vector, InterruptHandler handler);

/// Routes ISA IRQ `irq` (0-15) to `vector` on the boot CPU through the I/O APIC the MADT's
/// interrupt source overrides point to (their polarity and trigger mode too). Every input is
/// masked until routed (the framework's "io-apic" init entry). False, with `*error` set when
/// given, without an I/O APIC (no MADT; Xen), for a bad IRQ or a vector below 32.
bool RouteIsaIrq(uint8_t irq, uint8_t vector, const char** error = nullptr);

/// Tells the local APIC a routed interrupt was handled: a handler of a routed IRQ calls it
/// before it returns (the timer's own handler does it for the timer).
void EndOfInterrupt();

}  // namespace unientry
