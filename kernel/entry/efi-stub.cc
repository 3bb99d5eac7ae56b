// SPDX-License-Identifier: MIT
// The C++ half of the UEFI entry (arch/x86/efi-entry.S), running at the kernel's linked
// address with boot services still up: read what only the firmware can tell (load options,
// ACPI tables, the initrd, the framebuffer, the memory map), leave boot services with the
// map-key retry the spec asks for, translate into the handoff and join the common path. Until
// the first ExitBootServices call, any failure is printed on ConOut and on COM1 and its status
// goes back to the firmware; after a refused one, only COM1 and status fail.
#include <cstdint>

#include "abi/efi.h"
#include "arch/x86/cpu.h"
#include "arch/x86/identity-map.h"
#include "base/string-buffer.h"
#include "bootinfo/command-line.h"
#include "bootinfo/efi.h"
#include "bootinfo/rsdp.h"
#include "common/console.h"
#include "entry/efi-files.h"
#include "entry/handoff-area.h"
#include "common/exit.h"

extern "C" char __kernel_end[];  // linker.ld


namespace {

namespace efi = bootabi::efi;

constexpr uint32_t kExitBootServicesAttempts = 4;
[[gnu::section(".scratch")]] alignas(8) constinit uint8_t gMemoryMap[64 * 1024] = {};

// "unientry: efi: <what> failed: status 0x..." on ConOut (UCS-2) and on COM1.
efi::EFI_STATUS Report(efi::EFI_SYSTEM_TABLE* system_table, const char* what, efi::EFI_STATUS status) {
  base::StringBuffer<160> text;
  text.Append("unientry: efi: ");
  text.Append(what);
  text.Append(" failed: status ");
  text.AppendHex(status);
  char16_t wide[162];
  size_t length = 0;
  for (; length < text.size(); ++length) wide[length] = static_cast<char16_t>(text.c_str()[length]);
  wide[length++] = u'\r';
  wide[length++] = u'\n';
  wide[length] = 0;
  system_table->ConOut->OutputString(system_table->ConOut, wide);
  console::Init();
  console::Write(text.c_str());
  console::Write("\n");
  return status;
}



// After a refused ExitBootServices neither ConOut nor a return to the firmware is safe (the
// firmware may have begun its shutdown): say so on COM1, which is ours, and stop.
[[noreturn]] void FailAfterExitBootServices(const char* what, efi::EFI_STATUS status, uint32_t calls) {
  base::StringBuffer<192> message;
  message.Append("efi stub: ");
  message.Append(what);
  message.Append(" failed: status ");
  message.AppendHex(status);
  message.Append(" after ");
  message.AppendDecimal(calls);
  message.Append(" ExitBootServices calls: boot services may be partly gone, so the boot stops here");
  console::Init();
  Fail(message.c_str());
}

// The test hook unientry.efi-stale-map-key=N (docs/serial-format.md): a wrong map key for
// the first N ExitBootServices calls; -1 when the value is not a count from 0 to 99.
int32_t StaleMapKeys(const bootinfo::Handoff& handoff) {
  bootinfo::CommandLineWord word;
  const base::StringView command_line(handoff.command_line);
  if (bootinfo::CommandLine(command_line).Find("unientry.efi-stale-map-key", word) == nullptr) return 0;
  if (!word.has_value || word.value.size() == 0 || word.value.size() > 2) return -1;
  int32_t count = 0;
  for (size_t i = 0; i < word.value.size(); ++i) {
    if (word.value[i] < '0' || word.value[i] > '9') return -1;
    count = count * 10 + (word.value[i] - '0');
  }
  return count;
}

}  // namespace

extern "C" efi::EFI_STATUS EfiStubMain(efi::EFI_HANDLE image, efi::EFI_SYSTEM_TABLE* system_table) {
  const uint64_t entry_tsc = arch::ReadTsc();
  efi::EFI_BOOT_SERVICES* boot = system_table->BootServices;
  const bootinfo::Handoff handoff = HandoffArea();
  bootinfo::BeginHandoff(handoff, bootabi::BootEntry::kEfi, bootabi::Firmware::kUefi,
                        reinterpret_cast<uint64_t>(system_table));

  efi::EFI_LOADED_IMAGE_PROTOCOL* loaded = nullptr;
  efi::EFI_STATUS status = boot->HandleProtocol(image, &efi::kLoadedImageProtocolGuid, reinterpret_cast<void**>(&loaded));
  if (status != efi::EFI_SUCCESS) return Report(system_table, "HandleProtocol(LoadedImage)", status);
  if (loaded->LoadOptions != nullptr && loaded->LoadOptionsSize != 0) {
    const auto options = bootinfo::ConvertLoadOptions(static_cast<const uint16_t*>(loaded->LoadOptions),
                                                      loaded->LoadOptionsSize, handoff.command_line,
                                                      handoff.command_line_capacity);
    if (options.is_error()) {
      base::StringBuffer<160> message;
      message.Append("reading the load options (");
      base::Describe(options.error(), message);
      message.Append(")");
      return Report(system_table, message.c_str(), efi::EFI_INVALID_PARAMETER);
    }
    handoff.descriptor->cmdline_truncated = options.value().truncated ? 1 : 0;
  }
  // The firmware vendor names the loader in the report, as far as it is printable ASCII.
  if (system_table->FirmwareVendor != nullptr) {
    size_t units = 0;
    while (units < bootabi::kBootLoaderNameSize && system_table->FirmwareVendor[units] != 0) ++units;
    (void)bootinfo::ConvertLoadOptions(reinterpret_cast<const uint16_t*>(system_table->FirmwareVendor), units * 2,
                                       handoff.descriptor->loader_name, bootabi::kBootLoaderNameSize);
  }
  // Boot services still run, and the firmware's page tables map all of memory.
  const bootinfo::PhysicalMemory firmware_memory(0, UINT64_MAX, 0);
  const auto tables = bootinfo::SettleFirmwareTables(firmware_memory, handoff,
                                                     reinterpret_cast<uint64_t>(system_table),
                                                     "efi_system_table.ConfigurationTable");
  if (tables.is_error()) RecordTranslationError(handoff, tables.error());
  if (const EfiFailure failure = LoadEfiInitrds(*boot, *loaded, handoff); failure.failed()) {
    return Report(system_table, failure.what.c_str(), failure.status);
  }
  if (const auto framebuffer = RecordEfiFramebuffer(*boot, *handoff.descriptor);
      framebuffer.is_error() && handoff.descriptor->translation_error[0] == '\0') {
    RecordTranslationError(handoff, framebuffer.error());
  }

  // GetMemoryMap, then ExitBootServices with its key; a map that changed in between makes
  // ExitBootServices fail with EFI_INVALID_PARAMETER, and the spec (UEFI 2.10, 7.4) says to
  // fetch it again and retry. The buffer is ours and static: GetMemoryMap allocates nothing.
  const int32_t stale_keys = StaleMapKeys(handoff);
  if (stale_keys < 0) {
    return Report(system_table, "unientry.efi-stale-map-key: expected a count from 0 to 99", efi::EFI_INVALID_PARAMETER);
  }
  uint64_t map_size = 0, map_key = 0, descriptor_size = 0;
  uint32_t descriptor_version = 0;
  for (uint32_t attempt = 0;; ++attempt) {
    map_size = sizeof(gMemoryMap);
    status = boot->GetMemoryMap(&map_size, reinterpret_cast<efi::EFI_MEMORY_DESCRIPTOR*>(gMemoryMap), &map_key,
                                &descriptor_size, &descriptor_version);
    if (status != efi::EFI_SUCCESS) {
      if (attempt == 0) return Report(system_table, "GetMemoryMap", status);
      FailAfterExitBootServices("GetMemoryMap after a refused ExitBootServices", status, attempt);
    }
    handoff.descriptor->exit_boot_services_calls = attempt + 1;
    status = boot->ExitBootServices(image, attempt < static_cast<uint32_t>(stale_keys) ? map_key + 1 : map_key);
    if (status == efi::EFI_SUCCESS) break;
    // From the first refused call on, the firmware may have shut its services down in part:
    // only GetMemoryMap and ExitBootServices are called again, and a failure stops here.
    if (status != efi::EFI_INVALID_PARAMETER || attempt + 1 == kExitBootServicesAttempts) {
      FailAfterExitBootServices("ExitBootServices", status, attempt + 1);
    }
  }

  // Boot services are gone: from here on, only our own code and, once the map is converted,
  // our own page tables. The firmware's still map all memory, the map buffer (ours) included.
  handoff.descriptor->firmware_exit_tsc = arch::ReadTsc();
  bootinfo::E820Builder builder = bootinfo::MemoryMapBuilder(handoff);
  const auto added = bootinfo::AddEfiMemoryMap(firmware_memory, reinterpret_cast<uint64_t>(gMemoryMap), map_size,
                                               descriptor_size, descriptor_version, builder);
  if (added.is_error()) {
    RecordTranslationError(handoff, added.error());
  } else {
    bootinfo::FinishMemoryMap(handoff, builder, StubE820Scratch());
    handoff.descriptor->memmap_entries_in = added.value();
  }
  // The image may lie anywhere in RAM, above 4 GiB too: our tables reach all of RAM (and the
  // image, for a map that said nothing) before they replace the firmware's.
  uint64_t end = bootinfo::E820RamEnd(handoff.memory_map, handoff.descriptor->memory_map_entries);
  if (reinterpret_cast<uint64_t>(__kernel_end) > end) end = reinterpret_cast<uint64_t>(__kernel_end);
  const auto mapped = arch::MapIdentityTo(end);
  if (mapped.is_error()) FailWithError("mapping the memory the EFI map lists", mapped.error());
  arch::LoadBootPageTables();
  handoff.descriptor->original_info_size = sizeof(efi::EFI_SYSTEM_TABLE);
  RecordEntryTimes(handoff, entry_tsc, ModeSwitch::kNone);
  JumpToCommonEntry(handoff.params);
}
