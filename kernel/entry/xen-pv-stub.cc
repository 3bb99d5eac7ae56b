// SPDX-License-Identifier: MIT
// The C++ half of the Xen PV entry (arch/x86/xen-pv-entry.S): translate, then join the common
// path. Only Xen's initial mapping is readable: the kernel image up to the bootstrap page
// tables plus the 512 KiB Xen promises beyond them (xen.h, "start_info").
#include <cstdint>

#include "abi/xen.h"
#include "bootinfo/xen-pv.h"
#include "entry/handoff-area.h"

extern "C" char __kernel_start[];

extern "C" [[noreturn]] void XenPvStubMain(uint64_t start_info_address, uint64_t entry_tsc) {
  const bootinfo::Handoff handoff = HandoffArea();
  // start_info itself is mapped: read where the initial mapping ends from it.
  const auto& info = *reinterpret_cast<const bootabi::xen::start_info*>(start_info_address);
  const uint64_t start = reinterpret_cast<uint64_t>(__kernel_start);
  uint64_t end = info.pt_base + info.nr_pt_frames * 4096 + 512 * 1024;
  if (end < start_info_address + sizeof(info)) end = start_info_address + sizeof(info);
  const bootinfo::PhysicalMemory mapped =
      bootinfo::PhysicalMemory(start, end - start, start).ReservingKernel(handoff.kernel_start, handoff.kernel_end);
  const auto converted = bootinfo::ConvertXenPv(mapped, start_info_address, handoff, StubE820Scratch());
  RecordEntryTimes(handoff, entry_tsc, ModeSwitch::kNone);
  if (converted.is_error()) RecordTranslationError(handoff, converted.error());
  JumpToCommonEntry(handoff.params);
}
