// SPDX-License-Identifier: MIT
// Ending a boot. Under QEMU with `-device isa-debug-exit,iobase=0xf4,iosize=4` the status
// becomes QEMU's exit status ((value << 1) | 1); elsewhere the CPU halts after the line.
#pragma once

#include <cstdint>

namespace unientry {

/// The status values (docs/serial-format.md): the value QEMU exits with is (value << 1) | 1.
enum class Status : uint32_t {
  kOk = 0,           // "status ok"; a test guest whose tests all passed (SUCCESS)
  kFail = 1,         // a check failed
  kPanic = 2,        // the kernel gave up
  kCrash = 3,        // a CPU exception (the crash handler's; never passed by a kernel)
  kTestSkip = 4,     // a test guest: nothing failed, and something was skipped
  kTestFailure = 5,  // a test guest: a test failed
  kTestError = 6,    // a test guest: a test could not run as written
};

/// "ok", "fail", "panic", "crash", "test-skip", "test-failure", "test-error".
const char* StatusName(Status status);

/// Prints `unientry: status NAME ["message"]`, the last line of a boot, and ends it.
[[noreturn]] void Exit(Status status, const char* message = nullptr);

/// Ends the boot with `status` without printing anything (for kernels with their own output).
[[noreturn]] void ExitQemu(Status status);

/// Stops this CPU for good, interrupts off: what returning from KernelMain does.
[[noreturn]] void Halt();

}  // namespace unientry
