// SPDX-License-Identifier: MIT
// bios-data-area: reads the BIOS data area's base memory size and EBDA segment, which a
// kernel needs to keep the EBDA out of its allocator. Only BIOS-like firmware provides it.
#include <cstdint>

#include "arch/x86/physical.h"
#include "common/console.h"
#include "inittab/init-entry.h"

namespace {

// The BDA at physical 0x400 (IBM PC/AT Technical Reference; Linux arch/x86/kernel/ebda.c).
constexpr uint64_t kBdaEbdaSegment = 0x40e;
constexpr uint64_t kBdaBaseMemoryKib = 0x413;

uint16_t ReadBda16(uint64_t address) { return arch::ReadPhysical<uint16_t>(address); }

// A plausible BDA names an EBDA below 640 KiB and a base memory size of at most 640 KiB.
bool DetectBda() {
  const uint32_t ebda = uint32_t{ReadBda16(kBdaEbdaSegment)} << 4;
  const uint32_t base_kib = ReadBda16(kBdaBaseMemoryKib);
  return base_kib != 0 && base_kib <= 640 && ebda >= 0x80000 && ebda < 0xa0000;
}

void ReportBda() {
  console::Line()
      .Append("bda ebda=")
      .AppendHex(uint32_t{ReadBda16(kBdaEbdaSegment)} << 4)
      .Append(" base-memory-kib=")
      .AppendDecimal(ReadBda16(kBdaBaseMemoryKib));
}

constexpr inittab::Exclusion kBdaExclusions[] = {
    {bootabi::BootEntry::kEfi, "UEFI firmware does not promise a BIOS data area"},
    {bootabi::BootEntry::kXenPv, "a Xen PV guest has no BIOS and no low memory mapped at 0x400"},
};

}  // namespace

INIT_ENTRY(gBiosDataAreaInit, "bios-data-area", INIT_LEVEL_PLATFORM, .detect = DetectBda,
           .run = ReportBda, .exclusions = inittab::Exclude(kBdaExclusions));
