// SPDX-License-Identifier: MIT
#include "common/ap-start.h"

#include "arch/x86/cpu.h"
#include "common/console.h"
#include "common/init-plan.h"
#include "unientry/cpu.h"
#include "unientry/time.h"

namespace ap_start {
namespace {

using percpu::CpuState;

constinit uint32_t gOnline = 1;
constexpr uint64_t kStartTimeoutNs = 1'000'000'000;  // to answer
constexpr uint64_t kInitTimeoutNs = 10'000'000'000;  // then to run its per-CPU init entries

// The console lock: one CPU's line at a time; the CPU that holds it may take it again (a crash
// report while it prints).
constinit volatile uint32_t gConsoleOwner = 0;  // CPU index + 1; 0: free
constinit uint32_t gConsoleDepth = 0;

void LockConsole() {
  const uint32_t me = percpu::ThisCpu().index + 1;
  if (__atomic_load_n(&gConsoleOwner, __ATOMIC_ACQUIRE) == me) {
    ++gConsoleDepth;
    return;
  }
  uint32_t expected = 0;
  while (!__atomic_compare_exchange_n(&gConsoleOwner, &expected, me, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
    expected = 0;
    __builtin_ia32_pause();
  }
  gConsoleDepth = 1;
}

void UnlockConsole() {
  if (--gConsoleDepth == 0) __atomic_store_n(&gConsoleOwner, 0, __ATOMIC_RELEASE);
}

uint32_t ConsoleCpu() { return percpu::ThisCpu().index; }

// The boot CPU waits halted, not spinning: the APs' work and the waits do not compete for the
// CPU (under QEMU -icount, a spinning vCPU holds the one clock while the APs wait their turn).
// A periodic tick bounds each halt; an AP that parks may wake it at once. The tick is not
// short: a slow virtual CPU (Xen's PVH dom0 under load) must not spend its time in the tick's
// handler.
constexpr uint64_t kWaitTickNs = 200'000;
// But the wait for the APs' answers to their SIPI, at most 200 µs, ticks finely: an AP answers
// within microseconds (and cannot wake this CPU: its APIC is enabled later), and QEMU's TCG
// CPUs take a pending INIT or SIPI only at a timer event, one vCPU at a time. (KVM stretches a
// periodic local APIC timer to its min_timer_period_us, 200 µs by default: there the wait for
// answers lasts its bound.)
constexpr uint64_t kAnswerTickNs = 10'000;
void OnWaitTick(void*) {}

template <typename Done>
void WaitUntil(uint64_t timeout_ns, uint64_t tick_ns, Done done) {
  const uint64_t until = unientry::MonotonicNanoseconds() + timeout_ns;
  const bool ticking = unientry::StartTimer(tick_ns < timeout_ns ? tick_ns : timeout_ns, true, OnWaitTick, nullptr);
  while (!done() && unientry::MonotonicNanoseconds() < until) {
    if (ticking) {
      unientry::WaitForInterrupt();
    } else {
      __builtin_ia32_pause();
    }
  }
  unientry::StopTimer();
}

bool NoApIn(CpuState state) {
  for (uint32_t i = 1; i < percpu::CpuCount(); ++i) {
    if (percpu::CpuAt(i)->state == state) return false;
  }
  return true;
}

// Waits until no AP is in `state` any more or `timeout_ns` passed; those still in it fail.
void WaitWhile(CpuState state, uint64_t timeout_ns, const char* failure) {
  WaitUntil(timeout_ns, kWaitTickNs, [state] { return NoApIn(state); });
  for (uint32_t i = 1; i < percpu::CpuCount(); ++i) {
    percpu::Cpu& cpu = *percpu::CpuAt(i);
    CpuState expected = state;
    // The AP may answer at this very moment: only one of the two writes wins.
    if (__atomic_compare_exchange_n(&cpu.state, &expected, CpuState::kFailed, false, __ATOMIC_ACQ_REL,
                                    __ATOMIC_ACQUIRE)) {
      SayState(cpu, failure);
    }
  }
}

// The parked loop: interrupts off while it looks for work, on only inside the wait (sti; hlt,
// whose interrupt shadow keeps a wake-up between the check and hlt; Xen PV's SCHEDOP_block,
// which unmasks and checks for events atomically).
[[noreturn]] void Park(percpu::Cpu& cpu) {
  for (;;) {
    unientry::DisableInterrupts();
    const uint64_t posted = __atomic_load_n(&cpu.work_posted, __ATOMIC_ACQUIRE);
    if (posted != cpu.work_done) {
      cpu.state = CpuState::kRunning;
      cpu.work(cpu.work_argument);
      cpu.state = CpuState::kParked;
      __atomic_store_n(&cpu.work_done, posted, __ATOMIC_RELEASE);
      continue;
    }
    unientry::WaitForInterrupt();
  }
}

}  // namespace

void BeginApStart() {
  console::UseMultiCpu({LockConsole, UnlockConsole, ConsoleCpu});
  percpu::SetApsRunning();
}

void WaitForAnswers(uint64_t nanoseconds) {
  WaitUntil(nanoseconds, kAnswerTickNs, [] { return NoApIn(CpuState::kStarting); });
}

StartResult FinishStart(uint64_t first_tsc) {
  WaitWhile(CpuState::kStarting, kStartTimeoutNs, "did not start within 1000 ms");
  WaitWhile(CpuState::kInitialising, kInitTimeoutNs, "did not finish its per-CPU init within 10 s");
  // On this CPU's TSC (an AP's may not count from the same point after INIT): the last AP
  // parked at most one wake-up before this.
  StartResult result{arch::ReadTsc() - first_tsc, 0};
  uint32_t online = 0;
  for (uint32_t i = 1; i < percpu::CpuCount(); ++i) {
    const percpu::Cpu& cpu = *percpu::CpuAt(i);
    if (cpu.state != CpuState::kParked) continue;
    ++online;
    if (cpu.bring_up_ticks > result.longest_ap_ticks) result.longest_ap_ticks = cpu.bring_up_ticks;
  }
  gOnline = 1 + online;
  return result;
}

void BeginReport(console::Line& line, uint32_t started, uint32_t listed, uint32_t not_enabled) {
  line.Append("smp online=").AppendDecimal(gOnline).Append(" started=").AppendDecimal(started);
  line.Append(" listed=").AppendDecimal(listed).Append(" not-enabled=").AppendDecimal(not_enabled);
}

void EndReport(console::Line& line, const StartResult& result, uint64_t send_ticks) {
  line.Append(" bring-up-tsc=").AppendDecimal(result.ticks).Append(" send-tsc=").AppendDecimal(send_ticks);
  line.Append(" longest-ap-tsc=").AppendDecimal(result.longest_ap_ticks);
}

void SayState(const percpu::Cpu& cpu, const char* what) {
  console::Line(console::Importance::kAlways)
      .Append("smp cpu ")
      .AppendDecimal(cpu.index)
      .Append(" apic-id=")
      .AppendDecimal(cpu.apic_id)
      .Append(" ")
      .Append(what);
}

[[noreturn]] void HaltForever() {
  for (;;) unientry::WaitForInterrupt();
}

[[noreturn]] void JoinAsAp(percpu::Cpu& cpu, uint64_t entry_tsc, void (*parked)(percpu::Cpu& cpu)) {
  percpu::SetThisCpu(cpu);
  CpuState expected = CpuState::kStarting;
  if (!__atomic_compare_exchange_n(&cpu.state, &expected, CpuState::kInitialising, false, __ATOMIC_ACQ_REL,
                                   __ATOMIC_ACQUIRE)) {
    HaltForever();  // too late: the boot CPU gave up on it
  }
  RunPerCpuInitTable();
  cpu.bring_up_ticks = arch::ReadTsc() - entry_tsc;
  cpu.state = CpuState::kParked;
  if (parked != nullptr) parked(cpu);
  Park(cpu);
}


}  // namespace ap_start

namespace unientry {

uint32_t CpuCount() { return ap_start::gOnline; }
uint32_t CurrentCpu() { return percpu::ThisCpu().index; }
uint32_t CpuApicId(uint32_t cpu) {
  const percpu::Cpu* record = percpu::CpuAt(cpu);
  return record != nullptr ? record->apic_id : 0xffffffff;
}

bool RunOn(uint32_t cpu, CpuFunction function, void* argument) {
  percpu::Cpu* record = percpu::CpuAt(cpu);
  if (cpu == 0 || record == nullptr || record->state != percpu::CpuState::kParked || function == nullptr ||
      record->wake == nullptr) {
    return false;
  }
  if (record->work_posted != record->work_done) return false;  // handed something already
  record->work = function;
  record->work_argument = argument;
  __atomic_add_fetch(&record->work_posted, 1, __ATOMIC_RELEASE);
  record->wake(*record);
  return true;
}

void WaitForCpu(uint32_t cpu) {
  const percpu::Cpu* record = percpu::CpuAt(cpu);
  if (record == nullptr) return;
  while (__atomic_load_n(&record->work_done, __ATOMIC_ACQUIRE) != record->work_posted) __builtin_ia32_pause();
}

void RunOnAll(CpuFunction function, void* argument) {
  const uint32_t self = CurrentCpu();
  for (uint32_t i = 1; i < percpu::CpuCount(); ++i) {
    if (i != self) RunOn(i, function, argument);
  }
  function(argument);
  for (uint32_t i = 1; i < percpu::CpuCount(); ++i) {
    if (i != self) WaitForCpu(i);
  }
}

}  // namespace unientry
