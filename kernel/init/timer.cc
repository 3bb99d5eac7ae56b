// SPDX-License-Identifier: MIT
// timer: the monotonic clock and the local APIC timer. At boot the 8259 PICs are moved to
// vectors 0x20-0x2f and masked (their spurious IRQs 7 and 15 are taken and ignored), the local
// APIC enabled (x2APIC where present), and the TSC's frequency taken where the CPU or the
// hypervisor states it (CPUID 0x15/0x16, Xen's or KVM's leaf). Measuring it (10 ms of the PIT
// or the HPET) and the APIC timer's rate (10 ms of the TSC) is left to the first use of the
// clock or the timer: a boot that never asks for time does not spend 20 ms on it. A platform
// with its own time (Platform::start_time: Xen PV) starts that instead.
#include "acpi/tables.h"
#include "arch/x86/apic.h"
#include "arch/x86/cpu.h"
#include "arch/x86/legacy-timers.h"
#include "common/console.h"
#include "common/time-source.h"
#include "init/command-line.h"
#include "init/cpu-features.h"
#include "common/exit.h"
#include "inittab/init-entry.h"
#include "platform/platform.h"
#include "unientry/acpi.h"
#include "unientry/init.h"
#include "unientry/interrupts.h"
#include "unientry/time.h"

namespace {

constexpr uint8_t kPicBase = 0x20, kTimerVector = 0xef, kSpuriousVector = 0xff;
constexpr uint64_t kCalibrationMs = 10;

constinit uint64_t gTscHz = 0, gApicHz = 0, gStartTsc = 0, gNsScale = 0;  // ns = ticks * scale >> 32
constinit const char* gTscSource = "";
constinit bool gTscDeadline = false, gReady = false, gCalibrated = false;
constinit bool gPeriodic = false;  // how the timer is armed

// The TSC's frequency where the CPU or the hypervisor states it.
uint64_t StatedTscHz(const char*& source) {
  const uint32_t max_leaf = cpu::Current().max_leaf;
  if (max_leaf >= 0x15) {
    // CPUID 0x15: TSC / crystal ratio EBX/EAX, crystal Hz in ECX (0: not given).
    const arch::CpuidResult tsc = arch::Cpuid(0x15);
    if (tsc.eax != 0 && tsc.ebx != 0 && tsc.ecx != 0) {
      source = "cpuid-15h";
      return uint64_t{tsc.ecx} * tsc.ebx / tsc.eax;
    }
  }
  if (max_leaf >= 0x16) {
    const uint32_t mhz = arch::Cpuid(0x16).eax & 0xffff;  // base frequency, MHz
    if (mhz != 0) {
      source = "cpuid-16h";
      return uint64_t{mhz} * 1000000;
    }
  }
  const platform::HypervisorInfo& hypervisor = platform::Hypervisor();
  // Xen's leaf base + 3, sub-leaf 0: ECX = the guest's TSC frequency in kHz (xen/include/
  // public/arch-x86/cpuid.h).
  if (hypervisor.vendor == platform::Hypervisor::kXen && hypervisor.max_leaf >= hypervisor.base + 3) {
    const uint32_t khz = hypervisor.features[2].ecx;  // base + 3, read at sub-leaf 0 by the platform scan
    if (khz != 0) {
      source = "xen-leaf";
      return uint64_t{khz} * 1000;
    }
  }
  // KVM's and VMware's leaf 0x40000010: EAX = TSC kHz (when the hypervisor lists the leaf).
  if (hypervisor.base != 0 && hypervisor.max_leaf >= hypervisor.base + 0x10) {
    const uint32_t khz = arch::Cpuid(hypervisor.base + 0x10).eax;
    if (khz != 0) {
      source = "hypervisor-leaf";
      return uint64_t{khz} * 1000;
    }
  }
  return 0;
}

// TSC ticks over kCalibrationMs of the HPET's main counter.
uint64_t TscTicksOverHpet(uint64_t hpet) {
  volatile uint64_t* registers = reinterpret_cast<volatile uint64_t*>(hpet);
  const uint64_t period_fs = registers[0] >> 32;  // capabilities: counter period, femtoseconds
  if (period_fs == 0 || period_fs > 100000000) return 0;  // the spec's bound: 100 ns
  registers[2] = registers[2] | 1;                        // general configuration: enable
  const uint64_t ticks = kCalibrationMs * 1000000000000ull / period_fs;
  const uint64_t start_counter = registers[30], start = arch::ReadTsc();  // main counter at 0xf0
  for (uint64_t polls = 0; polls < 100000000; ++polls) {
    if (registers[30] - start_counter >= ticks) return arch::ReadTsc() - start;
  }
  return 0;
}

void OnTimer(unientry::InterruptFrame&) {
  arch::apic::EndOfInterrupt();
  if (!gPeriodic && gTscDeadline) arch::apic::Write(arch::apic::kLvtTimer, arch::apic::kLvtMasked | kTimerVector);
  time::TimerExpired();
}

void IgnoreSpurious(unientry::InterruptFrame&) {}  // no EOI for a spurious interrupt (SDM 11.9)

// The measurements a stated frequency does not give: the TSC's (when needed) and the APIC
// timer's rate, on the first use of the clock or the timer.
void EnsureCalibrated() {
  if (gCalibrated || !gReady) return;
  // The test hook unientry.tsc-calibration=pit|hpet (docs/serial-format.md) measures against
  // that clock, whatever the CPU states, so each path is tested where the machine has it.
  base::StringView forced;
  command_line::Lookup("unientry.tsc-calibration", forced);
  const bool force_pit = forced == "pit", force_hpet = forced == "hpet";
  if (force_pit || force_hpet) gTscHz = 0;
  if (gTscHz == 0 && !force_hpet) {
    const uint64_t ticks = arch::legacy::TscTicksOverPit(kCalibrationMs);
    if (ticks != 0) {
      gTscHz = ticks * (1000 / kCalibrationMs);
      gTscSource = "pit";
    }
  }
  if (gTscHz == 0) {
    if (const acpi::Hpet* hpet = unientry::AcpiHpet(); hpet != nullptr) {
      const uint64_t ticks = TscTicksOverHpet(hpet->address);
      if (ticks != 0) {
        gTscHz = ticks * (1000 / kCalibrationMs);
        gTscSource = "hpet";
      }
    }
  }
  if (gTscHz < 1000000) Fail("timer: no clock to calibrate the TSC against (no CPUID frequency, PIT or HPET)");
  gNsScale = static_cast<uint64_t>((static_cast<unsigned __int128>(1000000000) << 32) / gTscHz);

  // The APIC timer's rate, against the TSC: count down from the top for kCalibrationMs.
  arch::apic::Write(arch::apic::kTimerDivide, arch::apic::kTimerDivideBy16);
  arch::apic::Write(arch::apic::kLvtTimer, arch::apic::kLvtMasked | kTimerVector);
  arch::apic::Write(arch::apic::kTimerInitialCount, 0xffffffff);
  const uint64_t until = arch::ReadTsc() + gTscHz / 1000 * kCalibrationMs;
  while (arch::ReadTsc() < until) {
  }
  gApicHz = uint64_t{0xffffffff - arch::apic::Read(arch::apic::kTimerCurrentCount)} * (1000 / kCalibrationMs);
  arch::apic::Write(arch::apic::kTimerInitialCount, 0);
  gCalibrated = true;
  console::Line()
      .Append("timer calibrated tsc-hz=")
      .AppendDecimal(gTscHz)
      .Append(" from ")
      .Append(gTscSource)
      .Append(" apic-timer-hz=")
      .AppendDecimal(gApicHz);
}

void StartApicTime() {
  arch::legacy::RemapAndMaskPics(kPicBase);
  unientry::SetInterruptHandler(kPicBase + 7, IgnoreSpurious);
  unientry::SetInterruptHandler(kPicBase + 15, IgnoreSpurious);
  unientry::SetInterruptHandler(kSpuriousVector, IgnoreSpurious);
  unientry::SetInterruptHandler(kTimerVector, OnTimer);
  const cpu::Features& features = cpu::Current();
  const bool x2apic = features.x2apic;
  arch::apic::Enable(kSpuriousVector, x2apic);
  arch::apic::Write(arch::apic::kLvtTimer, arch::apic::kLvtMasked | kTimerVector);
  gTscHz = StatedTscHz(gTscSource);
  gTscDeadline = features.tsc_deadline;
  gStartTsc = arch::ReadTsc();
  gReady = true;
  console::Line line;
  line.Append("timer local-apic=").Append(x2apic ? "x2apic" : "xapic");
  line.Append(gTscDeadline ? " tsc-deadline=yes" : " tsc-deadline=no");
  if (gTscHz != 0) {
    line.Append(" tsc-hz=").AppendDecimal(gTscHz).Append(" from ").Append(gTscSource);
  } else {
    line.Append(" tsc-hz=measured-on-first-use");
  }
}

uint64_t ApicMonotonicNanoseconds() {
  EnsureCalibrated();
  return static_cast<uint64_t>((static_cast<unsigned __int128>(arch::ReadTsc() - gStartTsc) * gNsScale) >> 32);
}
uint64_t ApicTscFrequency() {
  EnsureCalibrated();
  return gTscHz;
}
const char* ApicTscFrequencySource() {
  EnsureCalibrated();
  return gTscSource;
}
const char* ApicTimerSource() { return gTscDeadline ? "apic-tsc-deadline" : "apic"; }

void DisarmApicTimer() {
  arch::apic::Write(arch::apic::kLvtTimer, arch::apic::kLvtMasked | kTimerVector);
  arch::apic::Write(arch::apic::kTimerInitialCount, 0);
  if (gTscDeadline) arch::WriteMsr(arch::apic::kMsrTscDeadline, 0);
}

bool ArmApicTimer(uint64_t nanoseconds, bool periodic) {
  EnsureCalibrated();
  gPeriodic = periodic;
  if (!periodic && gTscDeadline) {
    arch::apic::Write(arch::apic::kLvtTimer, arch::apic::kLvtTimerTscDeadline | kTimerVector);
    const uint64_t ticks = static_cast<uint64_t>(static_cast<unsigned __int128>(nanoseconds) * gTscHz / 1000000000);
    arch::WriteMsr(arch::apic::kMsrTscDeadline, arch::ReadTsc() + ticks);
    return true;
  }
  uint64_t count = static_cast<uint64_t>(static_cast<unsigned __int128>(nanoseconds) * gApicHz / 1000000000);
  if (count == 0) count = 1;
  if (count > 0xffffffff) return false;  // longer than the 32-bit counter reaches at this rate
  arch::apic::Write(arch::apic::kLvtTimer, (periodic ? arch::apic::kLvtTimerPeriodic : 0) | kTimerVector);
  arch::apic::Write(arch::apic::kTimerInitialCount, static_cast<uint32_t>(count));
  return true;
}

constexpr time::Source kApicTime = {
    .monotonic_ns = ApicMonotonicNanoseconds,
    .tsc_hz = ApicTscFrequency,
    .tsc_source = ApicTscFrequencySource,
    .timer_source = ApicTimerSource,
    .arm = ArmApicTimer,
    .disarm = DisarmApicTimer,
};

void StartTime() {
  if (const auto start = platform::Current().start_time; start != nullptr) {
    time::UseSource(*start());
    return;
  }
  StartApicTime();
  time::UseSource(kApicTime);
}

}  // namespace

INIT_ENTRY(gTimerInit, "timer", INIT_LEVEL_NORMAL, .run = StartTime,
           .depends = inittab::DependsOn<gCpuFeaturesInit, gPlatformInit, gCommandLineInit>());
