// SPDX-License-Identifier: MIT
// xen-pv-smp: a Xen PV guest's application processors. There is no local APIC to send INIT
// and SIPI with: each vCPU Xen gave the domain (VCPUOP_is_up says which exist) gets a first
// context by VCPUOP_initialise and is started by VCPUOP_up (vcpu.h), the way Linux's
// cpu_initialize_context does. Its entry stub (xen_pv_ap_start) joins the same per-CPU path as
// an INIT-SIPI AP: its record, the per-CPU entries with its own trace, the parked loop (woken
// through an event channel bound to it).
#include "abi/xen.h"
#include "common/ap-start.h"
#include "common/boot-context.h"
#include "common/console.h"
#include "common/per-cpu.h"
#include "arch/x86/cpu.h"
#include "inittab/init-entry.h"
#include "abi/boot-params.h"
#include "platform/platform.h"
#include "platform/xen-hypercall.h"
#include "platform/xen-pv-time.h"
#include "unientry/cpu.h"
#include "unientry/init.h"

extern "C" void xen_pv_ap_start();
extern "C" void xen_pv_event_upcall();
extern "C" void xen_pv_failsafe();

namespace {

namespace pv = bootabi::xen;
using percpu::CpuState;

// The APs' stacks: a PV guest has no frame allocator (memory past Xen's initial mapping is not
// mapped), so they are the kernel's own, in .scratch (written before read).
constexpr uint32_t kMaxAps = 8;
constexpr uint64_t kStackBytes = 16 * 1024;
alignas(16) [[gnu::section(".scratch")]] constinit uint8_t gStacks[kMaxAps][kStackBytes] = {};
[[gnu::section(".scratch")]] constinit pv::vcpu_guest_context gContext = {};


bool VcpuExists(uint32_t vcpu) {
  // 0 (down) or 1 (up); a negative errno (-ENOENT) for a vCPU the domain does not have.
  return static_cast<int64_t>(xen::Hypercall(pv::kHypercallVcpuOp, pv::kVcpuOpIsUp, vcpu, 0)) >= 0;
}

// Only a Xen PV guest starts its vCPUs this way (elsewhere the smp entry's INIT-SIPI does):
// detected on the Xen PV platform when the domain has a second vCPU.
bool HasOtherVcpus() {
  return platform::BootHardwareSubarch() == static_cast<uint32_t>(bootabi::HardwareSubarch::kXen) && VcpuExists(1);
}

void WakeByEvent(percpu::Cpu& cpu) { xen_pv::SendEvent(cpu.wake_port); }

// The machine address of the page tables the boot vCPU runs on: Xen's bootstrap tables, whose
// top level start_info named (pseudo-physical = virtual here), through the frame list.
uint64_t PageTableMachineAddress() {
  const bootabi::boot_descriptor& descriptor = *gBoot.descriptor;
  const uint64_t pfn = descriptor.xen_pv_pt_base >> 12;
  if (descriptor.xen_pv_mfn_list == 0 || pfn >= descriptor.xen_pv_nr_pages) return 0;
  return reinterpret_cast<const uint64_t*>(descriptor.xen_pv_mfn_list)[pfn] << 12;
}

// The first context of vCPU `cpu.apic_id`: in kernel mode at xen_pv_ap_start on its stack,
// with the boot vCPU's page tables, trap table and event callback; Xen's flat selectors (no
// GDT of its own: gdt_ents 0 leaves Xen's reserved entries, which the flat selectors name).
bool StartVcpu(percpu::Cpu& cpu, uint8_t* stack_top, uint64_t cr3) {
  gContext = pv::vcpu_guest_context{};
  gContext.flags = pv::kVgcfInKernel;
  gContext.user_regs.rip = reinterpret_cast<uint64_t>(xen_pv_ap_start);
  gContext.user_regs.rsp = reinterpret_cast<uint64_t>(stack_top);
  gContext.user_regs.rdi = cpu.index;
  gContext.user_regs.cs = pv::kFlatKernelCs64;
  gContext.user_regs.ss = pv::kFlatKernelSs64;
  gContext.user_regs.rflags = 0x1000;  // as Linux's: IOPL 1, interrupts (events) by the mask
  xen_pv::WriteTrapTable(gContext.trap_ctxt);
  gContext.kernel_ss = pv::kFlatKernelSs64;
  gContext.kernel_sp = reinterpret_cast<uint64_t>(stack_top);
  gContext.ctrlreg[3] = cr3;
  gContext.event_callback_eip = reinterpret_cast<uint64_t>(xen_pv_event_upcall);
  gContext.failsafe_callback_eip = reinterpret_cast<uint64_t>(xen_pv_failsafe);
  gContext.gs_base_kernel = reinterpret_cast<uint64_t>(&cpu);
  const uint64_t initialised =
      xen::Hypercall(pv::kHypercallVcpuOp, pv::kVcpuOpInitialise, cpu.apic_id, reinterpret_cast<uint64_t>(&gContext));
  if (initialised != 0) {
    console::Line(console::Importance::kAlways)
        .Append("smp cpu ")
        .AppendDecimal(cpu.index)
        .Append(" vcpu=")
        .AppendDecimal(cpu.apic_id)
        .Append(" VCPUOP_initialise returned ")
        .AppendHex(initialised);
    return false;
  }
  return xen::Hypercall(pv::kHypercallVcpuOp, pv::kVcpuOpUp, cpu.apic_id, 0) == 0;
}

void StartVcpus() {
  const uint64_t cr3 = PageTableMachineAddress();
  uint32_t listed = 1, dropped = 0;
  for (uint32_t vcpu = 1; vcpu < percpu::kMaxCpus && VcpuExists(vcpu); ++vcpu) {
    ++listed;
    if (vcpu > kMaxAps) {
      ++dropped;
      continue;
    }
    percpu::Cpu* cpu = percpu::AddCpu(vcpu);  // the record's apic_id is the vCPU ID under PV
    if (cpu == nullptr) {
      ++dropped;
      continue;
    }
    cpu->wake = WakeByEvent;
    cpu->state = CpuState::kStarting;
  }
  const uint32_t aps = percpu::CpuCount() - 1;
  ap_start::StartResult result{0, 0};
  if (aps != 0 && cr3 != 0) {
    ap_start::BeginApStart();
    const uint64_t first = arch::ReadTsc();
    for (uint32_t i = 1; i <= aps; ++i) {
      percpu::Cpu& cpu = *percpu::CpuAt(i);
      if (!StartVcpu(cpu, gStacks[i - 1] + kStackBytes, cr3)) {
        cpu.state = CpuState::kFailed;
        ap_start::SayState(cpu, "was refused by Xen (VCPUOP_initialise or VCPUOP_up)");
      }
    }
    result = ap_start::FinishStart(first);
  }
  console::Line line(console::Importance::kAlways);
  ap_start::BeginReport(line, aps, listed, 0);
  if (dropped != 0) line.Append(" past-the-most=").AppendDecimal(dropped);
  if (cr3 == 0) line.Append(" no-page-table-frame");
  ap_start::EndReport(line, result, 0);
}

}  // namespace

// A Xen PV AP's C++ start, from xen_pv_ap_start: its wake channel, then the one per-CPU path.
extern "C" [[noreturn]] void XenPvApStart(uint32_t index, uint64_t entry_tsc) {
  percpu::Cpu* cpu = percpu::CpuAt(index);
  if (cpu == nullptr) ap_start::HaltForever();
  percpu::SetThisCpu(*cpu);  // before the event code, which finds this vCPU's vcpu_info there
  cpu->wake_port = xen_pv::BindWakePort(cpu->apic_id);
  ap_start::JoinAsAp(*cpu, entry_tsc, nullptr);
}

INIT_ENTRY(gXenPvSmpInit, "xen-pv-smp", INIT_LEVEL_CPU_START, .detect = HasOtherVcpus, .run = StartVcpus,
           .depends = inittab::DependsOn<gTimerInit, gPlatformInit>());
