// SPDX-License-Identifier: MIT
// Time and events for a Xen PV guest, which has no local APIC, PIT or HPET of its own
// (xen.h, vcpu.h, event_channel.h, callback.h):
//   - the clock is Xen's system time for the vCPU, kept by Xen in the shared info page
//     (vcpu_time_info: a TSC stamp and the scale from TSC ticks to nanoseconds);
//   - the timer is VCPUOP_set_singleshot_timer, which raises VIRQ_TIMER, bound here to an
//     event channel; Xen's default 100 Hz periodic timer is stopped, and a periodic timer is
//     the single-shot one armed again at each expiry;
//   - events arrive through the upcall registered with CALLBACKOP_register, dispatched as
//     XEN_PV_EVENT_VECTOR; "interrupts off" is the vCPU's event mask, and waiting is
//     SCHEDOP_block, which unmasks and checks for pending events atomically.
#include "abi/boot-descriptor.h"
#include "abi/x86-paging.h"
#include "abi/xen.h"
#include "arch/x86/cpu.h"
#include "arch/x86/interrupt-frame.h"
#include "common/boot-context.h"
#include "common/console.h"
#include "common/exit.h"
#include "common/interrupts.h"
#include "common/per-cpu.h"
#include "common/time-source.h"
#include "platform/pvclock.h"
#include "platform/xen-hypercall.h"
#include "platform/xen-pv-time.h"

extern "C" void xen_pv_event_upcall();  // arch/x86/exception-stubs.S

namespace {

namespace pv = bootabi::xen;

// The page of the image whose mapping becomes the shared info page's.
alignas(4096) constinit uint8_t gSharedInfoWindow[4096] = {};
constinit volatile pv::shared_info* gShared = nullptr;
constinit uint32_t gTimerPort = 0;
constinit uint64_t gStartNs = 0, gDeadlineNs = 0, gPeriodNs = 0;  // 0: not armed
constinit uint64_t gTscHz = 0;
constinit uint64_t gUnknownEvents = 0;

// This vCPU's: the per-CPU record's apic_id is the Xen vCPU ID under PV (0 for the boot CPU).
volatile pv::vcpu_info& Vcpu() { return gShared->vcpu_info[percpu::ThisCpu().apic_id]; }

// Xen's system time now, read under the version protocol (vcpu_time_info: odd while Xen
// updates; read again if it changed meanwhile).
uint64_t SystemTimeNs() {
  volatile pv::vcpu_time_info& time = Vcpu().time;
  for (;;) {
    const uint32_t version = time.version;
    __asm__ volatile("" ::: "memory");
    pv::vcpu_time_info snapshot;
    __builtin_memcpy(&snapshot, const_cast<const pv::vcpu_time_info*>(&time), sizeof(snapshot));
    const uint64_t tsc = arch::ReadTsc();
    __asm__ volatile("" ::: "memory");
    if ((version & 1) == 0 && version == time.version) return platform::PvclockNanoseconds(snapshot, tsc);
  }
}

bool ArmSingleshot(uint64_t deadline_ns) {
  pv::vcpu_set_singleshot_timer timer{deadline_ns, 0, 0};
  return xen::Hypercall(pv::kHypercallVcpuOp, pv::kVcpuOpSetSingleshotTimer, 0, reinterpret_cast<uint64_t>(&timer)) == 0;
}

// VIRQ_TIMER also says "time base updated": the kernel's callback runs only once its
// deadline has passed.
void OnTimerEvent() {
  if (gDeadlineNs == 0 || SystemTimeNs() < gDeadlineNs) return;
  if (gPeriodNs != 0) {
    gDeadlineNs += gPeriodNs;
    ArmSingleshot(gDeadlineNs);
  } else {
    gDeadlineNs = 0;
  }
  time::TimerExpired();
}

// The upcall: take every pending, unmasked port (xen.h, shared_info: clear the vCPU's
// pending flag, then the selector, then each port's bit, before handling it), then restore
// the event mask Xen saved in the frame's CS (bits 32-39), as Xen's iret would.
void OnEventUpcall(unientry::InterruptFrame& frame) {
  volatile pv::vcpu_info& vcpu = Vcpu();
  vcpu.evtchn_upcall_pending = 0;
  uint64_t selector = __atomic_exchange_n(&vcpu.evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);
  while (selector != 0) {
    const uint32_t word = static_cast<uint32_t>(__builtin_ctzll(selector));
    selector &= selector - 1;
    uint64_t pending = gShared->evtchn_pending[word] & ~gShared->evtchn_mask[word];
    while (pending != 0) {
      const uint32_t bit = static_cast<uint32_t>(__builtin_ctzll(pending));
      pending &= pending - 1;
      __atomic_fetch_and(&gShared->evtchn_pending[word], ~(uint64_t{1} << bit), __ATOMIC_SEQ_CST);
      const uint32_t port = word * 64 + bit;
      if (port == gTimerPort && percpu::ThisCpu().index == 0) {
        OnTimerEvent();
      } else if (port != percpu::ThisCpu().wake_port) {  // a wake-up needs nothing but the upcall
        ++gUnknownEvents;
      }
    }
  }
  vcpu.evtchn_upcall_mask = static_cast<uint8_t>(frame.cs >> 32);
  // Xen saves a kernel-mode CS with RPL 0; the kernel, in ring 3, returns to itself by iretq
  // with RPL 3 (xen-x86_64.h, HYPERVISOR_iret: "orb $3,1*8(%rsp); iretq").
  frame.cs = (frame.cs & 0xffff) | 3;
}

uint64_t MonotonicNs() { return SystemTimeNs() - gStartNs; }
uint64_t TscHz() { return gTscHz; }
const char* TscSource() { return "xen-pvclock"; }
const char* TimerSource() { return "xen-singleshot"; }

bool Arm(uint64_t nanoseconds, bool periodic) {
  gPeriodNs = periodic ? nanoseconds : 0;
  gDeadlineNs = SystemTimeNs() + nanoseconds;
  if (ArmSingleshot(gDeadlineNs)) return true;
  gDeadlineNs = gPeriodNs = 0;
  return false;
}

void Disarm() {
  gDeadlineNs = gPeriodNs = 0;
  xen::Hypercall(pv::kHypercallVcpuOp, pv::kVcpuOpStopSingleshotTimer, 0, 0);
}

constexpr time::Source kXenPvTime = {
    .monotonic_ns = MonotonicNs,
    .tsc_hz = TscHz,
    .tsc_source = TscSource,
    .timer_source = TimerSource,
    .arm = Arm,
    .disarm = Disarm,
};

// An unmask does not make Xen look for what became pending meanwhile: any hypercall does
// (Linux's xen_force_evtchn_callback uses xen_version too).
void ForcePendingUpcall() {
  if (Vcpu().evtchn_upcall_pending != 0) xen::Version();
}

void Fail(const char* what, uint64_t status) {
  console::Line().Append("xen-pv time: ").Append(what).Append(" returned ").AppendHex(status);
  Panic(what);
}

}  // namespace

namespace xen_pv {

const time::Source* StartTime() {
  const uint64_t shared_info = gBoot.descriptor->xen_pv_shared_info;
  if (shared_info == 0) Panic("xen-pv time: the stub handed over no shared info page");
  const uint64_t window = reinterpret_cast<uint64_t>(gSharedInfoWindow);
  namespace paging = bootabi::paging;
  const uint64_t pte = shared_info | paging::kPresent | paging::kWritable | paging::kAccessed | paging::kDirty;
  if (const uint64_t status = xen::Hypercall(pv::kHypercallUpdateVaMapping, window, pte, pv::kUvmfInvlpg); status != 0) {
    Fail("update_va_mapping of the shared info page", status);
  }
  gShared = reinterpret_cast<volatile pv::shared_info*>(window);
  Vcpu().evtchn_upcall_mask = 1;  // no upcall until the kernel enables interrupts

  interrupts::InstallPlatformHandler(XEN_PV_EVENT_VECTOR, OnEventUpcall);
  pv::callback_register callback{pv::kCallbackTypeEvent, 0, 0, reinterpret_cast<uint64_t>(xen_pv_event_upcall)};
  if (const uint64_t status = xen::Hypercall(pv::kHypercallCallbackOp, pv::kCallbackOpRegister,
                                             reinterpret_cast<uint64_t>(&callback));
      status != 0) {
    Fail("CALLBACKOP_register of the event upcall", status);
  }
  // Xen starts a PV vCPU with a 100 Hz periodic VIRQ_TIMER: the kernel asks for its own.
  xen::Hypercall(pv::kHypercallVcpuOp, pv::kVcpuOpStopPeriodicTimer, 0, 0);
  pv::evtchn_bind_virq bind{pv::kVirqTimer, 0, 0};
  if (const uint64_t status = xen::Hypercall(pv::kHypercallEventChannelOp, pv::kEvtchnOpBindVirq,
                                             reinterpret_cast<uint64_t>(&bind));
      status != 0) {
    Fail("EVTCHNOP_bind_virq of VIRQ_TIMER", status);
  }
  if (bind.port >= pv::kEventChannelWords * 64) Panic("xen-pv time: VIRQ_TIMER bound past the 2-level ports");
  gTimerPort = bind.port;
  __atomic_fetch_and(&gShared->evtchn_mask[gTimerPort / 64], ~(uint64_t{1} << (gTimerPort % 64)), __ATOMIC_SEQ_CST);

  pv::vcpu_time_info scale;
  __builtin_memcpy(&scale, const_cast<const pv::vcpu_time_info*>(&Vcpu().time), sizeof(scale));
  gTscHz = platform::PvclockTscHz(scale);
  gStartNs = SystemTimeNs();
  console::Line()
      .Append("timer xen-pv event-port=")
      .AppendDecimal(gTimerPort)
      .Append(" tsc-hz=")
      .AppendDecimal(gTscHz)
      .Append(" from xen-pvclock system-time-ns=")
      .AppendDecimal(gStartNs);
  return &kXenPvTime;
}

void EnableEvents() {
  if (gShared == nullptr) return;
  __asm__ volatile("" ::: "memory");
  Vcpu().evtchn_upcall_mask = 0;
  __asm__ volatile("" ::: "memory");
  ForcePendingUpcall();
}

void DisableEvents() {
  if (gShared == nullptr) return;
  Vcpu().evtchn_upcall_mask = 1;
  __asm__ volatile("" ::: "memory");
}

void WaitForEvent() {
  if (gShared == nullptr) return;
  Vcpu().evtchn_upcall_mask = 1;
  __asm__ volatile("" ::: "memory");
  // With events masked, SCHEDOP_block unmasks them and checks for pending ones atomically
  // (sched.h): an event between the caller's check and here is not lost. Its upcall runs on
  // the way back; then events are masked again.
  xen::Hypercall(pv::kHypercallSchedOp, pv::kSchedOpBlock, 0);
  DisableEvents();
}

uint32_t BindWakePort(uint32_t vcpu) {
  pv::evtchn_bind_ipi bind{vcpu, 0};
  if (const uint64_t status = xen::Hypercall(pv::kHypercallEventChannelOp, pv::kEvtchnOpBindIpi,
                                             reinterpret_cast<uint64_t>(&bind));
      status != 0 || bind.port >= pv::kEventChannelWords * 64) {
    Fail("EVTCHNOP_bind_ipi of an AP's wake channel", status);
  }
  __atomic_fetch_and(&gShared->evtchn_mask[bind.port / 64], ~(uint64_t{1} << (bind.port % 64)), __ATOMIC_SEQ_CST);
  return bind.port;
}

void SendEvent(uint32_t port) {
  pv::evtchn_send send{port};
  xen::Hypercall(pv::kHypercallEventChannelOp, pv::kEvtchnOpSend, reinterpret_cast<uint64_t>(&send));
}

}  // namespace xen_pv
