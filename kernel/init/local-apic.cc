// SPDX-License-Identifier: MIT
// local-apic: enables this CPU's local APIC (x2APIC where the CPU has it; spurious vector
// 0xff), so that it takes IPIs: a parked AP is woken by one (unientry/cpu.h). Per-CPU. The
// boot CPU's timer entry enables its APIC too (the same two writes), so the timer does not
// depend on this entry's level.
#include "arch/x86/apic.h"
#include "common/console.h"
#include "common/interrupts.h"
#include "init/cpu-features.h"
#include "inittab/init-entry.h"
#include "platform/platform.h"
#include "unientry/init.h"

namespace {

constexpr uint8_t kSpuriousVector = 0xff;

// An interrupt a previous owner left pending (Linux's local timer, vector 0xec, after kexec)
// is taken once interrupts are on: ended and ignored, not a crash. A kernel's own handler for
// that vector replaces this one.
void IgnoreStale(unientry::InterruptFrame&) { arch::apic::EndOfInterrupt(); }

void EnableLocalApic() {
  arch::apic::Enable(kSpuriousVector, cpu::Current().x2apic);
  uint64_t pending[4];
  arch::apic::TakeOver(pending);
  console::Line line;
  bool any = false;
  for (uint32_t vector = 32; vector < 256; ++vector) {
    if ((pending[vector / 64] >> (vector % 64) & 1) == 0 || interrupts::HasHandler(static_cast<uint8_t>(vector))) continue;
    interrupts::InstallPlatformHandler(static_cast<uint8_t>(vector), IgnoreStale);
    line.Append(any ? "," : "local-apic stale-vectors=").AppendHex(vector);
    any = true;
  }
  if (!any) line.Append("local-apic stale-vectors=none");
}

constexpr inittab::Exclusion kLocalApicExclusions[] = {
    inittab::OnFirmware(bootabi::Firmware::kXenPv,
                        "a Xen PV guest has no local APIC of its own: its interrupts are Xen's event channels"),
};

}  // namespace

INIT_ENTRY(gLocalApicInit, "local-apic", INIT_LEVEL_NORMAL, .flags = inittab::kPerCpu, .run = EnableLocalApic,
           .depends = inittab::DependsOn<gCpuFeaturesInit, gPlatformInit>(),
           .exclusions = inittab::Exclude(kLocalApicExclusions));
