// SPDX-License-Identifier: MIT
// The stack frame the exception stubs build, shared by exception-stubs.S and the C++ handler.
// The constants are checked against the struct below, so the assembly cannot drift from it.
#pragma once

#define INTERRUPT_FRAME_GPR_BYTES (15 * 8)  // rax..r15 without rsp, pushed by the common stub
#define INTERRUPT_FRAME_VECTOR 0x78         // pushed by each vector stub
#define INTERRUPT_FRAME_ERROR_CODE 0x80     // pushed by the CPU or a 0 from the stub
#define INTERRUPT_FRAME_RIP 0x88            // the CPU's interrupt frame starts here

#ifndef __ASSEMBLER__
#include <cstddef>
#include <cstdint>

namespace arch {

struct InterruptFrame {
  uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
  uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
  uint64_t vector;
  uint64_t error_code;
  // [intel/vol3]: 6.14.1 64-Bit Mode Stack Frame
  uint64_t rip, cs, rflags, rsp, ss;
};
static_assert(offsetof(InterruptFrame, vector) == INTERRUPT_FRAME_GPR_BYTES);
static_assert(offsetof(InterruptFrame, vector) == INTERRUPT_FRAME_VECTOR);
static_assert(offsetof(InterruptFrame, error_code) == INTERRUPT_FRAME_ERROR_CODE);
static_assert(offsetof(InterruptFrame, rip) == INTERRUPT_FRAME_RIP);

}  // namespace arch
#endif
