// SPDX-License-Identifier: MIT
// Xen (HVM and PVH guests): reads the version leaf, installs the hypercall page through the
// MSR that leaf base + 2 names, and asks Xen its version with the xen_version hypercall
// (xen/include/public/arch-x86/cpuid.h, xen/include/public/version.h).
#include "arch/x86/cpu.h"
#include "common/exit.h"
#include "platform/platform.h"

namespace {

constexpr uint32_t kHypercallXenVersion = 17;  // __HYPERVISOR_xen_version
constexpr uint32_t kXenVersionVersion = 0;     // XENVER_version: (major << 16) | minor
constexpr uint32_t kHypercallStride = 32;      // each hypercall has a 32-byte stub

// The hypercall page Xen fills with a stub per hypercall once its address is written to the
// MSR: page-aligned and executable (the boot page tables map everything without NX).
alignas(4096) constinit uint8_t gHypercallPage[4096] = {};
constinit bool gHypercallsReady = false;
constinit uint32_t gXenVersion = 0;

uint64_t Hypercall2(uint32_t number, uint64_t first, uint64_t second) {
  uint64_t result;
  const void* entry = gHypercallPage + number * kHypercallStride;
  __asm__ volatile("call *%[entry]"
                   : "=a"(result), "+D"(first), "+S"(second)
                   : [entry] "r"(entry)
                   : "rcx", "rdx", "r8", "r9", "r10", "r11", "memory");
  return result;
}

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
  arch::WriteMsr(msr, reinterpret_cast<uint64_t>(gHypercallPage));  // page 0
  gHypercallsReady = true;
  gXenVersion = static_cast<uint32_t>(Hypercall2(kHypercallXenVersion, kXenVersionVersion, 0));
}

void XenBanner(console::Line& line) {
  const uint32_t leaf_version = platform::Hypervisor().features[0].eax;  // base + 1
  line.Append(" cpuid-version=").AppendDecimal(leaf_version >> 16).Append(".").AppendDecimal(leaf_version & 0xffff);
  if (gHypercallsReady) {
    line.Append(" hypercall-version=").AppendDecimal(gXenVersion >> 16).Append(".").AppendDecimal(gXenVersion & 0xffff);
    line.Append(" hypercall-msr=").AppendHex(platform::Hypervisor().features[1].ebx);
  }
}

}  // namespace

PLATFORM_ENTRY platform::Platform kXen{"xen", DetectXen, InitXen, XenBanner};
