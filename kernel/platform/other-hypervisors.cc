// SPDX-License-Identifier: MIT
// Hypervisors unientry recognises but has no paravirtual hooks for yet (Hyper-V, VMware,
// bhyve, ACRN, Jailhouse, and Xen without its hypercall leaf): the PC devices work as on bare
// metal, and the report names the hypervisor so a boot log says where it ran.
#include "platform/platform.h"

namespace {

uint32_t DetectOtherHypervisor() {
  // Above bare metal, below every platform with hooks.
  return platform::Hypervisor().vendor != platform::Hypervisor::kNone ? 2 : 0;
}

void OtherHypervisorBanner(console::Line& line) {
  line.Append(" (").Append(platform::HypervisorName(platform::Hypervisor().vendor)).Append(": no paravirtual hooks)");
}

}  // namespace

PLATFORM_ENTRY platform::Platform kOtherHypervisor{
    .name = "hypervisor", .detect = DetectOtherHypervisor, .banner = OtherHypervisorBanner};
