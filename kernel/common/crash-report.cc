// SPDX-License-Identifier: MIT
// The CPU exception handler: prints what a developer needs to find the fault, then ends the
// boot with Status::kCrash. Format in docs/serial-format.md.
#include "arch/x86/cpu.h"
#include "arch/x86/interrupt-frame.h"
#include "common/console.h"
#include "common/crash-context.h"
#include "common/exit.h"
#include "common/init-plan.h"

namespace {

constexpr const char* kExceptionNames[32] = {
    "#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM", "#DF", "CSO", "#TS",
    "#NP", "#SS", "#GP", "#PF", "#15", "#MF", "#AC", "#MC", "#XM", "#VE", "#CP",
    "#22", "#23", "#24", "#25", "#26", "#27", "#HV", "#VC", "#SX", "#31"};

constinit bool gHandling = false;
constinit const char* gRunningTest = nullptr;

void Register(console::Line& line, const char* name, uint64_t value) {
  line.Append(" ").Append(name).Append("=").AppendHexPadded(value, 16);
}

}  // namespace

void SetRunningTest(const char* name) { gRunningTest = name; }
const char* RunningTest() { return gRunningTest; }

extern "C" [[noreturn]] void HandleException(const arch::InterruptFrame* frame) {
  // A fault while reporting a fault: stop at once rather than loop.
  if (gHandling) unientry::ExitQemu(unientry::Status::kCrash);
  gHandling = true;

  const uint64_t vector = frame->vector;
  const char* name = vector < 32 ? kExceptionNames[vector] : "unexpected interrupt";
  const char* init = RunningInitEntry();
  const char* test = RunningTest();
  {
    console::Line line(console::Importance::kAlways);
    line.Append("crash vector=").AppendDecimal(vector).Append(" (").Append(name).Append(")");
    line.Append(" error=").AppendHex(frame->error_code);
    line.Append(" rip=").AppendHexPadded(frame->rip, 16);
    line.Append(" cr2=").AppendHexPadded(arch::ReadCr2(), 16);
    line.Append(" init=").Append(init != nullptr ? init : "(none)");
    if (test != nullptr) line.Append(" test=").Append(test);
  }
  {
    console::Line line(console::Importance::kAlways);
    line.Append("crash");
    Register(line, "rax", frame->rax);
    Register(line, "rbx", frame->rbx);
    Register(line, "rcx", frame->rcx);
    Register(line, "rdx", frame->rdx);
    Register(line, "rsi", frame->rsi);
    Register(line, "rdi", frame->rdi);
    Register(line, "rbp", frame->rbp);
    Register(line, "rsp", frame->rsp);
  }
  {
    console::Line line(console::Importance::kAlways);
    line.Append("crash");
    Register(line, "r8", frame->r8);
    Register(line, "r9", frame->r9);
    Register(line, "r10", frame->r10);
    Register(line, "r11", frame->r11);
    Register(line, "r12", frame->r12);
    Register(line, "r13", frame->r13);
    Register(line, "r14", frame->r14);
    Register(line, "r15", frame->r15);
  }
  {
    console::Line line(console::Importance::kAlways);
    line.Append("crash");
    Register(line, "rflags", frame->rflags);
    Register(line, "cs", frame->cs);
    Register(line, "ss", frame->ss);
    Register(line, "cr0", arch::ReadCr0());
    Register(line, "cr3", arch::ReadCr3());
    Register(line, "cr4", arch::ReadCr4());
  }
  {
    console::Line line(console::Importance::kAlways);
    line.Append("status crash \"").Append(name);
    if (test != nullptr) {
      line.Append(" in test ").Append(test);
    } else {
      line.Append(" in init entry ").Append(init != nullptr ? init : "(none)");
    }
    line.Append("\"");
  }
  unientry::ExitQemu(unientry::Status::kCrash);
}
