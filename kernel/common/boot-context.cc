// SPDX-License-Identifier: MIT
#include "common/boot-context.h"

#include "arch/x86/identity-map.h"
#include "base/string-buffer.h"
#include "base/string.h"
#include "bootinfo/command-line.h"
#include "common/console.h"
#include "common/exit.h"

constinit BootContext gBoot;

namespace {

// The common path reads only what the identity map covers.
bool Mapped(uint64_t address, uint64_t size) { return address != 0 && arch::IdentityMapped(address, size); }

bootabi::boot_descriptor& CheckDescriptor(const bootabi::boot_params& params) {
  const uint64_t address = params.hdr.hardware_subarch_data;
  if (!Mapped(address, sizeof(bootabi::boot_descriptor))) {
    FailWithError("handoff", base::MakeError("no unientry descriptor",
                                             "boot_params.hdr.hardware_subarch_data",
                                             arch::IdentityMappedBytes(), address));
  }
  auto& descriptor = *reinterpret_cast<bootabi::boot_descriptor*>(address);
  if (descriptor.magic != bootabi::kBootDescriptorMagic) {
    FailWithError("handoff", base::MakeError("bad magic", "boot_descriptor.magic",
                                             bootabi::kBootDescriptorMagic, descriptor.magic));
  }
  if (descriptor.version != bootabi::kBootDescriptorVersion ||
      descriptor.size < sizeof(bootabi::boot_descriptor)) {
    FailWithError("handoff", base::MakeError("unsupported descriptor version",
                                             "boot_descriptor.version",
                                             bootabi::kBootDescriptorVersion, descriptor.version));
  }
  if (descriptor.entry >= bootabi::kBootEntryCount) {
    FailWithError("handoff", base::MakeError("unknown boot entry", "boot_descriptor.entry",
                                             bootabi::kBootEntryCount - 1, descriptor.entry));
  }
  if (descriptor.firmware >= bootabi::kFirmwareCount) {
    FailWithError("handoff", base::MakeError("unknown firmware", "boot_descriptor.firmware",
                                             bootabi::kFirmwareCount - 1, descriptor.firmware));
  }
  return descriptor;
}

base::StringView CommandLineOf(const bootabi::boot_params& params) {
  const uint64_t address = bootabi::CommandLineAddress(params);
  if (address == 0) return {};
  if (!Mapped(address, 1)) {
    FailWithError("handoff", base::MakeError("command line outside the identity map",
                                             "boot_params.hdr.cmd_line_ptr",
                                             arch::IdentityMappedBytes(), address));
  }
  const char* text = reinterpret_cast<const char*>(address);
  size_t length = 0;
  while (length < bootabi::kCommandLineSize && text[length] != '\0') ++length;
  return base::StringView(text, length);
}

// A kernel built QUIET (unientry_add_kernel) links this symbol at address 1.
extern "C" [[gnu::weak]] const char unientry_quiet_by_default;

// `unientry.quiet` (or unientry.quiet=1) makes the boot quiet, unientry.quiet=0 loud; without
// the word, the kernel's build decides.
bool QuietBoot(base::StringView command_line) {
  bootinfo::CommandLineWord word;
  if (bootinfo::CommandLine(command_line).Find("unientry.quiet", word) != nullptr) {
    return !(word.has_value && word.value == base::StringView("0"));
  }
  const char* quiet_symbol = &unientry_quiet_by_default;
  __asm__("" : "+r"(quiet_symbol));  // a weak symbol's address may be 0: do not let it be assumed otherwise
  return quiet_symbol != nullptr;
}

}  // namespace

uint32_t PeekHardwareSubarch(const bootabi::boot_params* params) {
  if (!Mapped(reinterpret_cast<uint64_t>(params), sizeof(*params))) {
    return static_cast<uint32_t>(bootabi::HardwareSubarch::kPc);
  }
  return params->hdr.hardware_subarch;
}

void AcceptHandoff(const bootabi::boot_params* params) {
  if (params == nullptr || !Mapped(reinterpret_cast<uint64_t>(params), sizeof(*params))) {
    FailWithError("handoff", base::MakeError("boot_params outside the identity map", "rsi",
                                             arch::IdentityMappedBytes(),
                                             reinterpret_cast<uint64_t>(params)));
  }
  if (params->hdr.header != bootabi::kSetupHeaderMagic) {
    FailWithError("handoff", base::MakeError("bad setup header magic", "boot_params.hdr.header",
                                             bootabi::kSetupHeaderMagic, params->hdr.header));
  }
  if (params->hdr.hardware_subarch >= bootabi::kHardwareSubarchCount) {
    FailWithError("handoff", base::MakeError("unknown hardware subarch",
                                             "boot_params.hdr.hardware_subarch",
                                             bootabi::kHardwareSubarchCount - 1,
                                             params->hdr.hardware_subarch));
  }
  bootabi::boot_descriptor& descriptor = CheckDescriptor(*params);
  gBoot.params = params;
  gBoot.descriptor = &descriptor;
  gBoot.entry = static_cast<bootabi::BootEntry>(descriptor.entry);
  gBoot.firmware = static_cast<bootabi::Firmware>(descriptor.firmware);
  gBoot.command_line = CommandLineOf(*params);
  console::SetQuiet(QuietBoot(gBoot.command_line));
  // A quiet boot names its entry and firmware in the init summary instead.
  console::Line().Append("entry ").Append(bootabi::BootEntryName(gBoot.entry));
  console::Line().Append("firmware ").Append(bootabi::FirmwareName(gBoot.firmware));

  if (descriptor.translation_error[0] != '\0') {
    base::StringBuffer<bootabi::kBootTranslationErrorSize + 32> message;
    message.Append(bootabi::BootEntryName(gBoot.entry));
    message.Append(" stub: ");
    char error[bootabi::kBootTranslationErrorSize];
    base::CopyBoundedString(error, sizeof(error), descriptor.translation_error, sizeof(error));
    message.Append(error);
    Fail(message.c_str());
  }
}
