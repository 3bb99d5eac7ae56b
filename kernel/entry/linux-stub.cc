// SPDX-License-Identifier: MIT
// The C++ half of the Linux boot protocol entries (arch/x86/linux-entry.S): translate the
// loader's zero page, then join the common path.
#include <cstdint>

#include "abi/e820.h"
#include "bootinfo/e820.h"
#include "arch/x86/identity-map.h"
#include "bootinfo/linux.h"
#include "common/exit.h"
#include "entry/handoff-area.h"

extern "C" char __kernel_end[];  // linker.ld

namespace {

uint64_t EndOf(uint64_t address, uint64_t size) { return size > ~uint64_t{0} - address ? ~uint64_t{0} : address + size; }

// The 64-bit entry arrives on the loader's page tables, which map the kernel, the zero page and
// the command line wherever the loader put them (boot.rst), above 4 GiB too. The boot tables
// are grown to reach those, the initrd and the RAM the zero page lists, before they replace
// the loader's. Read here from the loader's mapping; the converter checks them all again.
void SwitchToBootTablesFrom64BitLoader(uint64_t zero_page_address) {
  const auto& params = *reinterpret_cast<const bootabi::boot_params*>(zero_page_address);
  uint64_t end = reinterpret_cast<uint64_t>(__kernel_end);
  auto reach = [&end](uint64_t address, uint64_t size) {
    const uint64_t item_end = EndOf(address, size);
    if (item_end > end) end = item_end;
  };
  reach(zero_page_address, sizeof(bootabi::boot_params));
  reach(bootabi::CommandLineAddress(params), bootabi::kCommandLineSize);
  reach(bootabi::RamdiskAddress(params), bootabi::RamdiskSize(params));
  const uint32_t entries = params.e820_entries < bootabi::kE820MaxEntriesZeroPage ? params.e820_entries
                                                                                   : bootabi::kE820MaxEntriesZeroPage;
  reach(0, bootinfo::E820RamEnd(params.e820_table, entries));
  const auto mapped = arch::MapIdentityTo(end);
  if (mapped.is_error()) FailWithError("mapping where the 64-bit loader put the boot", mapped.error());
  arch::LoadBootPageTables();
}

}  // namespace

extern "C" [[noreturn]] void LinuxStubMain(uint64_t boot_params_address, uint32_t entry,
                                           uint64_t entry_tsc) {
  if (static_cast<bootabi::BootEntry>(entry) == bootabi::BootEntry::kLinux64) {
    SwitchToBootTablesFrom64BitLoader(boot_params_address);
  }
  const bootinfo::PhysicalMemory memory = StubMemory();
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
