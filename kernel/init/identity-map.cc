// SPDX-License-Identifier: MIT
// identity-map: grows the boot's identity map to all of RAM and every module, so that a
// kernel author can reach any address BootInfo names (the static tables cover the first
// 4 GiB; RAM and a loader's modules may lie above). Where the tables reserved for it run out
// (2 MiB pages on a CPU without 1 GiB pages, above 36 GiB) it says how far the map reaches, and
// BootInfo::identity_mapped_end says the same.
#include "arch/x86/cpu.h"
#include "arch/x86/identity-map.h"
#include "bootinfo/e820.h"
#include "common/boot-context.h"
#include "common/console.h"
#include "init/memory-map.h"
#include "inittab/init-entry.h"

namespace {

void GrowIdentityMap() {
  const memory::Map& map = memory::CurrentMap();
  uint64_t end = bootinfo::E820RamEnd(map.entries, map.count);
  const bootabi::boot_descriptor& descriptor = *gBoot.descriptor;
  for (uint32_t i = 0; i < descriptor.module_count && i < bootabi::kBootDescriptorMaxModules; ++i) {
    const bootabi::boot_module& module = descriptor.modules[i];
    const uint64_t module_end = module.size > ~uint64_t{0} - module.paddr ? ~uint64_t{0} : module.paddr + module.size;
    if (module_end > end) end = module_end;
  }
  const auto mapped = arch::MapIdentityTo(end);
  console::Line line;
  line.Append("identity-map end=").AppendHex(arch::IdentityMappedBytes());
  line.Append(" levels=").AppendDecimal((arch::ReadCr4() & arch::kCr4La57) != 0 ? 5 : 4);
  if (mapped.is_error()) line.Append(" short-of=").AppendHex(end).Append(" (page tables reserved for it ran out)");
}

constexpr inittab::Exclusion kIdentityMapExclusions[] = {
    inittab::OnFirmware(bootabi::Firmware::kXenPv,
                        "a Xen PV guest runs on page tables Xen built and keeps: it maps what Xen gave it"),
};

}  // namespace

INIT_ENTRY(gIdentityMapInit, "identity-map", INIT_LEVEL_PLATFORM, .run = GrowIdentityMap,
           .depends = inittab::DependsOn<gMemoryMapInit>(), .exclusions = inittab::Exclude(kIdentityMapExclusions));
