// SPDX-License-Identifier: MIT
// local-apic: enables this CPU's local APIC (x2APIC where the CPU has it; spurious vector
// 0xff), so that it takes IPIs: a parked AP is woken by one (unientry/cpu.h). Per-CPU. The
// boot CPU's timer entry enables its APIC too (the same two writes), so the timer does not
// depend on this entry's level.
#include "arch/x86/apic.h"
#include "init/cpu-features.h"
#include "inittab/init-entry.h"
#include "platform/platform.h"
#include "unientry/init.h"

namespace {

constexpr uint8_t kSpuriousVector = 0xff;

void EnableLocalApic() { arch::apic::Enable(kSpuriousVector, cpu::Current().x2apic); }

constexpr inittab::Exclusion kLocalApicExclusions[] = {
    inittab::OnFirmware(bootabi::Firmware::kXenPv,
                        "a Xen PV guest has no local APIC of its own: its interrupts are Xen's event channels"),
};

}  // namespace

INIT_ENTRY(gLocalApicInit, "local-apic", INIT_LEVEL_NORMAL, .flags = inittab::kPerCpu, .run = EnableLocalApic,
           .depends = inittab::DependsOn<gCpuFeaturesInit, gPlatformInit>(),
           .exclusions = inittab::Exclude(kLocalApicExclusions));
