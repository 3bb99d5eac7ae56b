// SPDX-License-Identifier: MIT
// initrd: checks that the initial ramdisk lies in RAM (a loader placing it over firmware or
// MMIO is a bug worth a clear line) and fingerprints its first bytes for the report.
#include "abi/boot-params.h"
#include "arch/x86/identity-map.h"
#include "common/boot-context.h"
#include "common/console.h"
#include "init/memory-map.h"

namespace {

bool DetectInitrd() { return bootabi::RamdiskSize(*gBoot.params) != 0; }

void CheckInitrd() {
  const uint64_t address = bootabi::RamdiskAddress(*gBoot.params);
  const uint64_t size = bootabi::RamdiskSize(*gBoot.params);
  console::Line line;
  line.Append("initrd addr=").AppendHex(address).Append(" size=").AppendDecimal(size);
  const bool in_ram = memory::IsRam(address, size);
  line.Append(" in-ram=").Append(in_ram ? "yes" : "no");
  if (!in_ram || address >= arch::IdentityMappedBytes() ||
      size > arch::IdentityMappedBytes() - address) {
    return;
  }
  // FNV-1a over at most the first 4 KiB: enough to tell two images apart in a boot log.
  const auto* bytes = reinterpret_cast<const uint8_t*>(address);
  uint32_t hash = 2166136261u;
  for (uint64_t i = 0; i < size && i < 4096; ++i) hash = (hash ^ bytes[i]) * 16777619u;
  line.Append(" fnv1a-4k=").AppendHexPadded(hash, 8);
}

}  // namespace

INIT_ENTRY(gInitrdInit, "initrd", INIT_LEVEL_PLATFORM, .detect = DetectInitrd,
           .run = CheckInitrd, .depends = inittab::DependsOn<gMemoryMapInit>());
