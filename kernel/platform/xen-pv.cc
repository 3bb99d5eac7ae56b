// SPDX-License-Identifier: MIT
// Xen PV: the platform when the entry said hardware_subarch XEN (the Xen PV entry). The kernel
// runs in ring 3 under Xen, so every privileged step of the common path goes through a
// hypercall here: exception handlers (set_trap_table), the GDT (its page mapped read-only by
// update_va_mapping and handed over by machine frame with set_gdt), the console (console_io),
// and the exit (set_iopl, then the isa-debug-exit port, which Xen lets dom0 reach; else
// shutdown).
#include "abi/boot-params.h"
#include "abi/x86-paging.h"
#include "abi/xen.h"
#include "arch/x86/cpu.h"
#include "common/boot-context.h"
#include "common/exit.h"
#include "platform/platform.h"
#include "platform/xen-hypercall.h"
#include "platform/xen-pv-time.h"

extern "C" const uint64_t xen_pv_exception_vectors[32];

namespace xen_pv {

void WriteTrapTable(bootabi::xen::trap_info* traps) {
  for (uint8_t vector = 0; vector < 32; ++vector) {
    traps[vector] = bootabi::xen::trap_info{vector, 0, bootabi::xen::kFlatKernelCs64, 0, xen_pv_exception_vectors[vector]};
  }
}

}  // namespace xen_pv

namespace {

namespace pv = bootabi::xen;

constexpr uint16_t kIsaDebugExitPort = 0xf4;

uint32_t DetectXenPv() {
  return platform::BootHardwareSubarch() == static_cast<uint32_t>(bootabi::HardwareSubarch::kXen) ? 200 : 0;
}

// The console: a line at a time through CONSOLEIO_write.
constinit char gLine[128] = {};
constinit uint32_t gLength = 0;

void Flush() {
  if (gLength == 0) return;
  xen::Hypercall(pv::kHypercallConsoleIo, pv::kConsoleIoWrite, gLength, reinterpret_cast<uint64_t>(gLine));
  gLength = 0;
}

void ConsoleWrite(char c) {
  gLine[gLength++] = c;
  if (c == '\n' || gLength == sizeof(gLine)) Flush();
}

void ConsoleInit() {}

// The kernel's GDT under PV: its own page, handed to Xen by machine frame and mapped read-only
// first, as Xen requires. Descriptors at DPL 3: a 64-bit PV kernel runs in ring 3.
constexpr uint16_t kPvKernelDs = (2 << 3) | 3;
alignas(4096) constinit uint64_t gGdt[512] = {
    0,
    0x00affa000000ffff,  // 64-bit code, DPL 3
    0x00cff2000000ffff,  // flat data, DPL 3
};
constinit uint64_t gGdtFrame = 0;

void InstallGdt() {
  const bootabi::boot_descriptor& descriptor = *gBoot.descriptor;
  const uint64_t page = reinterpret_cast<uint64_t>(gGdt);
  const uint64_t pfn = page >> 12;
  if (descriptor.xen_pv_mfn_list == 0 || pfn >= descriptor.xen_pv_nr_pages) {
    Panic("xen-pv: no frame list to hand the GDT to Xen");
  }
  gGdtFrame = reinterpret_cast<const uint64_t*>(descriptor.xen_pv_mfn_list)[pfn];
  constexpr uint64_t kPresentAccessed = bootabi::paging::kPresent | bootabi::paging::kAccessed;  // read-only: no RW bit
  if (xen::Hypercall(pv::kHypercallUpdateVaMapping, page, (gGdtFrame << 12) | kPresentAccessed, pv::kUvmfInvlpg) != 0) {
    Panic("xen-pv: update_va_mapping refused to map the GDT read-only");
  }
  if (xen::Hypercall(pv::kHypercallSetGdt, reinterpret_cast<uint64_t>(&gGdtFrame), 3) != 0) {
    Panic("xen-pv: set_gdt refused the GDT");
  }
  // Xen returns to a 64-bit PV kernel with its own FLAT_KERNEL_CS64 after every hypercall
  // and event, so the code selector stays Xen's; the data selectors come from this GDT.
  __asm__ volatile(
      "movl %0, %%eax\n"
      "movl %%eax, %%ds\n"
      "movl %%eax, %%es\n"
      :
      : "i"(kPvKernelDs)
      : "rax", "memory");
}

void InstallTraps() {
  static constinit pv::trap_info traps[33] = {};
  xen_pv::WriteTrapTable(traps);
  // traps[32] stays zero: the end of the table.
  if (xen::Hypercall(pv::kHypercallSetTrapTable, reinterpret_cast<uint64_t>(traps)) != 0) {
    Panic("xen: set_trap_table refused the exception handlers");
  }
}


[[noreturn]] void ExitXenPv(uint32_t value) {
  Flush();
  // Port 0xf4 is QEMU's isa-debug-exit: reachable once Xen grants this PV kernel IOPL 3.
  const uint32_t iopl = 3;
  xen::Hypercall(pv::kHypercallPhysdevOp, pv::kPhysdevOpSetIopl, reinterpret_cast<uint64_t>(&iopl));
  arch::OutLong(kIsaDebugExitPort, value);
  // Not under QEMU: power the domain off.
  uint32_t reason = pv::kShutdownPoweroff;
  for (;;) xen::Hypercall(pv::kHypercallSchedOp, pv::kSchedOpShutdown, reinterpret_cast<uint64_t>(&reason));
}

void SetGsBase(uint64_t base) {
  if (xen::Hypercall(pv::kHypercallSetSegmentBase, pv::kSegbaseGsKernel, base) != 0) {
    Panic("xen-pv: set_segment_base refused the GS base");
  }
}

void XenPvBanner(console::Line& line) {
  const uint32_t version = xen::Version();
  line.Append(" (pv) hypercall-version=").AppendDecimal(version >> 16).Append(".").AppendDecimal(version & 0xffff);
  uint16_t ds;
  __asm__("movw %%ds, %0" : "=r"(ds));
  line.Append(" gdt-frame=").AppendHex(gGdtFrame).Append(" ds=").AppendHex(ds);
}

}  // namespace

// The trap table goes in first on the common path (before anything can fault); the GDT needs
// the frame list from the boot descriptor, so it follows in the "platform" init entry.
PLATFORM_ENTRY platform::Platform kXenPv{.name = "xen-pv",
                                        .detect = DetectXenPv,
                                        .init_platform = InstallGdt,
                                        .banner = XenPvBanner,
                                        .console = {ConsoleInit, ConsoleWrite},
                                        .install_descriptor_tables = InstallTraps,
                                        .start_time = xen_pv::StartTime,
                                        .interrupt_control = {xen_pv::EnableEvents, xen_pv::DisableEvents,
                                                              xen_pv::WaitForEvent},
                                        .set_gs_base = SetGsBase,
                                        .exit = ExitXenPv};
