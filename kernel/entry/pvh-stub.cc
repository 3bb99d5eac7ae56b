// SPDX-License-Identifier: MIT
// The C++ half of the PVH entry (arch/x86/pvh-entry.S): translate, then join the common path.
#include <cstdint>

#include "bootinfo/pvh.h"
#include "entry/handoff-area.h"
#include "platform/platform.h"

extern "C" [[noreturn]] void PvhStubMain(uint32_t start_info_address, uint64_t entry_tsc) {
  const bootinfo::PhysicalMemory memory = StubMemory();
  const bootinfo::Handoff handoff = HandoffArea();
  const auto converted = bootinfo::ConvertPvh(memory, start_info_address, handoff, StubE820Scratch());
  // The start info does not say who started us. Xen starts a PVH guest itself, with no
  // firmware in between; otherwise the BIOS data area told BIOS (SeaBIOS + QEMU's PVH ROM)
  // from none (qboot, direct-boot VMMs) in ConvertPvh.
  if (platform::FindHypervisorBase(platform::HardwareCpuid, nullptr, platform::Hypervisor::kXen) != 0) {
    handoff.descriptor->firmware = static_cast<uint8_t>(bootabi::Firmware::kXenPvh);
  }
  RecordEntryTimes(handoff, entry_tsc, ModeSwitch::kEnterLongMode);
  if (converted.is_error()) RecordTranslationError(handoff, converted.error());
  JumpToCommonEntry(handoff.params);
}
