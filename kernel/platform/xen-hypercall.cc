// SPDX-License-Identifier: MIT
#include "platform/xen-hypercall.h"

#include "abi/xen.h"

// Page-aligned and in .data, not .bss: for a PV guest Xen fills it before the kernel starts,
// and the common entry's .bss clear must not wipe it. Executable, as the boot page tables map
// everything without NX (and Xen's PV mappings of the kernel image likewise).
alignas(4096) [[gnu::section(".data.xen_hypercall_page")]] constinit uint8_t xen_hypercall_page[4096] = {};

namespace xen {

uint64_t Hypercall(uint32_t number, uint64_t first, uint64_t second, uint64_t third) {
  uint64_t result;
  const void* entry = xen_hypercall_page + number * bootabi::xen::kHypercallStride;
  __asm__ volatile("call *%[entry]"
                   : "=a"(result), "+D"(first), "+S"(second), "+d"(third)
                   : [entry] "r"(entry)
                   : "rcx", "r8", "r9", "r10", "r11", "memory");
  return result;
}

uint32_t Version() {
  return static_cast<uint32_t>(Hypercall(bootabi::xen::kHypercallXenVersion, bootabi::xen::kXenVerVersion));
}

}  // namespace xen
