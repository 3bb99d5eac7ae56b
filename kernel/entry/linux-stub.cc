// SPDX-License-Identifier: MIT
// The C++ half of the Linux boot protocol entries (arch/x86/linux-entry.S): translate the
// loader's zero page, then join the common path.
#include <cstdint>

#include "arch/x86/identity-map.h"
#include "bootinfo/linux.h"
#include "entry/handoff-area.h"

extern "C" [[noreturn]] void LinuxStubMain(uint64_t boot_params_address, uint32_t entry,
                                           uint64_t entry_tsc) {
  const bootinfo::PhysicalMemory memory(0, arch::kIdentityMappedBytes, 0);
  const bootinfo::Handoff handoff = HandoffArea();
  const auto converted = bootinfo::ConvertLinux(memory, boot_params_address,
                                                static_cast<bootabi::BootEntry>(entry), handoff,
                                                StubE820Scratch());
  // linux16 and linux32 came through enter_long_mode; linux64 started in 64-bit mode.
  RecordEntryTimes(handoff, entry_tsc,
                   static_cast<bootabi::BootEntry>(entry) == bootabi::BootEntry::kLinux64 ? ModeSwitch::kNone
                                                                                          : ModeSwitch::kEnterLongMode);
  if (converted.is_error()) RecordTranslationError(handoff, converted.error());
  JumpToCommonEntry(handoff.params);
}
