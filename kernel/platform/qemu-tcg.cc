// SPDX-License-Identifier: MIT
// QEMU TCG: an emulated CPU. QEMU publishes "TCGTCGTCGTCG" at 0x40000000 (with no interface
// behind it), so there is nothing to call; the platform reports itself so a boot log says
// which CPU ran it.
#include "platform/platform.h"

namespace {

uint32_t DetectQemuTcg() {
  return platform::Hypervisor().vendor == platform::Hypervisor::kQemuTcg
             ? platform::HypervisorPriority(platform::Hypervisor::kQemuTcg)
             : 0;
}

void QemuTcgBanner(console::Line& line) { line.Append(" (emulated CPU, no paravirtual interface)"); }

}  // namespace

PLATFORM_ENTRY platform::Platform kQemuTcg{
    .name = "qemu-tcg", .detect = DetectQemuTcg, .banner = QemuTcgBanner};
