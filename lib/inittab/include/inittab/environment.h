// SPDX-License-Identifier: MIT
// Boot environments: what an init entry's support mask ranges over.
//
// An environment is the entry stub that ran *and* the firmware under it. The entry alone is not
// enough: GRUB's `linux` command enters linux32 from a BIOS and from UEFI, and a BIOS data area
// exists only in the first case. The list below is every pair that can occur (an EFI entry
// always has UEFI under it, a Xen PV entry always Xen); exclusions, masks, plans and traces all
// index into it, so "where does this entry run" has one answer everywhere.
#pragma once

#include <cstdint>

#include "abi/boot-descriptor.h"

namespace inittab {

struct Environment {
  bootabi::BootEntry entry;
  bootabi::Firmware firmware;
};

using bootabi::BootEntry;
using bootabi::Firmware;

/// Every (entry, firmware) pair a boot can be. Append only: indices are mask bits.
inline constexpr Environment kEnvironments[] = {
    {BootEntry::kPvh, Firmware::kBios},          // QEMU pc/q35: SeaBIOS, then its PVH loader
    {BootEntry::kPvh, Firmware::kNone},          // microvm (qboot), Firecracker, cloud-hypervisor
    {BootEntry::kPvh, Firmware::kXenPvh},        // Xen's PVH dom0 or domU
    {BootEntry::kLinux16, Firmware::kBios},      // QEMU's linuxboot ROM, GRUB linux16
    {BootEntry::kLinux16, Firmware::kNone},      // qboot: answers the setup's E820 call, no BDA
    {BootEntry::kLinux32, Firmware::kBios},      // GRUB linux from a BIOS
    {BootEntry::kLinux32, Firmware::kUefi},      // GRUB linux from UEFI (leaves EFI first)
    {BootEntry::kLinux32, Firmware::kNone},      // a direct-boot VMM using the 32-bit protocol
    {BootEntry::kLinux64, Firmware::kBios},      // a 64-bit loader running on a BIOS machine
    {BootEntry::kLinux64, Firmware::kUefi},      // a 64-bit loader that left UEFI (efi_info set)
    {BootEntry::kLinux64, Firmware::kNone},      // a direct-boot VMM (Firecracker-style)
    {BootEntry::kMultiboot1, Firmware::kBios},   // GRUB multiboot, QEMU's Multiboot loader
    {BootEntry::kMultiboot1, Firmware::kNone},   // QEMU's Multiboot loader on microvm
    {BootEntry::kMultiboot2, Firmware::kBios},   // GRUB multiboot2 from a BIOS
    {BootEntry::kMultiboot2, Firmware::kUefi},   // GRUB multiboot2 from UEFI (EFI tags)
    {BootEntry::kMultiboot2, Firmware::kNone},   // a Multiboot 2 loader without firmware
    {BootEntry::kXenPv, Firmware::kXenPv},       // Xen's PV dom0 or domU
    {BootEntry::kEfi, Firmware::kUefi},          // the PE/COFF entry
};
inline constexpr uint32_t kEnvironmentCount = sizeof(kEnvironments) / sizeof(kEnvironments[0]);
inline constexpr uint32_t kNoEnvironment = 0xffffffff;

using EnvironmentMask = uint32_t;
static_assert(kEnvironmentCount <= 32, "EnvironmentMask has one bit per environment");
inline constexpr EnvironmentMask kAllEnvironments =
    kEnvironmentCount == 32 ? ~EnvironmentMask{0} : (EnvironmentMask{1} << kEnvironmentCount) - 1;

/// The index of (entry, firmware) in kEnvironments, or kNoEnvironment.
constexpr uint32_t EnvironmentIndex(BootEntry entry, Firmware firmware) {
  for (uint32_t i = 0; i < kEnvironmentCount; ++i) {
    if (kEnvironments[i].entry == entry && kEnvironments[i].firmware == firmware) return i;
  }
  return kNoEnvironment;
}

/// Writes "entry/firmware" (e.g. "linux32/uefi") to a sink with Append(const char*).
template <typename Sink>
void AppendEnvironmentName(Sink& out, uint32_t index) {
  if (index >= kEnvironmentCount) {
    out.Append("unknown");
    return;
  }
  out.Append(bootabi::BootEntryName(kEnvironments[index].entry));
  out.Append("/");
  out.Append(bootabi::FirmwareName(kEnvironments[index].firmware));
}

}  // namespace inittab
