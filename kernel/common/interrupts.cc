// SPDX-License-Identifier: MIT
// The handlers a kernel installs (unientry::SetInterruptHandler) and the dispatch every
// interrupt stub calls (arch/x86/exception-stubs.S): a handler's return returns from the
// interrupt; a vector without one gets the crash report.
#include "arch/x86/interrupt-frame.h"
#include "common/interrupts.h"
#include "platform/platform.h"
#include "unientry/interrupts.h"
#include "unientry/time.h"

extern "C" [[noreturn]] void HandleException(const arch::InterruptFrame* frame);  // crash-report.cc

namespace {

constinit unientry::InterruptHandler gHandlers[256] = {};

}  // namespace

extern "C" void DispatchInterrupt(arch::InterruptFrame* frame) {
  const uint64_t vector = frame->vector;
  if (vector < 256 && gHandlers[vector] != nullptr) {
    gHandlers[vector](*frame);
    return;
  }
  HandleException(frame);
}

namespace unientry {

bool SetInterruptHandler(uint8_t vector, InterruptHandler handler) {
  // #DF is an abort: the state it interrupted cannot be resumed.
  if (vector == 8) return false;
  // A platform with its own trap table (Xen PV: set_trap_table, returns by Xen's iret
  // hypercall) does not go through the framework's IDT.
  if (platform::Current().install_descriptor_tables != nullptr) return false;
  gHandlers[vector] = handler;
  return true;
}

// The PC's way unless the platform has its own (Xen PV: the event mask).
void EnableInterrupts() {
  if (const auto enable = platform::Current().interrupt_control.enable; enable != nullptr) return enable();
  __asm__ volatile("sti" ::: "memory");
}
void DisableInterrupts() {
  if (const auto disable = platform::Current().interrupt_control.disable; disable != nullptr) return disable();
  __asm__ volatile("cli" ::: "memory");
}
void WaitForInterrupt() {
  if (const auto wait = platform::Current().interrupt_control.wait; wait != nullptr) return wait();
  __asm__ volatile("sti; hlt; cli" ::: "memory");
}

}  // namespace unientry

namespace interrupts {

void InstallPlatformHandler(uint8_t vector, unientry::InterruptHandler handler) { gHandlers[vector] = handler; }

bool HasHandler(uint8_t vector) { return gHandlers[vector] != nullptr; }

}  // namespace interrupts
