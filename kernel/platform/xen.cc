// SPDX-License-Identifier: MIT
// Xen, HVM and PVH guests: reads the version leaf, installs the hypercall page through the MSR
// that leaf base + 2 names, asks Xen its version with the xen_version hypercall, prints
// through the 0xE9 debug port and gets the memory map by hypercall when the entry handed over
// none (xen/include/public/arch-x86/cpuid.h, version.h, memory.h). PV guests: xen-pv.cc.
#include "abi/xen.h"
#include "arch/x86/cpu.h"
#include "common/exit.h"
#include "platform/platform.h"
#include "platform/xen-hypercall.h"

namespace {

constexpr uint16_t kDebugConsolePort = 0xe9;  // Xen's HVM debug console: "(d0) ..." lines

constinit bool gHypercallsReady = false;
constinit uint32_t gXenVersion = 0;

uint32_t DetectXen() {
  const platform::HypervisorInfo& info = platform::Hypervisor();
  // Xen needs base + 2 (the hypercall MSR) to be usable.
  if (info.vendor != platform::Hypervisor::kXen || info.max_leaf < info.base + 2) return 0;
  return platform::HypervisorPriority(platform::Hypervisor::kXen);
}

void InitXen() {
  const platform::CpuidRegisters& pages = platform::Hypervisor().features[1];  // base + 2
  if (pages.eax == 0) Fail("xen: CPUID base+2 offers no hypercall pages");
  const uint32_t msr = pages.ebx;
  arch::WriteMsr(msr, reinterpret_cast<uint64_t>(xen_hypercall_page));  // page 0
  gHypercallsReady = true;
  gXenVersion = xen::Version();
}

// struct xen_memory_map: in nr_entries = the buffer's capacity, out = entries written. The
// buffer holds e820 entries, the same 20-byte layout as boot_params' table.
struct XenMemoryMap {
  uint32_t nr_entries;
  uint32_t pad;
  uint64_t buffer;
};

uint32_t XenMemoryMapHook(bootabi::boot_e820_entry* table, uint32_t capacity) {
  if (!gHypercallsReady) return 0;
  XenMemoryMap map{capacity, 0, reinterpret_cast<uint64_t>(table)};
  const auto result = static_cast<int64_t>(xen::Hypercall(bootabi::xen::kHypercallMemoryOp,
                                                          bootabi::xen::kXenMemMemoryMap,
                                                          reinterpret_cast<uint64_t>(&map)));
  if (result < 0) {
    console::Line().Append("xen memory_op(XENMEM_memory_map) failed: ").AppendDecimal(static_cast<uint64_t>(-result));
    return 0;
  }
  return map.nr_entries < capacity ? map.nr_entries : capacity;
}

// COM1 belongs to Xen; a PVH or HVM guest prints through the debug port instead.
void XenConsoleWrite(char c) { arch::OutByte(kDebugConsolePort, static_cast<uint8_t>(c)); }
void XenConsoleInit() {}

void XenBanner(console::Line& line) {
  const uint32_t leaf_version = platform::Hypervisor().features[0].eax;  // base + 1
  line.Append(" cpuid-version=").AppendDecimal(leaf_version >> 16).Append(".").AppendDecimal(leaf_version & 0xffff);
  if (gHypercallsReady) {
    line.Append(" hypercall-version=").AppendDecimal(gXenVersion >> 16).Append(".").AppendDecimal(gXenVersion & 0xffff);
    line.Append(" hypercall-msr=").AppendHex(platform::Hypervisor().features[1].ebx);
  }
}

}  // namespace

PLATFORM_ENTRY platform::Platform kXen{.name = "xen",
                                      .detect = DetectXen,
                                      .init_platform = InitXen,
                                      .banner = XenBanner,
                                      .console = {XenConsoleInit, XenConsoleWrite},
                                      .memory_map = XenMemoryMapHook};
