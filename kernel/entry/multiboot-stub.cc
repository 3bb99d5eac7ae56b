// SPDX-License-Identifier: MIT
// The C++ half of the Multiboot entries (arch/x86/multiboot-entry.S).
#include <cstdint>

#include "bootinfo/multiboot.h"
#include "entry/handoff-area.h"

extern "C" [[noreturn]] void MultibootStubMain(uint32_t magic, uint32_t info_address, uint32_t entry,
                                               uint64_t entry_tsc) {
  const bootinfo::PhysicalMemory memory = StubMemory();
  const bootinfo::Handoff handoff = HandoffArea();
  const auto converted =
      static_cast<bootabi::BootEntry>(entry) == bootabi::BootEntry::kMultiboot1
          ? bootinfo::ConvertMultiboot1(memory, magic, info_address, handoff, StubE820Scratch())
          : bootinfo::ConvertMultiboot2(memory, magic, info_address, handoff, StubE820Scratch());
  RecordEntryTimes(handoff, entry_tsc, ModeSwitch::kEnterLongMode);
  if (converted.is_error()) RecordTranslationError(handoff, converted.error());
  JumpToCommonEntry(handoff.params);
}
