// SPDX-License-Identifier: MIT
// smp: starts every application processor the MADT lists as enabled, in parallel, through
// INIT-SIPI-SIPI and the real-mode trampoline (arch/x86/ap-trampoline.S) on a page the frame
// allocator gives below 1 MiB ([intel/vol3] 9.4.4 "MP Initialization Example"). Each AP joins
// one per-CPU path (ApStart): its own record and stack, the per-CPU entries of the boot
// CPU's plan with its own trace, then the parked loop where unientry::RunOn reaches it. An AP
// that does not answer within 1 s is reported and left out; the boot goes on (common/ap-start).
#include "acpi/madt.h"
#include "arch/x86/ap-trampoline.h"
#include "arch/x86/apic.h"
#include "arch/x86/cpu.h"
#include "arch/x86/descriptor-tables.h"
#include "arch/x86/segments.h"
#include "common/ap-start.h"
#include "common/console.h"
#include "init/command-line.h"
#include "common/init-plan.h"
#include "common/per-cpu.h"
#include "init/cpu-features.h"
#include "inittab/init-entry.h"
#include "unientry/acpi.h"
#include "unientry/cpu.h"
#include "unientry/init.h"
#include "unientry/interrupts.h"
#include "unientry/memory.h"
#include "unientry/time.h"

extern const inittab::InitEntry gLocalApicInit;
extern const inittab::InitEntry gCpuTablesInit;

namespace {

using percpu::CpuState;

constexpr uint8_t kWakeVector = 0xf2;  // the IPI that wakes a parked AP
constexpr uint64_t kApStackBytes = 16 * 1024;
constexpr uint64_t kSecondSipiDelayNs = 200'000;  // the MP specification's 200 µs

// This CPU's APIC ID as CPUID gives it: the x2APIC ID (leaf 0xB) where the CPU has the leaf,
// else the initial xAPIC ID (leaf 1, EBX[31:24]). An AP reads it before its APIC is enabled.
uint32_t CpuidApicId() {
  if (arch::Cpuid(0).eax >= 0xb) {
    const arch::CpuidResult topology = arch::Cpuid(0xb, 0);
    if (topology.ebx != 0) return topology.edx;
  }
  return arch::Cpuid(1).ebx >> 24;
}

void OnWake(unientry::InterruptFrame&) { arch::apic::EndOfInterrupt(); }

percpu::Cpu* FindCpu(uint32_t apic_id) {
  for (uint32_t i = 1; i < percpu::CpuCount(); ++i) {
    percpu::Cpu* cpu = percpu::CpuAt(i);
    if (cpu->apic_id == apic_id) return cpu;
  }
  return nullptr;
}

bool HasOtherCpus() {
  const acpi::Madt* madt = unientry::AcpiMadt();
  if (madt == nullptr) return false;
  const uint32_t boot = CpuidApicId();
  for (uint32_t i = 0; i < madt->cpu_count; ++i) {
    if (madt->cpus[i].enabled && madt->cpus[i].apic_id != boot) return true;
  }
  return false;
}

struct Trampoline {
  uint64_t page = 0;
  bool ok = false;
};

// The trampoline's pages, its data block and the APs' stacks; false (said) without memory.
Trampoline PrepareTrampoline(uint32_t aps) {
  Trampoline trampoline;
  const unientry::FrameRun pages = unientry::AllocateFrames({.count = arch::kApTrampolinePages, .below = 1u << 20});
  const unientry::FrameRun stacks = unientry::AllocateFrames({.count = aps * kApStackBytes / unientry::kFrameSize});
  if (!pages.ok() || !stacks.ok()) {
    console::Line(console::Importance::kAlways)
        .Append("smp no memory for the AP trampoline or stacks: ")
        .Append(pages.ok() ? stacks.error : pages.error);
    return trampoline;
  }
  trampoline.page = pages.address;
  auto* code = reinterpret_cast<uint8_t*>(pages.address);
  __builtin_memcpy(code, ap_trampoline_start, static_cast<size_t>(ap_trampoline_end - ap_trampoline_start));
  auto& data = *reinterpret_cast<arch::ApTrampolineData*>(pages.address + arch::kApTrampolineDataOffset);
  data = arch::ApTrampolineData{};
  data.gdt[1] = GDT_CODE64;  // KERNEL_CS, as the kernel's GDT
  data.gdt[2] = GDT_DATA;    // KERNEL_DS
  data.gdt[3] = GDT_CODE32;  // for the step through protected mode
  data.gdt_limit = sizeof(data.gdt) - 1;
  data.gdt_base = static_cast<uint32_t>(pages.address + arch::kApTrampolineDataOffset);
  extern const uint8_t ap_trampoline_32[] __asm__("ap_trampoline_32");
  extern const uint8_t ap_trampoline_64[] __asm__("ap_trampoline_64");
  data.to_protected_mode = {static_cast<uint32_t>(pages.address + (ap_trampoline_32 - ap_trampoline_start)),
                            arch::kApTrampolineCode32Selector};
  data.to_long_mode = {static_cast<uint32_t>(pages.address + (ap_trampoline_64 - ap_trampoline_start)), KERNEL_CS};
  // The AP's CR3 must fit 32 bits: a copy of this CPU's top-level table in the second page.
  const uint64_t root = arch::ReadCr3() & ~uint64_t{0xfff};
  __builtin_memcpy(reinterpret_cast<void*>(pages.address + unientry::kFrameSize), reinterpret_cast<const void*>(root),
                   unientry::kFrameSize);
  data.cr3 = static_cast<uint32_t>(pages.address + unientry::kFrameSize);
  data.cr4_set = static_cast<uint32_t>(arch::kCr4Pae | (arch::ReadCr4() & arch::kCr4La57));
  data.efer_set = static_cast<uint32_t>(arch::kEferLme | (arch::ReadMsr(arch::kMsrEfer) & arch::kEferNxe));
  data.entry = reinterpret_cast<uint64_t>(&ApStart);
  data.stacks = stacks.address;
  data.stack_bytes = kApStackBytes;
  trampoline.ok = true;
  return trampoline;
}

void WakeByIpi(percpu::Cpu& cpu) {
  arch::apic::SendIpi(cpu.apic_id, arch::apic::kIcrFixed | arch::apic::kIcrAssert | kWakeVector);
}

// Once an AP parks, it wakes the boot CPU, which waits halted for the last one (with this CPU's
// APIC enabled; otherwise the boot CPU's tick finds it).
void TellBootCpu(percpu::Cpu&) {
  if (InitEntryRanHere(gLocalApicInit)) WakeByIpi(*percpu::CpuAt(0));
}

void StartCpus() {
  const acpi::Madt& madt = *unientry::AcpiMadt();
  percpu::Cpu& boot = percpu::ThisCpu();
  boot.apic_id = CpuidApicId();
  uint32_t listed = 0, not_enabled = 0, unreachable = 0, dropped = 0;
  for (uint32_t i = 0; i < madt.cpu_count; ++i) {
    const acpi::Cpu& entry = madt.cpus[i];
    if (entry.apic_id == boot.apic_id) continue;
    ++listed;
    // Online-capable but not enabled: a CPU the firmware may add later (hot plug), not present now.
    if (!entry.enabled) {
      ++not_enabled;
      continue;
    }
    if (!arch::apic::X2Apic() && entry.apic_id > 0xfe) {
      ++unreachable;  // an xAPIC's 8-bit destination cannot name it
      continue;
    }
    percpu::Cpu* cpu = percpu::AddCpu(entry.apic_id);
    if (cpu == nullptr) {
      ++dropped;
      continue;
    }
    const unientry::FrameRun tables = unientry::AllocateFrames(
        {.count = (sizeof(arch::CpuTables) + unientry::kFrameSize - 1) / unientry::kFrameSize});
    if (!tables.ok()) {
      ap_start::SayState(*cpu, "has no memory for its descriptor tables");
      cpu->state = CpuState::kFailed;
      continue;
    }
    cpu->tables = reinterpret_cast<arch::CpuTables*>(tables.address);
    cpu->wake = WakeByIpi;
    cpu->state = CpuState::kStarting;
  }
  const uint32_t aps = percpu::CpuCount() - 1;
  const Trampoline trampoline = aps != 0 ? PrepareTrampoline(aps) : Trampoline{};
  ap_start::StartResult result{0, 0};
  uint64_t send_ticks = 0;
  if (trampoline.ok) {
    unientry::SetInterruptHandler(kWakeVector, OnWake);
    ap_start::BeginApStart();
    // All INITs, then all SIPIs, then, for whoever has not answered within 200 µs, a second
    // SIPI (Intel's MP specification, B.4): the APs start together. No 10 ms after INIT: the
    // CPUs this runs on (family 6 and later, and every virtual CPU) do not need it, as Linux's
    // init_udelay = 0 says. The waits below run on the clock: have it measured (on its first
    // use) before the first INIT, so that the bring-up's cost is the bring-up's.
    (void)unientry::TscFrequency();
    const uint32_t vector = static_cast<uint32_t>(trampoline.page >> 12);
    const uint64_t first_init = arch::ReadTsc();
    for (uint32_t i = 1; i <= aps; ++i) {
      percpu::Cpu& cpu = *percpu::CpuAt(i);
      if (cpu.state != CpuState::kStarting) continue;
      arch::apic::SendIpi(cpu.apic_id, arch::apic::kIcrInit | arch::apic::kIcrAssert | arch::apic::kIcrLevelTriggered);
      arch::apic::SendIpi(cpu.apic_id, arch::apic::kIcrInit | arch::apic::kIcrLevelTriggered);
    }
    // The test hook unientry.smp-test=silent-ap (docs/serial-format.md): the last AP gets its
    // INIT but no SIPI, so it never answers, as a dead CPU would not.
    base::StringView test;
    const uint32_t silent = command_line::Lookup("unientry.smp-test", test) && test == "silent-ap" ? aps : 0;
    const auto send_startup = [&] {
      for (uint32_t i = 1; i <= aps; ++i) {
        const percpu::Cpu& cpu = *percpu::CpuAt(i);
        if (cpu.state == CpuState::kStarting && i != silent) arch::apic::SendIpi(cpu.apic_id, arch::apic::kIcrStartup | vector);
      }
    };
    send_startup();
    send_ticks = arch::ReadTsc() - first_init;  // every INIT and first SIPI sent
    ap_start::WaitForAnswers(kSecondSipiDelayNs);  // halted, so that the APs run their start meanwhile
    send_startup();
    result = ap_start::FinishStart(first_init);
  }
  console::Line line(console::Importance::kAlways);
  ap_start::BeginReport(line, aps, listed + 1, not_enabled);
  if (madt.cpus_absent != 0) line.Append(" absent=").AppendDecimal(madt.cpus_absent);
  if (unreachable != 0) line.Append(" x2apic-ids-without-x2apic=").AppendDecimal(unreachable);
  if (dropped != 0) line.Append(" past-the-most=").AppendDecimal(dropped);
  ap_start::EndReport(line, result, send_ticks);
}

}  // namespace

// An AP's one per-CPU path, from the trampoline: its record (found by APIC ID), the shared IDT
// (so a fault is reported), the per-CPU entries, then the parked loop.
extern "C" [[noreturn]] void ApStart(uint32_t, uint64_t entry_tsc) {
  arch::LoadInterruptTable();
  percpu::Cpu* cpu = FindCpu(CpuidApicId());
  if (cpu == nullptr) ap_start::HaltForever();  // not one the boot CPU started
  ap_start::JoinAsAp(*cpu, entry_tsc, TellBootCpu);
}

constexpr inittab::Exclusion kSmpExclusions[] = {
    inittab::OnFirmware(bootabi::Firmware::kXenPv,
                        "a Xen PV guest's vCPUs have no local APIC: the xen-pv-smp entry starts them "
                        "(VCPUOP_initialise, VCPUOP_up)"),
};

INIT_ENTRY(gSmpInit, "smp", INIT_LEVEL_CPU_START, .detect = HasOtherCpus, .run = StartCpus,
           .depends = inittab::DependsOn<gAcpiInit, gFramesInit, gTimerInit, gLocalApicInit, gCpuTablesInit,
                                         gCommandLineInit>(),
           .exclusions = inittab::Exclude(kSmpExclusions));
