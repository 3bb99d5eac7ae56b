// SPDX-License-Identifier: MIT
// bios-data-area: reads the BIOS data area's base memory size and EBDA segment, which a
// kernel needs to keep the EBDA out of its allocator. Only a PC BIOS provides it.
#include <cstdint>

#include "arch/x86/identity-map.h"
#include "bootinfo/firmware.h"
#include "common/console.h"
#include "inittab/init-entry.h"

namespace {

// Low memory is identity-mapped; the BDA is the BIOS's, not a loader's structure.
bootinfo::BiosDataArea ReadBda() {
  return bootinfo::ReadBiosDataArea(bootinfo::PhysicalMemory(0, arch::IdentityMappedBytes(), 0));
}

bool DetectBda() { return bootinfo::IsPlausible(ReadBda()); }

void ReportBda() {
  const bootinfo::BiosDataArea bda = ReadBda();
  console::Line().Append("bda ebda=").AppendHex(bda.ebda_address).Append(" base-memory-kib=").AppendDecimal(
      bda.base_memory_kib);
}

// By firmware, not by entry: GRUB EFI's `linux` enters linux32 on a UEFI machine, and its
// boot has no more of a BDA than the EFI entry's.
constexpr inittab::Exclusion kBdaExclusions[] = {
    inittab::OnFirmware(bootabi::Firmware::kUefi, "UEFI firmware does not promise a BIOS data area"),
    inittab::OnFirmware(bootabi::Firmware::kXenPv, "a Xen PV guest has no BIOS and no low memory mapped at 0x400"),
    inittab::OnFirmware(bootabi::Firmware::kNone, "no BIOS ran: nothing set up a BIOS data area"),
};

}  // namespace

INIT_ENTRY(gBiosDataAreaInit, "bios-data-area", INIT_LEVEL_PLATFORM, .detect = DetectBda,
           .run = ReportBda, .exclusions = inittab::Exclude(kBdaExclusions));
