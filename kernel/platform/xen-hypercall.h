// SPDX-License-Identifier: MIT
// Calling Xen: through the hypercall page, one 32-byte stub per hypercall. Xen fills the page
// at domain build for a PV guest (the XEN_ELFNOTE_HYPERCALL_PAGE note names it) and when an
// HVM or PVH guest writes its address to the MSR that CPUID leaf base + 2 names.
#pragma once

#include <cstdint>

extern "C" uint8_t xen_hypercall_page[4096];

namespace xen {

/// Arguments go in %rdi, %rsi, %rdx (the 64-bit hypercall ABI); returns %rax.
uint64_t Hypercall(uint32_t number, uint64_t first = 0, uint64_t second = 0, uint64_t third = 0);

/// (major << 16) | minor, from XENVER_version.
uint32_t Version();

}  // namespace xen
