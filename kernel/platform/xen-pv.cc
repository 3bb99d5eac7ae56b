// SPDX-License-Identifier: MIT
// Xen PV: the platform when the entry said hardware_subarch XEN (the Xen PV entry). The kernel
// runs in ring 3 under Xen, so every privileged step of the common path goes through a
// hypercall here: exception handlers (set_trap_table; Xen's flat selectors stay in use, as a
// PV GDT must be handed over as read-only machine frames), the console (console_io), and the
// exit (set_iopl, then the isa-debug-exit port, which Xen lets dom0 reach; else shutdown).
#include "abi/boot-params.h"
#include "abi/xen.h"
#include "arch/x86/cpu.h"
#include "common/exit.h"
#include "platform/platform.h"
#include "platform/xen-hypercall.h"

extern "C" const uint64_t xen_pv_exception_vectors[32];

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

void InstallTraps() {
  static constinit pv::trap_info traps[33] = {};
  for (uint8_t vector = 0; vector < 32; ++vector) {
    traps[vector] = pv::trap_info{vector, 0, pv::kFlatKernelCs64, 0, xen_pv_exception_vectors[vector]};
  }
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

void XenPvBanner(console::Line& line) {
  const uint32_t version = xen::Version();
  line.Append(" (pv) hypercall-version=").AppendDecimal(version >> 16).Append(".").AppendDecimal(version & 0xffff);
}

}  // namespace

PLATFORM_ENTRY platform::Platform kXenPv{.name = "xen-pv",
                                        .detect = DetectXenPv,
                                        .banner = XenPvBanner,
                                        .console = {ConsoleInit, ConsoleWrite},
                                        .install_descriptor_tables = InstallTraps,
                                        .exit = ExitXenPv};
